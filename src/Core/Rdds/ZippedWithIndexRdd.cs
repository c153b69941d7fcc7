using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// Each element with its position in the whole Rdd. The start index of every partition comes from a
/// count job over the parent, run when a job first lists this Rdd's partitions (Spark runs it eagerly).
/// </summary>
internal sealed class ZippedWithIndexRdd<T>(Rdd<T> parent) : Rdd<(T Item, long Index)>(parent.Context, "ZipWithIndex")
{
    private protected override Partition[] GetPartitions()
    {
        var parentPartitions = parent.Partitions;
        // With one partition no count is needed: it starts at index 0.
        long[] counts = parentPartitions.Length <= 1 ? [0] : CountAll();
        var result = new Partition[parentPartitions.Length];
        long start = 0;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = new IndexedPartition(i, start);
            start += counts[i];
        }
        return result;
    }

    private long[] CountAll() => Context.Scheduler.RunJob(parent, (ctx, p) =>
    {
        var sink = new CountSink<T>();
        parent.PushPartition(p, ctx, ref sink);
        return sink.Count;
    }, null, "ZipWithIndex");

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<(T Item, long Index)> Compute(Partition split, TaskContext context)
    {
        long index = ((IndexedPartition)split).StartIndex;
        foreach (var item in parent.Iterator(parent.Partitions[split.Index], context))
            yield return (item, index++);
    }

    private sealed class IndexedPartition(int index, long startIndex) : Partition(index)
    {
        public long StartIndex { get; } = startIndex;
    }
}
