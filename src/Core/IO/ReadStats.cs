namespace Rdd.Core.IO;

/// <summary>
/// Input metrics a reader adds to as it goes; the task copies them into its TaskMetrics. One instance
/// belongs to one task, so the counters are plain (not interlocked).
/// </summary>
internal sealed class ReadStats
{
    /// <summary>Bytes read from files (compressed bytes for gzip input, as Hadoop counts them).</summary>
    public long BytesRead { get; set; }

    /// <summary>Records (lines, or whole files) handed to the caller.</summary>
    public long RecordsRead { get; set; }
}
