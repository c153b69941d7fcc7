namespace Rdd.Core.Partitioning;

/// <summary>
/// Chooses the partitioner of a shuffle whose caller gave no partition count (Spark's
/// Partitioner.defaultPartitioner): reuse the largest existing partitioner of the inputs when it is not
/// much smaller than the largest input, so already-partitioned data need not move; otherwise hash into as
/// many partitions as the largest input has.
/// </summary>
internal static class DefaultPartitioner
{
    public static Partitioner For(int? numPartitions, params Rdds.IRdd[] rdds)
    {
        if (numPartitions is { } n) return new HashPartitioner(n);
        int maxPartitions = rdds.Max(r => r.Partitions.Length);
        var existing = rdds.Select(r => r.Partitioner).Where(p => p is { NumPartitions: > 0 }).MaxBy(p => p!.NumPartitions);
        if (existing is not null)
        {
            bool eligible = Math.Log10(maxPartitions) - Math.Log10(existing.NumPartitions) < 1;
            if (eligible || maxPartitions <= existing.NumPartitions) return existing;
        }
        return new HashPartitioner(Math.Max(1, maxPartitions));
    }
}
