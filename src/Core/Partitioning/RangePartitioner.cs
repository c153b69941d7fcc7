using Rdd.Core.Partitioning;

namespace Rdd.Core;

/// <summary>
/// Places keys in sorted, roughly equal ranges (Spark's RangePartitioner), for SortByKey and SortBy. The
/// range bounds come from a sample of the input, taken by a small job when the sort's shuffle is about to
/// run - not when the sort is defined, so building a chain stays free of work.
/// </summary>
public sealed class RangePartitioner<TKey> : Partitioner
{
    private readonly int _numPartitions;
    private readonly Func<CancellationToken, Task<TKey[]>> _sampleBounds;
    private readonly IComparer<TKey> _comparer;
    private readonly SemaphoreSlim _boundsGate = new(1, 1);
    private TKey[]? _bounds;

    internal RangePartitioner(int numPartitions, bool ascending, IComparer<TKey>? comparer, Func<CancellationToken, Task<TKey[]>> sampleBounds)
    {
        if (numPartitions <= 0) throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));
        _numPartitions = numPartitions;
        Ascending = ascending;
        _comparer = comparer ?? KeyComparer<TKey>.Default;
        _sampleBounds = sampleBounds;
    }

    /// <inheritdoc />
    public override int NumPartitions => _numPartitions;

    /// <summary>True when partition 0 holds the smallest keys.</summary>
    public bool Ascending { get; }

    /// <summary>The upper bounds (inclusive) of each partition but the last; computing them runs a sampling job.</summary>
    public IReadOnlyList<TKey> Bounds => EnsureBoundsAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override int GetPartition(object? key) => GetPartition((TKey)key!, EnsureBoundsAsync(CancellationToken.None).GetAwaiter().GetResult());

    internal override Func<T, int> PartitionFunction<T>()
    {
        // The scheduler computes the bounds before a shuffle runs; a caller on the driver (Lookup) may need them before any job.
        var bounds = _bounds ?? EnsureBoundsAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (typeof(T) != typeof(TKey)) return key => GetPartition((TKey)(object)key!, bounds);
        var typed = (Func<TKey, int>)(key => GetPartition(key, bounds));
        return (Func<T, int>)(object)typed;
    }

    internal async Task<TKey[]> EnsureBoundsAsync(CancellationToken ct)
    {
        if (_bounds is { } ready) return ready;
        await _boundsGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _bounds ??= await _sampleBounds(ct).ConfigureAwait(false);
        }
        finally
        {
            _boundsGate.Release();
        }
    }

    private int GetPartition(TKey key, TKey[] bounds)
    {
        int partition;
        if (bounds.Length <= 128)
        {
            partition = 0;
            while (partition < bounds.Length && _comparer.Compare(key, bounds[partition]) > 0) partition++;
        }
        else
        {
            int index = Array.BinarySearch(bounds, key, _comparer);
            partition = index < 0 ? ~index : index;
        }
        return Ascending ? partition : _numPartitions - 1 - partition;
    }

    /// <summary>
    /// Picks <paramref name="partitions"/>-1 bounds from weighted samples so that each range holds about the
    /// same weight (Spark's RangePartitioner.determineBounds).
    /// </summary>
    internal static TKey[] DetermineBounds(List<(TKey Key, double Weight)> candidates, int partitions, IComparer<TKey> comparer)
    {
        if (partitions <= 1 || candidates.Count == 0) return [];
        candidates.Sort((a, b) => comparer.Compare(a.Key, b.Key));
        double total = 0;
        foreach (var c in candidates) total += c.Weight;
        double step = total / partitions;
        double cumulative = 0;
        double target = step;
        var bounds = new List<TKey>(partitions - 1);
        bool hasPrevious = false;
        TKey previous = default!;
        foreach (var (key, weight) in candidates)
        {
            cumulative += weight;
            if (cumulative < target) continue;
            if (!hasPrevious || comparer.Compare(key, previous) > 0)
            {
                bounds.Add(key);
                target += step;
                previous = key;
                hasPrevious = true;
                if (bounds.Count == partitions - 1) break;
            }
        }
        return bounds.ToArray();
    }

    /// <inheritdoc />
    public override bool Equals(object? obj)
    {
        if (ReferenceEquals(this, obj)) return true;
        return obj is RangePartitioner<TKey> other && other._numPartitions == _numPartitions && other.Ascending == Ascending
            && _bounds is not null && other._bounds is not null
            && _bounds.AsSpan().SequenceEqual(other._bounds, EqualityComparer<TKey>.Default);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numPartitions, Ascending);

    /// <inheritdoc />
    public override string ToString() => $"RangePartitioner({_numPartitions}, {(Ascending ? "ascending" : "descending")})";
}
