using Rdd.Core.Collections;
using Rdd.Core.Scheduling;
using Rdd.Core.Shuffle;

namespace Rdd.Core.Rdds;

/// <summary>
/// The reduce side of a shuffle: partition r holds the records whose key the partitioner places in r,
/// combined per key when an aggregator is given, sorted by key when an ordering is given (SortByKey).
/// The partitioner is resolved when a job first needs it, so that defining the Rdd lists no files.
/// </summary>
internal sealed class ShuffledRdd<TKey, TValue, TCombiner> : Rdd<(TKey, TCombiner)>
{
    private readonly Rdd<(TKey, TValue)> _parent;
    private readonly Lazy<Partitioner> _partitioner;
    private readonly Aggregator<TValue, TCombiner>? _aggregator;
    private readonly bool _mapSideCombine;
    private readonly IComparer<TKey>? _keyOrdering;
    private readonly bool _descending;

    public ShuffledRdd(
        Rdd<(TKey, TValue)> parent,
        Func<Partitioner> partitioner,
        Aggregator<TValue, TCombiner>? aggregator,
        bool mapSideCombine,
        string operation,
        IComparer<TKey>? keyOrdering = null,
        bool descending = false)
        : base(parent.Context, operation)
    {
        _parent = parent;
        _partitioner = new Lazy<Partitioner>(partitioner);
        _aggregator = aggregator;
        _mapSideCombine = mapSideCombine;
        _keyOrdering = keyOrdering;
        _descending = descending;
    }

    public override Partitioner Partitioner => _partitioner.Value;

    private protected override Partition[] GetPartitions() =>
        Enumerable.Range(0, Partitioner.NumPartitions).Select(i => new Partition(i)).ToArray();

    /// <summary>
    /// An aggregation over input that is already partitioned by the target partitioner needs no shuffle:
    /// each partition is combined in place (Spark's combineByKey does the same).
    /// </summary>
    private bool CombinesInPlace => _aggregator is not null && _keyOrdering is null && Equals(_parent.Partitioner, Partitioner);

    private protected override IReadOnlyList<Dependency> GetDependencies() =>
        CombinesInPlace
            ? [new OneToOneDependency(_parent)]
            : [new ShuffleDependency<TKey, TValue, TCombiner>(_parent, Partitioner, _aggregator, _mapSideCombine, _keyOrdering)];

    private protected override IEnumerable<(TKey, TCombiner)> Compute(Partition split, TaskContext context)
    {
        if (Dependencies[0] is not ShuffleDependency<TKey, TValue, TCombiner> dep)
        {
            var local = new CombineMap<TKey, TCombiner>();
            var (createLocal, mergeLocal) = (_aggregator!.CreateCombiner, _aggregator.MergeValue);
            foreach (var (key, value) in _parent.Iterator(_parent.Partitions[split.Index], context))
            {
                ref var slot = ref local.GetValueRefOrAddDefault(key, out bool exists);
                slot = exists ? mergeLocal(slot, value) : createLocal(value);
            }
            return local.ToArray();
        }
        int maps = _parent.Partitions.Length;
        var shuffle = Context.Shuffle;
        if (_aggregator is null)
        {
            // No aggregator means TCombiner is TValue: records pass through (sorted for SortByKey).
            var records = shuffle.ReadReducePartition<TKey, TCombiner>(dep.ShuffleId, split.Index, maps, context);
            if (_keyOrdering is null) return records;
            var all = records.ToArray();
            StableSort(all, _keyOrdering, _descending);
            return all;
        }
        var map = new CombineMap<TKey, TCombiner>();
        if (dep.MapSideCombine)
        {
            var merge = _aggregator.MergeCombiners;
            foreach (var (key, combiner) in shuffle.ReadReducePartition<TKey, TCombiner>(dep.ShuffleId, split.Index, maps, context))
            {
                ref var slot = ref map.GetValueRefOrAddDefault(key, out bool exists);
                slot = exists ? merge(slot, combiner) : combiner;
            }
        }
        else
        {
            var (create, mergeValue) = (_aggregator.CreateCombiner, _aggregator.MergeValue);
            foreach (var (key, value) in shuffle.ReadReducePartition<TKey, TValue>(dep.ShuffleId, split.Index, maps, context))
            {
                ref var slot = ref map.GetValueRefOrAddDefault(key, out bool exists);
                slot = exists ? mergeValue(slot, value) : create(value);
            }
        }
        var entries = map.ToArray();
        if (_keyOrdering is not null) StableSort(entries, _keyOrdering, _descending);
        return entries;
    }

    /// <summary>
    /// Sorts by key keeping the arrival (map) order of equal keys, as Spark's TimSort-based sorter does:
    /// an introsort of keys carrying their positions (fast for primitive keys), then each run of equal keys
    /// is put back in position order.
    /// </summary>
    internal static void StableSort((TKey, TCombiner)[] records, IComparer<TKey> ordering, bool descending)
    {
        if (records.Length < 2) return;
        var keys = new TKey[records.Length];
        var order = new int[records.Length];
        for (int i = 0; i < records.Length; i++)
        {
            keys[i] = records[i].Item1;
            order[i] = i;
        }
        Array.Sort(keys, order, ordering);
        if (descending)
        {
            Array.Reverse(keys);
            Array.Reverse(order);
        }
        for (int runStart = 0; runStart < keys.Length;)
        {
            int runEnd = runStart + 1;
            while (runEnd < keys.Length && ordering.Compare(keys[runStart], keys[runEnd]) == 0) runEnd++;
            if (runEnd - runStart > 1) Array.Sort(order, runStart, runEnd - runStart);
            runStart = runEnd;
        }
        var copy = ((TKey, TCombiner)[])records.Clone();
        for (int i = 0; i < order.Length; i++) records[i] = copy[order[i]];
    }
}
