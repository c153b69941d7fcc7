using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>Every pair (a, b): one partition per pair of parent partitions. The right partition is computed once per task and buffered.</summary>
internal sealed class CartesianRdd<T, U>(Rdd<T> left, Rdd<U> right) : Rdd<(T, U)>(left.Context, "Cartesian")
{
    private protected override Partition[] GetPartitions()
    {
        int rightCount = right.Partitions.Length;
        var result = new Partition[left.Partitions.Length * rightCount];
        for (int i = 0; i < left.Partitions.Length; i++)
            for (int j = 0; j < rightCount; j++)
                result[i * rightCount + j] = new CartesianPartition(i * rightCount + j, i, j);
        return result;
    }

    private protected override IReadOnlyList<Dependency> GetDependencies() =>
    [
        new ExplicitNarrowDependency(left, p => [((CartesianPartition)Partitions[p]).Left]),
        new ExplicitNarrowDependency(right, p => [((CartesianPartition)Partitions[p]).Right]),
    ];

    private protected override IEnumerable<(T, U)> Compute(Partition split, TaskContext context)
    {
        var p = (CartesianPartition)split;
        var rightItems = right.ComputeToList(right.Partitions[p.Right], context);
        foreach (var a in left.Iterator(left.Partitions[p.Left], context))
            foreach (var b in rightItems)
                yield return (a, b);
    }

    private sealed class CartesianPartition(int index, int left, int right) : Partition(index)
    {
        public int Left { get; } = left;
        public int Right { get; } = right;
    }
}
