using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Rdd.Core.Rdds;
using Rdd.Core.Shuffle;

namespace Rdd.Core.Scheduling;

/// <summary>
/// Turns an action into stages and runs them (Spark's DAGScheduler). The lineage is cut at shuffle
/// dependencies: each shuffle becomes a <see cref="ShuffleMapStage"/> kept across jobs (its output is
/// reused, so a later job skips it), narrow dependencies are pipelined into one task per partition.
/// A stage runs once all its parent stages' outputs exist; independent parents run concurrently.
/// Failed tasks are retried up to <see cref="RddConfig.MaxTaskAttempts"/>; a missing shuffle output
/// (<see cref="FetchFailedException"/>) reruns just the map tasks that produce it.
/// </summary>
internal sealed class DagScheduler(RddContext context)
{
    private RddContext Context => context;

    /// <summary>
    /// How often one task may find a shuffle output lost and wait for it to be rebuilt. Each loss is real
    /// (a deleted file, a dropped output) and rebuilding is always the right answer; the bound only stops a
    /// task from waiting forever on an output that is lost again every time it is rebuilt.
    /// </summary>
    private const int MaxFetchFailuresPerTask = 16;

    private readonly Lock _gate = new();
    // A shuffle's stage lives exactly as long as its dependency (an ephemeron keyed by the dependency), so an
    // Rdd chain that the program drops takes its stages - and, through ShuffleDependency's finalizer, its
    // shuffle output - with it. The weak index by shuffle id serves fetch-failure recovery.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ShuffleDependency, ShuffleMapStage> _shuffleStages = new();
    private readonly Dictionary<int, WeakReference<ShuffleMapStage>> _stagesByShuffleId = new();
    private int _nextJobId;
    private int _nextStageId;

    /// <summary>Runs <paramref name="func"/> on the given partitions of <paramref name="rdd"/> and returns the results in partition order.</summary>
    /// <remarks>
    /// The calling thread blocks on each stage directly, so a small job costs one hand-off to the workers and
    /// one wake-up of the caller, with no thread-pool continuation in between.
    /// </remarks>
    public TResult[] RunJob<T, TResult>(Rdd<T> rdd, Func<TaskContext, Partition, TResult> func, IReadOnlyList<int>? partitions, string action) =>
        StartJob(rdd, func, partitions, action, CancellationToken.None, blocking: true).GetAwaiter().GetResult();

    public Task<TResult[]> RunJobAsync<T, TResult>(Rdd<T> rdd, Func<TaskContext, Partition, TResult> func, IReadOnlyList<int>? partitions, string action, CancellationToken ct) =>
        StartJob(rdd, func, partitions, action, ct, blocking: false);

    private Task<TResult[]> StartJob<T, TResult>(Rdd<T> rdd, Func<TaskContext, Partition, TResult> func, IReadOnlyList<int>? partitions, string action, CancellationToken ct, bool blocking)
    {
        ObjectDisposedException.ThrowIf(context.IsDisposed, context);
        if (TaskContext.Current is { StageId: >= 0 })
        {
            // A task waiting for a job that needs the same bounded pool can deadlock it (Spark forbids this too, SPARK-5063).
            throw new InvalidOperationException($"Actions cannot run inside a task ({action} was called from a task of stage {TaskContext.Current.StageId}); collect or broadcast the data on the driver first.");
        }
        // Building the stage graph touches every Rdd's partitions on the caller's thread: a missing input
        // file surfaces here, as the action's own exception.
        var rddPartitions = rdd.Partitions;
        var toRun = partitions?.ToArray() ?? Enumerable.Range(0, rddPartitions.Length).ToArray();
        foreach (var p in toRun)
            if ((uint)p >= (uint)rddPartitions.Length)
                throw new ArgumentOutOfRangeException(nameof(partitions), $"Partition {p} does not exist in {rdd} ({rddPartitions.Length} partitions).");
        // Parents first, so stages are numbered in the order they run, as Spark's (map stage 0, result stage 1).
        var parentStages = GetParentStages(rdd);
        var stage = new ResultStage(Interlocked.Increment(ref _nextStageId) - 1, rdd, parentStages);
        var job = new JobState(Interlocked.Increment(ref _nextJobId) - 1, ct);
        if (context.Config.ExecutionMode == ExecutionMode.MapReduce)
        {
            // Hadoop MapReduce keeps nothing between jobs: every job recomputes its stages from the input files.
            foreach (var parent in CollectStages(stage).OfType<ShuffleMapStage>())
                context.Shuffle.RemoveShuffle(parent.Dependency.ShuffleId);
        }
        return RunResultStageAsync(job, stage, rdd, rddPartitions, toRun, func, action, blocking);
    }

    /// <summary>With <paramref name="blocking"/>, never yields: the method completes on the caller's thread.</summary>
    private async Task<TResult[]> RunResultStageAsync<T, TResult>(JobState job, ResultStage stage, Rdd<T> rdd, Partition[] rddPartitions, int[] toRun, Func<TaskContext, Partition, TResult> func, string action, bool blocking)
    {
        var watch = Stopwatch.StartNew();
        if (HasListeners) Post(new JobStarted(job.Id, action, StageInfos(stage)), static (l, e) => l.OnJobStarted(e));
        try
        {
            var parents = EnsureMissingParentsAsync(stage.Rdd, job);
            if (blocking) parents.GetAwaiter().GetResult();
            else await parents.ConfigureAwait(false);
            var run = RunStageTasksAsync(job, stage, toRun, (ctx, p) => func(ctx, rddPartitions[p]));
            var results = blocking ? run.GetAwaiter().GetResult() : await run.ConfigureAwait(false);
            // Tasks that were already running when the token was cancelled may still finish; a cancelled job
            // never reports success (Spark discards its results).
            job.Cancellation.ThrowIfCancellationRequested();
            if (context.PendingCheckpoints > 0)
                foreach (var r in rdd.NarrowLineage()) r.OnJobSucceeded();
            if (HasListeners) Post(new JobEnded(job.Id, true, watch.Elapsed, null), static (l, e) => l.OnJobEnded(e));
            return results;
        }
        catch (Exception e)
        {
            if (HasListeners) Post(new JobEnded(job.Id, false, watch.Elapsed, e), static (l, ev) => l.OnJobEnded(ev));
            throw;
        }
    }

    private bool HasListeners => !context.Listeners.IsEmpty;

    /// <summary>The shuffle map stages the Rdd's stage reads from (walking narrow edges with an explicit stack).</summary>
    private List<ShuffleMapStage> GetParentStages(IRdd rdd)
    {
        var parents = new List<ShuffleMapStage>();
        var seen = new HashSet<int>();
        var stack = new Stack<IRdd>();
        stack.Push(rdd);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current.Id)) continue;
            _ = current.Partitions; // memoize on the driver, never concurrently inside tasks
            foreach (var dep in current.Dependencies)
            {
                if (dep is ShuffleDependency shuffle)
                {
                    var parent = GetOrCreateShuffleMapStage(shuffle);
                    if (!parents.Contains(parent)) parents.Add(parent);
                }
                else stack.Push(dep.Rdd);
            }
        }
        return parents;
    }

    private ShuffleMapStage GetOrCreateShuffleMapStage(ShuffleDependency dependency)
    {
        lock (_gate)
            if (_shuffleStages.TryGetValue(dependency, out var existing)) return existing;
        var parents = GetParentStages(dependency.Rdd);
        lock (_gate)
        {
            if (_shuffleStages.TryGetValue(dependency, out var existing)) return existing;
            var stage = new ShuffleMapStage(Interlocked.Increment(ref _nextStageId) - 1, dependency, parents);
            _shuffleStages.Add(dependency, stage);
            _stagesByShuffleId[dependency.ShuffleId] = new WeakReference<ShuffleMapStage>(stage);
            if (_stagesByShuffleId.Count > 1024)
                foreach (var dead in _stagesByShuffleId.Where(e => !e.Value.TryGetTarget(out _)).Select(e => e.Key).ToArray())
                    _stagesByShuffleId.Remove(dead);
            return stage;
        }
    }

    /// <summary>The job's stages, parents first; a job of one stage (the common small job) skips the graph walk.</summary>
    private static StageInfo[] StageInfos(Stage final) =>
        final.Parents.Count == 0 ? [final.Info] : CollectStages(final).Select(s => s.Info).ToArray();

    private static IEnumerable<Stage> CollectStages(Stage final)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<Stage>();
        stack.Push(final);
        var result = new List<Stage>();
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (!seen.Add(s.Id)) continue;
            result.Add(s);
            foreach (var p in s.Parents) stack.Push(p);
        }
        result.Reverse();
        return result;
    }

    /// <summary>
    /// Makes sure the shuffle outputs that a stage over <paramref name="rdd"/> reads exist. The walk stops at
    /// Rdds whose every partition is cached or checkpointed: their parents need not be computed (Spark's
    /// getMissingParentStages).
    /// </summary>
    private Task EnsureMissingParentsAsync(IRdd rdd, JobState job)
    {
        var missing = new List<ShuffleMapStage>();
        var seen = new HashSet<int>();
        var stack = new Stack<IRdd>();
        stack.Push(rdd);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current.Id)) continue;
            if (IsFullyCached(current)) continue;
            foreach (var dep in current.Dependencies)
            {
                if (dep is ShuffleDependency shuffle)
                {
                    var stage = GetOrCreateShuffleMapStage(shuffle);
                    if (!IsAvailable(stage)) missing.Add(stage);
                }
                else stack.Push(dep.Rdd);
            }
        }
        return missing.Count switch
        {
            0 => Task.CompletedTask,
            1 => EnsureStageAsync(missing[0], job),
            _ => Task.WhenAll(missing.Select(s => EnsureStageAsync(s, job))),
        };
    }

    private bool IsFullyCached(IRdd rdd)
    {
        if (rdd.StorageLevel == StorageLevel.None || context.Config.ExecutionMode != ExecutionMode.InMemory) return false;
        var cached = context.Storage.PartitionsOf(rdd.Id);
        return cached.Count == rdd.Partitions.Length;
    }

    private bool IsAvailable(ShuffleMapStage stage) =>
        context.Shuffle.MissingMapOutputs(stage.Dependency.ShuffleId, stage.NumTasks).Count == 0;

    /// <summary>Runs the stage's missing map tasks once, sharing the run among jobs that need it at the same time.</summary>
    private Task EnsureStageAsync(ShuffleMapStage stage, JobState job)
    {
        TaskCompletionSource run;
        lock (_gate)
        {
            if (stage.Running is { IsCompleted: false } inProgress) return inProgress;
            run = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            stage.Running = run.Task;
        }
        _ = RunShuffleMapStageAsync(stage, job, run);
        return run.Task;
    }

    private async Task RunShuffleMapStageAsync(ShuffleMapStage stage, JobState job, TaskCompletionSource run)
    {
        try
        {
            await EnsureMissingParentsAsync(stage.Rdd, job).ConfigureAwait(false);
            var missing = context.Shuffle.MissingMapOutputs(stage.Dependency.ShuffleId, stage.NumTasks);
            if (missing.Count > 0)
            {
                await stage.Dependency.PrepareAsync(job.Cancellation).ConfigureAwait(false);
                var parentPartitions = stage.Rdd.Partitions;
                var dependency = stage.Dependency;
                var shuffle = context.Shuffle;
                await RunStageTasksAsync(job, stage, missing, (ctx, p) =>
                {
                    dependency.RunMapTask(ctx, parentPartitions[p], shuffle);
                    return true;
                }).ConfigureAwait(false);
            }
            run.SetResult();
        }
        catch (Exception e)
        {
            run.SetException(e);
        }
    }

    /// <summary>Runs one task per partition in <paramref name="partitions"/> on the workers; the results come back in that order.</summary>
    private Task<TResult[]> RunStageTasksAsync<TResult>(JobState job, Stage stage, IReadOnlyList<int> partitions, Func<TaskContext, int, TResult> body)
    {
        var run = new StageRun<TResult>(this, job, stage, partitions, body);
        run.Start();
        return run.Completion;
    }

    private ShuffleMapStage? FindShuffleStage(int shuffleId)
    {
        lock (_gate) return _stagesByShuffleId.TryGetValue(shuffleId, out var weak) && weak.TryGetTarget(out var stage) ? stage : null;
    }

    private TaskOutcome<TResult> RunAttempt<TResult>(JobState job, Stage stage, int partition, int attempt, Func<TaskContext, int, TResult> body)
    {
        var ctx = new TaskContext(context, stage.Id, partition, attempt, job.Cancellation);
        var watch = Stopwatch.StartNew();
        if (HasListeners) Post(new TaskStarted(job.Id, stage.Id, partition, attempt), static (l, e) => l.OnTaskStarted(e));
        try
        {
            TResult result;
            using (ctx.Enter())
            {
                job.Cancellation.ThrowIfCancellationRequested();
                if (job.Failed) throw new OperationCanceledException("Another task of the job failed.");
                context.FaultInjector?.BeforeTask(ctx);
                result = body(ctx, partition);
            }
            if (ctx.HasAccumulatorUpdates)
                foreach (var update in ctx.AccumulatorUpdates.Values) ((IAccumulatorUpdate)update).Apply();
            if (HasListeners) Post(new TaskEnded(job.Id, stage.Id, partition, attempt, true, ctx.Metrics, watch.Elapsed, null), static (l, e) => l.OnTaskEnded(e));
            return new TaskOutcome<TResult>(result, ctx.Metrics, null);
        }
        catch (Exception e)
        {
            if (HasListeners) Post(new TaskEnded(job.Id, stage.Id, partition, attempt, false, ctx.Metrics, watch.Elapsed, e), static (l, ev) => l.OnTaskEnded(ev));
            return new TaskOutcome<TResult>(default, ctx.Metrics, Unwrap(e));
        }
    }

    /// <summary>User code reached through reflection or iterators can arrive wrapped; the contract promises the user's own exception.</summary>
    private static Exception Unwrap(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private void Post<TEvent>(TEvent e, Action<IRddListener, TEvent> deliver) => context.Listeners.Post(e, deliver);

    private readonly record struct TaskOutcome<TResult>(TResult? Result, TaskMetrics Metrics, Exception? Failure);

    /// <summary>
    /// One submission of a stage's tasks. Each task runs on a worker and retries there after an ordinary
    /// failure; a fetch failure hands the task back to the scheduler, which rebuilds the lost shuffle output
    /// and resubmits it. The last task to finish completes the stage: no per-task Task objects or
    /// continuations, so a small job costs a queue hand-off per task and one wake-up of the caller.
    /// </summary>
    private sealed class StageRun<TResult>(DagScheduler scheduler, JobState job, Stage stage, IReadOnlyList<int> partitions, Func<TaskContext, int, TResult> body)
    {
        private readonly TaskCompletionSource<TResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TResult[] _results = new TResult[partitions.Count];
        private readonly int[] _fetchFailures = new int[partitions.Count];
        private readonly TaskMetrics _metrics = new();
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int _remaining = partitions.Count;
        private int _finished;

        public Task<TResult[]> Completion => _completion.Task;

        public void Start()
        {
            if (scheduler.HasListeners) scheduler.Post(new StageSubmitted(job.Id, stage.Info, partitions.Count), static (l, e) => l.OnStageSubmitted(e));
            if (partitions.Count == 0) Complete();
            for (int i = 0; i < partitions.Count; i++) Submit(i);
        }

        private void Submit(int position) => scheduler.Context.Workers.Queue(() => RunTask(position));

        private void RunTask(int position)
        {
            int partition = partitions[position];
            for (int attempt = 0; ; )
            {
                if (job.Cancellation.IsCancellationRequested)
                {
                    Fail(new OperationCanceledException(job.Cancellation));
                    return;
                }
                if (job.Failed)
                {
                    Fail(new OperationCanceledException("Another task of the job failed."));
                    return;
                }
                var outcome = scheduler.RunAttempt(job, stage, partition, attempt, body);
                if (outcome.Failure is null)
                {
                    lock (_metrics) _metrics.Add(outcome.Metrics);
                    _results[position] = outcome.Result!;
                    if (Interlocked.Decrement(ref _remaining) == 0) Complete();
                    return;
                }
                switch (outcome.Failure)
                {
                    case OperationCanceledException when job.Cancellation.IsCancellationRequested || job.Failed:
                        Fail(outcome.Failure);
                        return;
                    case FetchFailedException fetch:
                        // A lost shuffle output is not the task's fault: rebuild it, then run the task again.
                        if (++_fetchFailures[position] > MaxFetchFailuresPerTask || scheduler.FindShuffleStage(fetch.ShuffleId) is not { } lost)
                        {
                            Fail(new JobFailedException(job.Id, stage.Id, partition, attempt + 1, fetch));
                            return;
                        }
                        _ = RecoverAndResubmitAsync(position, lost);
                        return;
                    default:
                        if (++attempt >= scheduler.Context.Config.MaxTaskAttempts)
                        {
                            Fail(new JobFailedException(job.Id, stage.Id, partition, attempt, outcome.Failure));
                            return;
                        }
                        break;
                }
            }
        }

        private async Task RecoverAndResubmitAsync(int position, ShuffleMapStage lost)
        {
            try
            {
                await scheduler.EnsureStageAsync(lost, job).ConfigureAwait(false);
                Submit(position);
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        private void Complete()
        {
            if (Interlocked.Exchange(ref _finished, 1) != 0) return;
            if (scheduler.HasListeners) scheduler.Post(new StageCompleted(job.Id, stage.Info, _metrics, _watch.Elapsed, null), static (l, e) => l.OnStageCompleted(e));
            _completion.TrySetResult(_results);
        }

        private void Fail(Exception failure)
        {
            if (Interlocked.Exchange(ref _finished, 1) != 0) return;
            // A stage whose tasks were stopped because another stage failed the job fails with that stage's
            // failure: concurrent parent stages are awaited together, and whichever surfaces must be the cause.
            if (failure is OperationCanceledException && !job.Cancellation.IsCancellationRequested && job.Failure is { } cause)
                failure = cause;
            else if (failure is not OperationCanceledException)
                Interlocked.CompareExchange(ref job.Failure, failure, null);
            job.Failed = true;
            if (scheduler.HasListeners) scheduler.Post(new StageCompleted(job.Id, stage.Info, _metrics, _watch.Elapsed, failure), static (l, e) => l.OnStageCompleted(e));
            _completion.TrySetException(failure);
        }
    }

    private sealed class JobState(int id, CancellationToken cancellation)
    {
        public int Id { get; } = id;
        public CancellationToken Cancellation { get; } = cancellation;

        /// <summary>Set when the job is failing, so its remaining queued tasks do not start.</summary>
        public volatile bool Failed;

        /// <summary>The first failure of a stage of the job, set before <see cref="Failed"/>.</summary>
        public Exception? Failure;
    }
}
