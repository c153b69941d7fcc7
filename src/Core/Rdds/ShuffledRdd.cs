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
            return Combine(context, map =>
            {
                foreach (var (key, value) in _parent.Iterator(_parent.Partitions[split.Index], context)) map.Insert(key, value);
            });
        int maps = _parent.Partitions.Length;
        var shuffle = Context.Shuffle;
        if (_aggregator is null)
        {
            // No aggregator means TCombiner is TValue: records pass through (sorted for SortByKey).
            var records = shuffle.ReadReducePartition<TKey, TCombiner>(dep.ShuffleId, split.Index, maps, context);
            return _keyOrdering is null ? records : Sorted(records, context);
        }
        var combined = dep.MapSideCombine
            ? Combine(context, map =>
            {
                foreach (var (key, combiner) in shuffle.ReadReducePartition<TKey, TCombiner>(dep.ShuffleId, split.Index, maps, context))
                    map.InsertCombiner(key, combiner);
            })
            : Combine(context, map =>
            {
                foreach (var (key, value) in shuffle.ReadReducePartition<TKey, TValue>(dep.ShuffleId, split.Index, maps, context))
                    map.Insert(key, value);
            });
        return _keyOrdering is null ? combined : Sorted(combined, context);
    }

    /// <summary>Aggregates per key in a map bounded by <see cref="RddConfig.ShuffleMemoryBytes"/>, spilling beyond it; runs when enumerated.</summary>
    private IEnumerable<(TKey, TCombiner)> Combine(TaskContext context, Action<ExternalAppendOnlyMap<TKey, TValue, TCombiner>> fill)
    {
        using var map = new ExternalAppendOnlyMap<TKey, TValue, TCombiner>(_aggregator!, Context.Config.ShuffleMemoryBytes, Context.SpillDirectory, context.Metrics);
        fill(map);
        foreach (var entry in map.Iterate()) yield return entry;
    }

    /// <summary>Sorts by key (stable) in a sorter bounded by <see cref="RddConfig.ShuffleMemoryBytes"/>, spilling sorted runs beyond it.</summary>
    private IEnumerable<(TKey, TCombiner)> Sorted(IEnumerable<(TKey, TCombiner)> records, TaskContext context)
    {
        using var sorter = new ExternalSorter<TKey, TCombiner>(_keyOrdering!, _descending, Context.Config.ShuffleMemoryBytes, Context.SpillDirectory, context.Metrics);
        foreach (var (key, value) in records) sorter.Insert(key, value);
        foreach (var entry in sorter.Sorted()) yield return entry;
    }
}
