using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>Zip: the i-th element of one Rdd with the i-th of another; both must have the same partitions and sizes.</summary>
internal sealed class ZippedPartitionsRdd<T, U>(Rdd<T> left, Rdd<U> right) : Rdd<(T, U)>(left.Context, "Zip")
{
    private protected override Partition[] GetPartitions()
    {
        if (left.Partitions.Length != right.Partitions.Length)
            throw new ArgumentException($"Can only zip Rdds with the same number of partitions: {left} has {left.Partitions.Length}, {right} has {right.Partitions.Length}.");
        return Enumerable.Range(0, left.Partitions.Length).Select(i => new Partition(i)).ToArray();
    }

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(left), new OneToOneDependency(right)];

    private protected override IEnumerable<(T, U)> Compute(Partition split, TaskContext context)
    {
        using var a = left.Iterator(left.Partitions[split.Index], context).GetEnumerator();
        using var b = right.Iterator(right.Partitions[split.Index], context).GetEnumerator();
        while (true)
        {
            bool hasA = a.MoveNext(), hasB = b.MoveNext();
            if (hasA != hasB)
                throw new InvalidOperationException($"Can only zip Rdds with the same number of elements in each partition (partition {split.Index} differs).");
            if (!hasA) yield break;
            yield return (a.Current, b.Current);
        }
    }
}
