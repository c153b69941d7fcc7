namespace Rdd.Core;

/// <summary>
/// Places the keys of a key-value Rdd in partitions. Partitioners have value equality: two Rdds
/// partitioned by equal partitioners can be joined without a shuffle. Subclass it to write your own.
/// </summary>
public abstract class Partitioner
{
    /// <summary>The number of partitions keys are placed in.</summary>
    public abstract int NumPartitions { get; }

    /// <summary>The partition of <paramref name="key"/>, in [0, NumPartitions).</summary>
    public abstract int GetPartition(object? key);

    /// <summary>Typed placement used by the shuffle; avoids boxing for the built-in partitioners.</summary>
    internal virtual Func<TKey, int> PartitionFunction<TKey>() => key => GetPartition(key);

    /// <summary>Partitioners must implement value equality.</summary>
    public abstract override bool Equals(object? obj);

    /// <inheritdoc />
    public abstract override int GetHashCode();
}
