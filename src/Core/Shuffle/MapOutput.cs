namespace Rdd.Core.Shuffle;

/// <summary>Where one map task's shuffle output lives: what a reduce task needs to fetch its part.</summary>
internal abstract class MapOutput
{
    /// <summary>Bytes this output holds in memory (zero for files).</summary>
    public virtual long MemoryBytes => 0;
}

/// <summary>Output kept as one array of records per reduce partition: no serialization, no copy.</summary>
internal sealed class InMemoryMapOutput(Array[] buckets, long estimatedBytes) : MapOutput
{
    public Array[] Buckets { get; } = buckets;

    public override long MemoryBytes => estimatedBytes;
}

/// <summary>
/// Output written to one data file: reduce partition p is the byte range [Offsets[p], Offsets[p+1]) of
/// records, raw blocks or MessagePack values (Spark's sort-shuffle data file plus its index; see Collections.SpillRecords).
/// </summary>
internal sealed class FileMapOutput(string path, long[] offsets) : MapOutput
{
    public string Path { get; } = path;

    public long[] Offsets { get; } = offsets;
}
