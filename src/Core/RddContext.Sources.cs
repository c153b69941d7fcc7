using Rdd.Core.Rdds;

namespace Rdd.Core;

public sealed partial class RddContext
{
    /// <summary>
    /// Distributes a local collection in <paramref name="numSlices"/> slices (default: <see cref="DefaultParallelism"/>);
    /// slice i of n elements holds positions [i*n/s, (i+1)*n/s). The collection is read when a job runs.
    /// </summary>
    public Rdd<T> Parallelize<T>(IEnumerable<T> data, int? numSlices = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ParallelCollectionRdd<T>(this, data, CheckSlices(numSlices));
    }

    /// <summary>The numbers from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) by <paramref name="step"/>, sliced like Parallelize.</summary>
    public Rdd<long> Range(long start, long end, long step = 1, int? numSlices = null)
    {
        if (step == 0) throw new ArgumentException("Step must not be zero.", nameof(step));
        return new RangeRdd(this, start, end, step, CheckSlices(numSlices));
    }

    /// <summary>
    /// The lines of a text file, of the files of a folder, or of the files matching a glob (<c>*</c>, <c>?</c>);
    /// names starting with <c>_</c> or <c>.</c> are skipped. Large files are split into byte ranges at line
    /// boundaries; gzip files are read whole. A missing path throws <see cref="FileNotFoundException"/> when a job runs.
    /// </summary>
    public Rdd<string> TextFile(string path, int? minPartitions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new TextFileRdd(this, path, CheckMinPartitions(minPartitions));
    }

    /// <summary>One (path, content) pair per file of a file, folder or glob.</summary>
    public Rdd<(string Path, string Content)> WholeTextFiles(string path, int? minPartitions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new WholeTextFilesRdd(this, path, CheckMinPartitions(minPartitions));
    }

    /// <summary>The elements written by <see cref="Rdd{T}.SaveAsObjectFile"/>, one partition per part file.</summary>
    public Rdd<T> ObjectFile<T>(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ObjectFileRdd<T>(this, path, nameof(ObjectFile));
    }

    /// <summary>The concatenation of several Rdds' partitions, in order (no shuffle).</summary>
    public Rdd<T> Union<T>(params Rdd<T>[] rdds)
    {
        ArgumentNullException.ThrowIfNull(rdds);
        if (rdds.Length == 0) throw new ArgumentException("Union needs at least one Rdd.", nameof(rdds));
        foreach (var rdd in rdds)
        {
            ArgumentNullException.ThrowIfNull(rdd, nameof(rdds));
            if (rdd.Context != this) throw new ArgumentException("Every Rdd of a union must belong to this context.", nameof(rdds));
        }
        return new UnionRdd<T>(this, rdds.ToArray());
    }

    /// <summary>Hadoop's default for file sources: at most two partitions unless asked for more.</summary>
    private int CheckMinPartitions(int? minPartitions)
    {
        if (minPartitions is <= 0) throw new ArgumentException($"Minimum partitions ({minPartitions}) must be positive.", nameof(minPartitions));
        return minPartitions ?? Math.Min(DefaultParallelism, 2);
    }

    private int CheckSlices(int? numSlices)
    {
        if (numSlices is <= 0) throw new ArgumentException($"Number of slices ({numSlices}) must be positive.", nameof(numSlices));
        return numSlices ?? DefaultParallelism;
    }
}
