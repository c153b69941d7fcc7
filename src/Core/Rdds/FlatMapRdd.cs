using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

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
