using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// Fewer partitions without a shuffle: child partition i reads a contiguous run of parent partitions,
/// so the order of elements is kept.
/// </summary>
internal sealed class CoalescedRdd<T>(Rdd<T> parent, int numPartitions) : Rdd<T>(parent.Context, "Coalesce")
{
    private protected override Partition[] GetPartitions()
    {
        int parents = parent.Partitions.Length;
        int n = Math.Max(1, Math.Min(numPartitions, parents));
        var result = new Partition[n];
        for (int i = 0; i < n; i++)
        {
            int from = (int)((long)i * parents / n);
            int to = (int)((long)(i + 1) * parents / n);
            result[i] = new CoalescedPartition(i, Enumerable.Range(from, to - from).ToArray());
        }
        return result;
    }

    private protected override IReadOnlyList<Dependency> GetDependencies() =>
        [new ExplicitNarrowDependency(parent, i => ((CoalescedPartition)Partitions[i]).Parents)];

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        var parentPartitions = parent.Partitions;
        foreach (var index in ((CoalescedPartition)split).Parents)
            foreach (var item in parent.Iterator(parentPartitions[index], context))
                yield return item;
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var parentPartitions = parent.Partitions;
        foreach (var index in ((CoalescedPartition)split).Parents)
            if (!parent.PushPartition(parentPartitions[index], context, ref sink)) return false;
        return true;
    }

    private sealed class CoalescedPartition(int index, int[] parents) : Partition(index)
    {
        public int[] Parents { get; } = parents;
    }
}
