using Rdd.Core.Partitioning;

namespace Rdd.Core;

/// <summary>
/// Places a key by a hash that is the same in every process (Java's hashCode rules for strings and
/// primitives, not .NET's per-process randomized string hash), modulo the partition count; null keys go
/// to partition 0.
/// </summary>
public sealed class HashPartitioner : Partitioner
{
    private readonly int _numPartitions;

    /// <summary>A partitioner over <paramref name="numPartitions"/> partitions.</summary>
    public HashPartitioner(int numPartitions)
    {
        if (numPartitions <= 0) throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));
        _numPartitions = numPartitions;
    }

    /// <inheritdoc />
    public override int NumPartitions => _numPartitions;

    /// <inheritdoc />
    public override int GetPartition(object? key) => key is null ? 0 : NonNegativeMod(StableHash.OfObject(key), _numPartitions);

    internal override Func<TKey, int> PartitionFunction<TKey>()
    {
        var hash = StableHash<TKey>.Function;
        int n = _numPartitions;
        return key => key is null ? 0 : NonNegativeMod(hash(key), n);
    }

    internal static int NonNegativeMod(int x, int mod)
    {
        int r = x % mod;
        return r < 0 ? r + mod : r;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is HashPartitioner other && other._numPartitions == _numPartitions;

    /// <inheritdoc />
    public override int GetHashCode() => _numPartitions;

    /// <inheritdoc />
    public override string ToString() => $"HashPartitioner({_numPartitions})";
}
