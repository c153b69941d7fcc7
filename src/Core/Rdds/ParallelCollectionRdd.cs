using System.Runtime.CompilerServices;
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
    /// <summary>Elements pushed per call of <see cref="PushChunk{TSink}"/>.</summary>
    private const int ChunkSize = 4096;

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
        return context.CancellationToken.CanBeCanceled ? Cancellable(slice, context.CancellationToken) : slice;
    }

    private static IEnumerable<T> Cancellable(ArraySegment<T> slice, CancellationToken ct)
    {
        foreach (var item in slice)
        {
            ct.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var slice = ((SlicePartition)split).Slice.AsSpan();
        context.Metrics.RecordsRead += slice.Length;
        var ct = context.CancellationToken;
        if (ct.CanBeCanceled)
        {
            // A cancellable (async) job is checked before every element: the user code downstream may be slow,
            // and a cancelled job must stop within one call of it, not at the end of a chunk.
            foreach (var item in slice)
            {
                ct.ThrowIfCancellationRequested();
                if (!sink.Accept(item)) return false;
            }
            return true;
        }
        for (int start = 0; start < slice.Length; start += ChunkSize)
            if (!PushChunk(slice.Slice(start, Math.Min(ChunkSize, slice.Length - start)), ref sink)) return false;
        return true;
    }

    /// <summary>
    /// The per-element loop, kept out of line on purpose: called once per chunk, it is soon recompiled with the
    /// profile of the sink's delegates (guarded devirtualization inlines the user's lambdas), whereas a loop
    /// inline in <see cref="Push{TSink}"/> would run a whole partition in on-stack-replacement code compiled
    /// before any profile existed.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool PushChunk<TSink>(ReadOnlySpan<T> items, ref TSink sink)
        where TSink : struct, IElementSink<T>
    {
        foreach (var item in items)
            if (!sink.Accept(item)) return false;
        return true;
    }

    private sealed class SlicePartition(int index, ArraySegment<T> slice) : Partition(index)
    {
        public ArraySegment<T> Slice { get; } = slice;
    }
}
