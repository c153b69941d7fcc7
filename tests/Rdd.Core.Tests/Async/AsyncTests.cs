using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Async;

/// <summary>The async twins of the actions, and cancellation of running jobs.</summary>
public sealed class AsyncTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 2);
    private readonly RecordingListener _listener = new();

    public AsyncTests() => _context.AddListener(_listener);

    public void Dispose() => _context.Dispose();

    private Rdd<int> Numbers(int n, int slices) => _context.Parallelize(Enumerable.Range(0, n), slices);

    // ---- results ----------------------------------------------------------------------------

    [Fact]
    public async Task CollectAsync_SeveralPartitions_SameAsCollect()
    {
        var rdd = Numbers(50, 4).Map(x => x * 3);

        var result = await rdd.CollectAsync();

        Assert.Equal(rdd.Collect(), result);
        Assert.Equal(Enumerable.Range(0, 50).Select(x => x * 3), result);
    }

    [Fact]
    public async Task CollectAsync_AfterShuffle_SameAsCollect()
    {
        var rdd = Numbers(30, 3).Map(x => (x % 4, x)).ReduceByKey((a, b) => a + b);

        var result = await rdd.CollectAsync();

        Assert.Equal(rdd.Collect().Order(), result.Order());
    }

    [Fact]
    public async Task CountAsync_WithEmptyPartitions_CountsEveryElement()
    {
        Assert.Equal(3, await _context.Parallelize(new[] { 1, 2, 3 }, 5).CountAsync());
        Assert.Equal(777, await _context.Range(0, 777, 1, 3).CountAsync());
    }

    [Fact]
    public async Task CollectAsync_WhileTasksBlock_ReturnsAnIncompleteTaskWithoutBlockingTheCaller()
    {
        using var gate = new ManualResetEventSlim();
        var rdd = Numbers(4, 2).Map(x =>
        {
            gate.Wait(Patience);
            return x;
        });

        var pending = rdd.CollectAsync();

        Assert.False(pending.IsCompleted);
        gate.Set();
        var result = await pending.WaitAsync(Patience);
        Assert.Equal([0, 1, 2, 3], result);
    }

    [Fact]
    public async Task CollectAsync_UserException_FaultsWithJobFailedException()
    {
        var rdd = Numbers(4, 2).Map<int>(x => x == 2 ? throw new ArithmeticException("async failure") : x);

        var error = await Assert.ThrowsAsync<JobFailedException>(() => rdd.CollectAsync());

        Assert.IsType<ArithmeticException>(error.InnerException);
    }

    [Fact]
    public async Task ToAsyncEnumerable_AwaitForeach_YieldsEveryElementInOrder()
    {
        var items = new List<string>();

        await foreach (var item in _context.Parallelize(new[] { "a", "b", "c", "d", "e" }, 3).ToAsyncEnumerable())
            items.Add(item);

        Assert.Equal(["a", "b", "c", "d", "e"], items);
        Assert.Equal(3, _listener.JobsStarted.Count);
    }

    [Fact]
    public async Task ToAsyncEnumerable_StopAfterFirstElement_ComputesOnlyTheFirstPartition()
    {
        int mapped = 0;
        var rdd = Numbers(40, 4).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x;
        });

        await foreach (var item in rdd.ToAsyncEnumerable())
        {
            Assert.Equal(0, item);
            break;
        }

        Assert.Single(_listener.JobsStarted);
        Assert.Equal(10, mapped);
    }

    // ---- cancellation -----------------------------------------------------------------------

    [Fact]
    public async Task CollectAsync_TokenCancelledWhileMapRuns_ThrowsAndRunningTasksStop()
    {
        int seen = 0;
        using var started = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        // 4 partitions of 100 elements, 5 ms each: a partition left to run to its end would take 0.5 s.
        var rdd = Numbers(400, 4).Map(x =>
        {
            Interlocked.Increment(ref seen);
            started.Set();
            Thread.Sleep(5);
            return x;
        });

        var job = rdd.CollectAsync(cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        int atCancel = Volatile.Read(ref seen);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Patience));
        int atFailure = Volatile.Read(ref seen);
        await Task.Delay(100);

        // Each of the 2 workers may be inside (or just entering) one Map call when the token is cancelled.
        Assert.InRange(atFailure - atCancel, 0, 2);
        Assert.Equal(atFailure, Volatile.Read(ref seen));
        Assert.True(atFailure < 400);
    }

    [Fact]
    public async Task CountAsync_TokenCancelledWhileRangeRuns_ThrowsOperationCanceledException()
    {
        int seen = 0;
        using var started = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var rdd = _context.Range(0, 200, 1, 2).Filter(x =>
        {
            Interlocked.Increment(ref seen);
            started.Set();
            Thread.Sleep(5);
            return true;
        });

        var job = rdd.CountAsync(cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        int atCancel = Volatile.Read(ref seen);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Patience));

        Assert.InRange(Volatile.Read(ref seen) - atCancel, 0, 2);
    }

    [Fact]
    public async Task CollectAsync_TokenCancelledWhileTheOnlyTaskFinishesIgnoringIt_StillThrowsOperationCanceledException()
    {
        using var started = new ManualResetEventSlim();
        using var cancelled = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        // The user code reads its whole partition first, then works on without looking at the token.
        var rdd = Numbers(3, 1).MapPartitions(items =>
        {
            var all = items.ToList();
            started.Set();
            cancelled.Wait(Patience);
            return all;
        });

        var job = rdd.CollectAsync(cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        cancelled.Set();

        // A job whose token was cancelled never reports success (Spark discards a cancelled job's results).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Patience));
    }

    [Fact]
    public async Task CollectAsync_TokenCancelledBeforeStart_RunsNoUserCode()
    {
        int mapped = 0;
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Numbers(10, 2).Map(x => mapped += 1).CollectAsync(cts.Token).WaitAsync(Patience));

        Assert.Equal(0, mapped);
    }

    [Fact]
    public async Task CollectAsync_Cancelled_QueuedTasksAreNeverStarted()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        int mapped = 0;
        // 8 partitions on 2 workers: 2 run (and block), 6 wait in the queue.
        var rdd = Numbers(8, 8).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            started.Set();
            release.Wait(Patience);
            return x;
        });

        var job = rdd.CollectAsync(cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Patience));
        Assert.InRange(mapped, 1, 2);
        // The scheduler stops scheduling: the queued tasks are not reported as started either.
        Assert.InRange(_listener.TasksStarted.Count, 1, 2);
    }

    [Fact]
    public async Task ToAsyncEnumerable_TokenCancelledMidEnumeration_ThrowsOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var items = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in Numbers(20, 4).ToAsyncEnumerable(cts.Token))
            {
                items.Add(item);
                if (item == 6) cts.Cancel();
            }
        });

        Assert.Equal(Enumerable.Range(0, 7), items);
        Assert.Equal(2, _listener.JobsStarted.Count);
    }

    [Fact]
    public async Task Context_AfterCancelledJob_RunsTheNextJobsNormally()
    {
        using var started = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var slow = Numbers(100, 4).Map(x =>
        {
            started.Set();
            Thread.Sleep(2);
            return x;
        });
        var job = slow.CountAsync(cts.Token);
        Assert.True(started.Wait(Patience));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitAsync(Patience));

        Assert.Equal(100, await slow.CountAsync());
        Assert.Equal(Enumerable.Range(0, 100), slow.Collect());
        Assert.Equal(4, await Numbers(4, 2).Map(x => (x, 1)).ReduceByKey((a, b) => a + b).CountAsync());
    }
}
