using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>The partitions of several Rdds side by side, in order; nothing moves.</summary>
internal sealed class UnionRdd<T>(RddContext context, IReadOnlyList<Rdd<T>> rdds)
    : Rdd<T>(context, "Union")
{
    private protected override Partition[] GetPartitions()
    {
        var result = new List<Partition>();
        for (int r = 0; r < rdds.Count; r++)
            foreach (var p in rdds[r].Partitions)
                result.Add(new UnionPartition(result.Count, r, p));
        return result.ToArray();
    }

    private protected override IReadOnlyList<Dependency> GetDependencies()
    {
        var deps = new Dependency[rdds.Count];
        int outStart = 0;
        for (int r = 0; r < rdds.Count; r++)
        {
            int length = rdds[r].Partitions.Length;
            deps[r] = new RangeDependency(rdds[r], 0, outStart, length);
            outStart += length;
        }
        return deps;
    }

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        var p = (UnionPartition)split;
        return rdds[p.RddIndex].Iterator(p.Parent, context);
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var p = (UnionPartition)split;
        return rdds[p.RddIndex].PushPartition(p.Parent, context, ref sink);
    }

    private sealed class UnionPartition(int index, int rddIndex, Partition parent) : Partition(index)
    {
        public int RddIndex { get; } = rddIndex;
        public Partition Parent { get; } = parent;
    }
}
