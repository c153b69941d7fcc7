using System.Runtime.CompilerServices;
using Rdd.Core.Execution;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>The numbers start, start+step, … below end (above it for a negative step), sliced like Parallelize.</summary>
internal sealed class RangeRdd(RddContext context, long start, long end, long step, int numSlices)
    : Rdd<long>(context, "Range")
{
    private const int CancellationCheckInterval = 1 << 16;

    /// <summary>Number of elements, computed in 128-bit arithmetic so that extreme bounds cannot overflow.</summary>
    private long ElementCount
    {
        get
        {
            Int128 span = (Int128)end - start;
            if (span == 0 || (span > 0) != (step > 0)) return 0;
            Int128 count = (span + step - (step > 0 ? 1 : -1)) / step;
            return (long)count;
        }
    }

    private protected override Partition[] GetPartitions()
    {
        long n = ElementCount;
        var partitions = new Partition[numSlices];
        for (int i = 0; i < numSlices; i++)
        {
            long first = (long)((Int128)i * n / numSlices);
            long last = (long)((Int128)(i + 1) * n / numSlices);
            partitions[i] = new RangePartition(i, first, last);
        }
        return partitions;
    }

    private protected override IEnumerable<long> Compute(Partition split, TaskContext context)
    {
        var p = (RangePartition)split;
        context.Metrics.RecordsRead += p.End - p.Start;
        // A cancellable (async) job is checked before every element, so it stops within one downstream call.
        long mask = context.CancellationToken.CanBeCanceled ? 0 : CancellationCheckInterval - 1;
        for (long i = p.Start; i < p.End; i++)
        {
            if ((i & mask) == 0) context.CancellationToken.ThrowIfCancellationRequested();
            yield return start + i * step;
        }
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var p = (RangePartition)split;
        context.Metrics.RecordsRead += p.End - p.Start;
        var ct = context.CancellationToken;
        long interval = ct.CanBeCanceled ? 1 : CancellationCheckInterval;
        for (long chunk = p.Start; chunk < p.End; chunk += interval)
        {
            ct.ThrowIfCancellationRequested();
            long chunkEnd = Math.Min(p.End, chunk + interval);
            if (!PushChunk(start + chunk * step, step, chunkEnd - chunk, ref sink)) return false;
        }
        return true;
    }

    /// <summary>
    /// The per-element loop, kept out of line on purpose: called once per chunk, it is soon recompiled with the
    /// profile of the sink's delegates (guarded devirtualization inlines the user's lambdas), whereas a loop
    /// inline in <see cref="Push{TSink}"/> would run a whole partition in on-stack-replacement code compiled
    /// before any profile existed - about 2.5× slower for Range.Map.Filter.Count (see benchmarks/Rdd.Benchmarks).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool PushChunk<TSink>(long value, long step, long count, ref TSink sink)
        where TSink : struct, IElementSink<long>
    {
        for (long i = 0; i < count; i++, value += step)
            if (!sink.Accept(value)) return false;
        return true;
    }

    private sealed class RangePartition(int index, long start, long end) : Partition(index)
    {
        public long Start { get; } = start;
        public long End { get; } = end;
    }
}
