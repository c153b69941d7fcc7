namespace Rdd.Core;

/// <summary>What one task read and wrote, published with its <see cref="TaskEnded"/> event.</summary>
public sealed class TaskMetrics
{
    /// <summary>Records read from the task's sources (collections, files, checkpoints, cached blocks).</summary>
    public long RecordsRead { get; internal set; }

    /// <summary>Bytes read from input files.</summary>
    public long BytesRead { get; internal set; }

    /// <summary>Records the task produced (its result, or what it wrote to a file).</summary>
    public long RecordsWritten { get; internal set; }

    /// <summary>Bytes written to output files.</summary>
    public long BytesWritten { get; internal set; }

    /// <summary>Records fetched from the shuffle.</summary>
    public long ShuffleRecordsRead { get; internal set; }

    /// <summary>Bytes fetched from the shuffle (serialized size when the shuffle is on disk, estimated otherwise).</summary>
    public long ShuffleBytesRead { get; internal set; }

    /// <summary>Records written to the shuffle, after map-side combining.</summary>
    public long ShuffleRecordsWritten { get; internal set; }

    /// <summary>Bytes written to the shuffle (serialized size when the shuffle is on disk, estimated otherwise).</summary>
    public long ShuffleBytesWritten { get; internal set; }

    /// <summary>Bytes spilled to disk because an in-memory buffer was full.</summary>
    public long SpilledBytes { get; internal set; }

    internal void Add(TaskMetrics other)
    {
        RecordsRead += other.RecordsRead;
        BytesRead += other.BytesRead;
        RecordsWritten += other.RecordsWritten;
        BytesWritten += other.BytesWritten;
        ShuffleRecordsRead += other.ShuffleRecordsRead;
        ShuffleBytesRead += other.ShuffleBytesRead;
        ShuffleRecordsWritten += other.ShuffleRecordsWritten;
        ShuffleBytesWritten += other.ShuffleBytesWritten;
        SpilledBytes += other.SpilledBytes;
    }
}
