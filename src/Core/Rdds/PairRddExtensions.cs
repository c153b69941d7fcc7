using Rdd.Core.Execution;
using Rdd.Core.Partitioning;
using Rdd.Core.Rdds;
using Rdd.Core.Shuffle;

namespace Rdd.Core;

/// <summary>
/// Operations on Rdds of <c>(key, value)</c> pairs (Spark's PairRDDFunctions). Every shuffling operation
/// takes an optional partition count; without one it uses the largest partition count of its inputs, and
/// reuses an input's partitioner when it already has one, so that data partitioned once is not moved again.
/// </summary>
public static class PairRddExtensions
{
    /// <summary>Merges the values of each key with <paramref name="f"/>, combining within each partition before the shuffle.</summary>
    public static Rdd<(K, V)> ReduceByKey<K, V>(this Rdd<(K, V)> rdd, Func<V, V, V> f, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return CombineByKeyCore(rdd, static v => v, f, f, numPartitions, nameof(ReduceByKey));
    }

    /// <summary>Groups the values of each key (no map-side combining: all values cross the shuffle).</summary>
    public static Rdd<(K, IEnumerable<V>)> GroupByKey<K, V>(this Rdd<(K, V)> rdd, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        CheckPartitionCount(numPartitions);
        var aggregator = new Aggregator<V, List<V>>(static v => [v], static (list, v) =>
        {
            list.Add(v);
            return list;
        }, static (a, b) =>
        {
            a.AddRange(b);
            return a;
        });
        var grouped = new ShuffledRdd<K, V, List<V>>(rdd, () => DefaultPartitioner.For(numPartitions, rdd), aggregator, false, nameof(GroupByKey));
        return new MapRdd<(K, List<V>), (K, IEnumerable<V>)>(grouped, static g => (g.Item1, g.Item2), nameof(GroupByKey), preservesPartitioning: true);
    }

    /// <summary>Aggregates the values of each key from a copy of <paramref name="zero"/>: <paramref name="seqOp"/> within a partition, <paramref name="combOp"/> across.</summary>
    public static Rdd<(K, U)> AggregateByKey<K, V, U>(this Rdd<(K, V)> rdd, U zero, Func<U, V, U> seqOp, Func<U, U, U> combOp, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(seqOp);
        ArgumentNullException.ThrowIfNull(combOp);
        var copyZero = ZeroValue.Copier(zero);
        return CombineByKeyCore(rdd, v => seqOp(copyZero(), v), seqOp, combOp, numPartitions, nameof(AggregateByKey));
    }

    /// <summary>Folds the values of each key with <paramref name="f"/>, starting from a copy of <paramref name="zero"/> per key and partition.</summary>
    public static Rdd<(K, V)> FoldByKey<K, V>(this Rdd<(K, V)> rdd, V zero, Func<V, V, V> f, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var copyZero = ZeroValue.Copier(zero);
        return CombineByKeyCore(rdd, v => f(copyZero(), v), f, f, numPartitions, nameof(FoldByKey));
    }

    /// <summary>The general per-key aggregation: start a combiner from a value, add values to it, merge combiners.</summary>
    public static Rdd<(K, C)> CombineByKey<K, V, C>(this Rdd<(K, V)> rdd, Func<V, C> createCombiner, Func<C, V, C> mergeValue, Func<C, C, C> mergeCombiners, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(createCombiner);
        ArgumentNullException.ThrowIfNull(mergeValue);
        ArgumentNullException.ThrowIfNull(mergeCombiners);
        return CombineByKeyCore(rdd, createCombiner, mergeValue, mergeCombiners, numPartitions, nameof(CombineByKey));
    }

    private static Rdd<(K, C)> CombineByKeyCore<K, V, C>(Rdd<(K, V)> rdd, Func<V, C> create, Func<C, V, C> merge, Func<C, C, C> combine, int? numPartitions, string operation)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        CheckPartitionCount(numPartitions);
        return new ShuffledRdd<K, V, C>(rdd, () => DefaultPartitioner.For(numPartitions, rdd), new Aggregator<V, C>(create, merge, combine), true, operation);
    }

    /// <summary>Applies <paramref name="f"/> to each value; keys and the partitioner are kept.</summary>
    public static Rdd<(K, U)> MapValues<K, V, U>(this Rdd<(K, V)> rdd, Func<V, U> f)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        ArgumentNullException.ThrowIfNull(f);
        return new MapRdd<(K, V), (K, U)>(rdd, p => (p.Item1, f(p.Item2)), nameof(MapValues), preservesPartitioning: true);
    }

    /// <summary>Applies <paramref name="f"/> to each value and pairs every result with the key; the partitioner is kept.</summary>
    public static Rdd<(K, U)> FlatMapValues<K, V, U>(this Rdd<(K, V)> rdd, Func<V, IEnumerable<U>> f)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        ArgumentNullException.ThrowIfNull(f);
        return new FlatMapRdd<(K, V), (K, U)>(rdd, p => f(p.Item2).Select(u => (p.Item1, u)), nameof(FlatMapValues), preservesPartitioning: true);
    }

    /// <summary>The keys.</summary>
    public static Rdd<K> Keys<K, V>(this Rdd<(K, V)> rdd) => rdd.Map(static p => p.Item1);

    /// <summary>The values.</summary>
    public static Rdd<V> Values<K, V>(this Rdd<(K, V)> rdd) => rdd.Map(static p => p.Item2);

    /// <summary>
    /// Sorts by key: a range-partitioned shuffle (bounds sampled from the data when the job runs) followed by a
    /// sort of each partition; partition i holds keys before those of partition i+1. Keeps the input's partition count.
    /// </summary>
    public static Rdd<(K, V)> SortByKey<K, V>(this Rdd<(K, V)> rdd, bool ascending = true, int? numPartitions = null, IComparer<K>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        CheckPartitionCount(numPartitions);
        var ordering = comparer ?? KeyComparer<K>.Default;
        return new ShuffledRdd<K, V, V>(rdd, () => new RangePartitioner<K>(numPartitions ?? rdd.NumPartitions, ascending, ordering, ct => RangeSampler.SampleBoundsAsync(rdd, numPartitions ?? rdd.NumPartitions, ordering, ct)),
            null, false, nameof(SortByKey), ordering, descending: !ascending);
    }

    /// <summary>Pairs of values for every key present in both Rdds (inner join).</summary>
    public static Rdd<(K, (V, W))> Join<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null) =>
        CoGroupLists(rdd, other, numPartitions, nameof(Join)).FlatMapValues(static g => JoinPairs(g.Item1, g.Item2));

    /// <summary>Every value of this Rdd with each matching value of <paramref name="other"/>, or None when the key is absent there.</summary>
    public static Rdd<(K, (V, Option<W>))> LeftOuterJoin<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null) =>
        CoGroupLists(rdd, other, numPartitions, nameof(LeftOuterJoin)).FlatMapValues(static g =>
            g.Item2.Count == 0 ? g.Item1.Select(v => (v, Option<W>.None)) : JoinPairs(g.Item1, g.Item2).Select(p => (p.Item1, Option.Some(p.Item2))));

    /// <summary>Every value of <paramref name="other"/> with each matching value of this Rdd, or None when the key is absent here.</summary>
    public static Rdd<(K, (Option<V>, W))> RightOuterJoin<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null) =>
        CoGroupLists(rdd, other, numPartitions, nameof(RightOuterJoin)).FlatMapValues(static g =>
            g.Item1.Count == 0 ? g.Item2.Select(w => (Option<V>.None, w)) : JoinPairs(g.Item1, g.Item2).Select(p => (Option.Some(p.Item1), p.Item2)));

    /// <summary>The union of the left and right outer joins.</summary>
    public static Rdd<(K, (Option<V>, Option<W>))> FullOuterJoin<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null) =>
        CoGroupLists(rdd, other, numPartitions, nameof(FullOuterJoin)).FlatMapValues(static g =>
            g.Item1.Count == 0 ? g.Item2.Select(w => (Option<V>.None, Option.Some(w)))
            : g.Item2.Count == 0 ? g.Item1.Select(v => (Option.Some(v), Option<W>.None))
            : JoinPairs(g.Item1, g.Item2).Select(p => (Option.Some(p.Item1), Option.Some(p.Item2))));

    /// <summary>For every key of either Rdd, the values it has in each.</summary>
    public static Rdd<(K, (IEnumerable<V>, IEnumerable<W>))> CoGroup<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null) =>
        new MapRdd<(K, (List<V>, List<W>)), (K, (IEnumerable<V>, IEnumerable<W>))>(
            CoGroupLists(rdd, other, numPartitions, nameof(CoGroup)), static g => (g.Item1, (g.Item2.Item1, g.Item2.Item2)), nameof(CoGroup), preservesPartitioning: true);

    /// <summary>The pairs of this Rdd whose key is absent from <paramref name="other"/>. Keeps this Rdd's partition count.</summary>
    public static Rdd<(K, V)> SubtractByKey<K, V, W>(this Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        ArgumentNullException.ThrowIfNull(other);
        CheckPartitionCount(numPartitions);
        var grouped = new CoGroupedRdd<K, V, W>(rdd, other, () => new HashPartitioner(numPartitions ?? rdd.NumPartitions), nameof(SubtractByKey));
        return grouped.FlatMapValues(static g => g.Item2.Count == 0 ? g.Item1 : (IEnumerable<V>)[]);
    }

    /// <summary>Places the pairs by <paramref name="partitioner"/> (a shuffle, skipped when the Rdd is already partitioned that way).</summary>
    public static Rdd<(K, V)> PartitionBy<K, V>(this Rdd<(K, V)> rdd, Partitioner partitioner)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        ArgumentNullException.ThrowIfNull(partitioner);
        if (Equals(rdd.Partitioner, partitioner)) return rdd;
        return new ShuffledRdd<K, V, V>(rdd, () => partitioner, null, false, nameof(PartitionBy));
    }

    /// <summary>Hash-partitions the pairs into <paramref name="numPartitions"/> partitions.</summary>
    public static Rdd<(K, V)> PartitionBy<K, V>(this Rdd<(K, V)> rdd, int numPartitions) => rdd.PartitionBy(new HashPartitioner(numPartitions));

    /// <summary>The number of pairs of each key (null keys are not supported).</summary>
    public static IReadOnlyDictionary<K, long> CountByKey<K, V>(this Rdd<(K, V)> rdd)
        where K : notnull =>
        rdd.MapValues(static _ => 1L).ReduceByKey(static (a, b) => a + b).CollectAsMap();

    /// <summary>The pairs as a dictionary; for a repeated key the last value in partition order wins. Null keys are not supported.</summary>
    public static IReadOnlyDictionary<K, V> CollectAsMap<K, V>(this Rdd<(K, V)> rdd)
        where K : notnull
    {
        var map = new Dictionary<K, V>();
        foreach (var (key, value) in rdd.Collect())
        {
            if (key is null) throw new InvalidOperationException("CollectAsMap does not support null keys.");
            map[key] = value;
        }
        return map;
    }

    /// <summary>The values of <paramref name="key"/>; only the key's partition is computed when the partitioner is known.</summary>
    public static IReadOnlyList<V> Lookup<K, V>(this Rdd<(K, V)> rdd, K key)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        var comparer = EqualityComparer<K>.Default;
        var matching = rdd.Filter(p => comparer.Equals(p.Item1, key)).Values();
        if (rdd.Partitioner is { } partitioner)
        {
            int partition = partitioner.PartitionFunction<K>()(key);
            return matching.CollectPartitions([partition]).SelectMany(p => p).ToArray();
        }
        return matching.Collect();
    }

    private static CoGroupedRdd<K, V, W> CoGroupLists<K, V, W>(Rdd<(K, V)> rdd, Rdd<(K, W)> other, int? numPartitions, string operation)
    {
        ArgumentNullException.ThrowIfNull(rdd);
        ArgumentNullException.ThrowIfNull(other);
        CheckPartitionCount(numPartitions);
        return new CoGroupedRdd<K, V, W>(rdd, other, () => DefaultPartitioner.For(numPartitions, rdd, other), operation);
    }

    private static IEnumerable<(V, W)> JoinPairs<V, W>(List<V> left, List<W> right)
    {
        foreach (var v in left)
            foreach (var w in right)
                yield return (v, w);
    }

    private static void CheckPartitionCount(int? numPartitions)
    {
        if (numPartitions is <= 0) throw new ArgumentException($"Number of partitions ({numPartitions}) must be positive.", nameof(numPartitions));
    }
}
