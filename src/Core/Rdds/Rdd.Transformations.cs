using Rdd.Core.Partitioning;
using Rdd.Core.Rdds;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    /// <summary>Applies <paramref name="f"/> to every element.</summary>
    public Rdd<U> Map<U>(Func<T, U> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new MapRdd<T, U>(this, f, nameof(Map));
    }

    /// <summary>Applies <paramref name="f"/> to every element and flattens the results.</summary>
    public Rdd<U> FlatMap<U>(Func<T, IEnumerable<U>> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FlatMapRdd<T, U>(this, f, nameof(FlatMap));
    }

    /// <summary>Keeps the elements that satisfy <paramref name="predicate"/>; the partitioner is kept.</summary>
    public Rdd<T> Filter(Func<T, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new FilterRdd<T>(this, predicate, nameof(Filter));
    }

    /// <summary>Applies <paramref name="f"/> to each whole partition.</summary>
    /// <param name="f">The partition's elements in, the new elements out.</param>
    /// <param name="preservesPartitioning">True when <paramref name="f"/> does not change keys, so the partitioner is kept.</param>
    public Rdd<U> MapPartitions<U>(Func<IEnumerable<T>, IEnumerable<U>> f, bool preservesPartitioning = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new MapPartitionsRdd<T, U>(this, (_, items) => f(items), nameof(MapPartitions), preservesPartitioning);
    }

    /// <summary>Applies <paramref name="f"/> to each whole partition, with the partition's index.</summary>
    public Rdd<U> MapPartitionsWithIndex<U>(Func<int, IEnumerable<T>, IEnumerable<U>> f, bool preservesPartitioning = false)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new MapPartitionsRdd<T, U>(this, f, nameof(MapPartitionsWithIndex), preservesPartitioning);
    }

    /// <summary>The distinct elements (a shuffle).</summary>
    public Rdd<T> Distinct(int? numPartitions = null)
    {
        CheckPartitionCount(numPartitions);
        return Map(static x => (x, (byte)0)).ReduceByKey(static (a, _) => a, numPartitions).Map<T>(static p => p.Item1);
    }

    /// <summary>
    /// A random sample: each element kept with probability <paramref name="fraction"/> (without replacement) or
    /// repeated Poisson(<paramref name="fraction"/>) times (with replacement). Reproducible for a given seed;
    /// a null seed is drawn once, now, so that repeated actions agree.
    /// </summary>
    public Rdd<T> Sample(bool withReplacement, double fraction, int? seed = null)
    {
        if (double.IsNaN(fraction) || fraction < 0 || (!withReplacement && fraction > 1) || double.IsInfinity(fraction))
            throw new ArgumentException($"Fraction must be in [0, 1] without replacement and non-negative with replacement, but got {fraction}.", nameof(fraction));
        return new SampledRdd<T>(this, withReplacement, fraction, seed ?? Random.Shared.Next());
    }

    /// <summary>The elements of both Rdds, duplicates kept (no shuffle).</summary>
    public Rdd<T> Union(Rdd<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new UnionRdd<T>(Context, [this, other]);
    }

    /// <summary>The distinct elements present in both Rdds (a shuffle).</summary>
    public Rdd<T> Intersection(Rdd<T> other, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckPartitionCount(numPartitions);
        return Map(static x => (x, (byte)0))
            .CoGroup(other.Map(static x => (x, (byte)0)), numPartitions)
            .Filter(static g => g.Item2.Item1.Any() && g.Item2.Item2.Any())
            .Map<T>(static g => g.Item1);
    }

    /// <summary>The elements of this Rdd not present in <paramref name="other"/>, duplicates kept (a shuffle).</summary>
    public Rdd<T> Subtract(Rdd<T> other, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        CheckPartitionCount(numPartitions);
        return Map(static x => (x, (byte)0))
            .SubtractByKey(other.Map(static x => (x, (byte)0)), numPartitions)
            .Map<T>(static p => p.Item1);
    }

    /// <summary>Every pair of an element of this Rdd with an element of <paramref name="other"/>.</summary>
    public Rdd<(T, U)> Cartesian<U>(Rdd<U> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CartesianRdd<T, U>(this, other);
    }

    /// <summary>Pairs the i-th element of this Rdd with the i-th of <paramref name="other"/>; both need the same partition count and partition sizes.</summary>
    public Rdd<(T, U)> Zip<U>(Rdd<U> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new ZippedPartitionsRdd<T, U>(this, other);
    }

    /// <summary>Each element with its index in the Rdd (partition order, then position).</summary>
    public Rdd<(T Item, long Index)> ZipWithIndex() => new ZippedWithIndexRdd<T>(this);

    /// <summary>Each partition as one array.</summary>
    public Rdd<T[]> Glom() => new MapPartitionsRdd<T, T[]>(this, static (_, items) => [items.ToArray()], nameof(Glom));

    /// <summary>Groups the elements by <paramref name="keySelector"/> (a shuffle).</summary>
    public Rdd<(K Key, IEnumerable<T> Values)> GroupBy<K>(Func<T, K> keySelector, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        CheckPartitionCount(numPartitions);
        return KeyBy(keySelector).GroupByKey(numPartitions).Map<(K, IEnumerable<T>)>(static g => (g.Item1, g.Item2));
    }

    /// <summary>Pairs each element with its key: <c>(keySelector(x), x)</c>.</summary>
    public Rdd<(K, T)> KeyBy<K>(Func<T, K> keySelector)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        return new MapRdd<T, (K, T)>(this, x => (keySelector(x), x), nameof(KeyBy));
    }

    /// <summary>Sorts by <paramref name="keySelector"/> (a range-partitioned shuffle; equal keys keep their order).</summary>
    public Rdd<T> SortBy<K>(Func<T, K> keySelector, bool ascending = true, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(keySelector);
        CheckPartitionCount(numPartitions);
        return KeyBy(keySelector).SortByKey(ascending, numPartitions).Values();
    }

    /// <summary>
    /// Fewer partitions. Without shuffle, neighbouring partitions are concatenated (order kept, no data moves);
    /// with shuffle, elements are spread evenly over <paramref name="numPartitions"/> partitions (which may be more).
    /// </summary>
    public Rdd<T> Coalesce(int numPartitions, bool shuffle = false)
    {
        if (numPartitions <= 0) throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));
        if (!shuffle) return new CoalescedRdd<T>(this, numPartitions);
        var keyed = new MapPartitionsRdd<T, (int, T)>(this, (index, items) => SpreadEvenly(index, items, numPartitions), "Repartition");
        return new ShuffledRdd<int, T, T>(keyed, () => new HashPartitioner(numPartitions), null, false, "Repartition").Map<T>(static p => p.Item2);
    }

    /// <summary>Exactly <paramref name="numPartitions"/> partitions of about equal size (a shuffle).</summary>
    public Rdd<T> Repartition(int numPartitions) => Coalesce(numPartitions, shuffle: true);

    private static IEnumerable<(int, T)> SpreadEvenly(int partitionIndex, IEnumerable<T> items, int numPartitions)
    {
        // Round robin from a start that depends on the partition, so small partitions do not all land in 0 (Spark's rule).
        int position = new SplitMix64(partitionIndex).NextInt(numPartitions);
        foreach (var item in items) yield return (position++ % numPartitions, item);
    }

    /// <summary>Streams each partition through an external command, one line per element; its output lines are the result.</summary>
    public Rdd<string> Pipe(string command)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return new PipedRdd<T>(this, command);
    }

    /// <summary>Splits the Rdd randomly by <paramref name="weights"/> (normalized); the parts are disjoint and cover it.</summary>
    public Rdd<T>[] RandomSplit(double[] weights, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0 || weights.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)) || weights.Sum() <= 0)
            throw new ArgumentException("Weights must be non-negative, finite, and sum to a positive number.", nameof(weights));
        long fixedSeed = seed ?? Random.Shared.Next();
        double total = weights.Sum();
        var parts = new Rdd<T>[weights.Length];
        double lower = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double upper = i == weights.Length - 1 ? 1.0 : lower + weights[i] / total;
            parts[i] = new RandomSplitRdd<T>(this, lower, upper, fixedSeed);
            lower = upper;
        }
        return parts;
    }

    private protected static void CheckPartitionCount(int? numPartitions)
    {
        if (numPartitions is <= 0) throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));
    }
}
