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
