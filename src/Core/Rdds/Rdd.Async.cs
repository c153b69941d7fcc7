using System.Runtime.CompilerServices;
using Rdd.Core.Execution;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    /// <summary>
    /// <see cref="Collect"/> without blocking the caller. Cancelling <paramref name="ct"/> stops the running
    /// tasks and schedules no more; the task then completes with <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<T[]> CollectAsync(CancellationToken ct = default)
    {
        var parts = await Context.Scheduler.RunJobAsync(this, (ctx, split) => ComputeToList(split, ctx), null, nameof(CollectAsync), ct).ConfigureAwait(false);
        return Concat(parts);
    }

    /// <summary><see cref="Count"/> without blocking the caller; see <see cref="CollectAsync"/> for cancellation.</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        var counts = await Context.Scheduler.RunJobAsync(this, (ctx, split) =>
        {
            var sink = new CountSink<T>();
            PushPartition(split, ctx, ref sink);
            return sink.Count;
        }, null, nameof(CountAsync), ct).ConfigureAwait(false);
        long total = 0;
        foreach (var c in counts) total += c;
        return total;
    }

    /// <summary>
    /// The elements as an async stream, computing one partition at a time (the async twin of
    /// <see cref="ToLocalIterator"/>); compose it with System.Linq.Async operators.
    /// </summary>
    public async IAsyncEnumerable<T> ToAsyncEnumerable([EnumeratorCancellation] CancellationToken ct = default)
    {
        int partitions = NumPartitions;
        for (int p = 0; p < partitions; p++)
        {
            ct.ThrowIfCancellationRequested();
            var part = await Context.Scheduler.RunJobAsync(this, (ctx, split) => ComputeToList(split, ctx), [p], nameof(ToAsyncEnumerable), ct).ConfigureAwait(false);
            foreach (var item in part[0])
            {
                ct.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }
}
