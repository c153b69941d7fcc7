using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>Map: one output per input, pipelined with its parent in the same task.</summary>
internal sealed class MapRdd<TIn, TOut>(Rdd<TIn> parent, Func<TIn, TOut> map, string operation, bool preservesPartitioning = false)
    : Rdd<TOut>(parent.Context, operation)
{
    internal override string Kind => "MapPartitionsRdd";

    public override Partitioner? Partitioner => preservesPartitioning ? parent.Partitioner : null;

    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<TOut> Compute(Partition split, TaskContext context)
    {
        foreach (var item in parent.Iterator(split, context)) yield return map(item);
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var wrapped = new MapSink<TIn, TOut, TSink>(map, sink);
        bool completed = parent.PushPartition(split, context, ref wrapped);
        sink = wrapped.Next;
        return completed;
    }
}

/// <summary>Filter: keeps the parent's partitioner, since keys do not move.</summary>
internal sealed class FilterRdd<T>(Rdd<T> parent, Func<T, bool> predicate, string operation)
    : Rdd<T>(parent.Context, operation)
{
    internal override string Kind => "MapPartitionsRdd";

    public override Partitioner? Partitioner => parent.Partitioner;

    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        foreach (var item in parent.Iterator(split, context))
            if (predicate(item)) yield return item;
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var wrapped = new FilterSink<T, TSink>(predicate, sink);
        bool completed = parent.PushPartition(split, context, ref wrapped);
        sink = wrapped.Next;
        return completed;
    }
}

/// <summary>FlatMap: zero or more outputs per input.</summary>
internal sealed class FlatMapRdd<TIn, TOut>(Rdd<TIn> parent, Func<TIn, IEnumerable<TOut>> map, string operation, bool preservesPartitioning = false)
    : Rdd<TOut>(parent.Context, operation)
{
    internal override string Kind => "MapPartitionsRdd";

    public override Partitioner? Partitioner => preservesPartitioning ? parent.Partitioner : null;

    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<TOut> Compute(Partition split, TaskContext context)
    {
        foreach (var item in parent.Iterator(split, context))
            foreach (var produced in map(item))
                yield return produced;
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var wrapped = new FlatMapSink<TIn, TOut, TSink>(map, sink);
        bool completed = parent.PushPartition(split, context, ref wrapped);
        sink = wrapped.Next;
        return completed;
    }
}

/// <summary>MapPartitions and friends: a function of the whole partition (with its index).</summary>
internal sealed class MapPartitionsRdd<TIn, TOut>(Rdd<TIn> parent, Func<int, IEnumerable<TIn>, IEnumerable<TOut>> f, string operation, bool preservesPartitioning = false)
    : Rdd<TOut>(parent.Context, operation)
{
    public override Partitioner? Partitioner => preservesPartitioning ? parent.Partitioner : null;

    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<TOut> Compute(Partition split, TaskContext context) =>
        f(split.Index, parent.Iterator(split, context));
}
