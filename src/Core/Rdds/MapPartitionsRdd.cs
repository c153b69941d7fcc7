using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

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
