using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// A driver-side collection cut into slices: slice i of n elements in s slices holds positions
/// [i*n/s, (i+1)*n/s) (Spark's rule). The collection is enumerated when a job first needs the
/// partitions, not when Parallelize is called, so defining the Rdd runs no user code.
/// </summary>
internal sealed class ParallelCollectionRdd<T>(RddContext context, IEnumerable<T> data, int numSlices)
    : Rdd<T>(context, "Parallelize")
{
    private const int CancellationCheckInterval = 4096;

    private protected override Partition[] GetPartitions()
    {
        var items = data as T[] ?? data.ToArray();
        var partitions = new Partition[numSlices];
        for (int i = 0; i < numSlices; i++)
        {
            int start = (int)((long)i * items.Length / numSlices);
            int end = (int)((long)(i + 1) * items.Length / numSlices);
            partitions[i] = new SlicePartition(i, new ArraySegment<T>(items, start, end - start));
        }
        return partitions;
    }

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        var slice = ((SlicePartition)split).Slice;
        context.Metrics.RecordsRead += slice.Count;
        return slice;
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var slice = ((SlicePartition)split).Slice.AsSpan();
        context.Metrics.RecordsRead += slice.Length;
        var ct = context.CancellationToken;
        for (int start = 0; start < slice.Length; start += CancellationCheckInterval)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var item in slice.Slice(start, Math.Min(CancellationCheckInterval, slice.Length - start)))
                if (!sink.Accept(item)) return false;
        }
        return true;
    }

    private sealed class SlicePartition(int index, ArraySegment<T> slice) : Partition(index)
    {
        public ArraySegment<T> Slice { get; } = slice;
    }
}
