using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

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
