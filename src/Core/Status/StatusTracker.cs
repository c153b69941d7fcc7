using System.Collections.Concurrent;

namespace Rdd.Core;

/// <summary>
/// Lists the active jobs and stages of a context and their progress (Spark's SparkStatusTracker), from
/// <see cref="RddContext.StatusTracker"/>. It is fed by the scheduler's events as they happen, so it answers
/// while an action runs, from any thread. Finished jobs and stages are kept up to
/// <see cref="RddConfig.RetainedJobs"/> and <see cref="RddConfig.RetainedStages"/>, the oldest forgotten first.
/// </summary>
/// <remarks>
/// Each returned object is a consistent snapshot of one job or stage. As in Spark, nothing is promised across
/// calls: a job's stage may already be forgotten, or a listed active stage may have finished by the time its
/// info is asked for, so callers must expect <c>null</c>.
/// </remarks>
public sealed class StatusTracker
{
    private readonly ConcurrentDictionary<int, JobState> _jobs = new();
    private readonly ConcurrentDictionary<int, StageState> _stages = new();
    // Finished entries in the order they finished; a job or stage leaves the tracker when it falls off the end.
    private readonly Queue<KeyValuePair<int, JobState>> _finishedJobs = new();
    private readonly Queue<KeyValuePair<int, StageState>> _finishedStages = new();
    private readonly Lock _retention = new();
    private readonly int _retainedJobs;
    private readonly int _retainedStages;
    private readonly TimeProvider _time;

    internal StatusTracker(int retainedJobs, int retainedStages, TimeProvider time)
    {
        _retainedJobs = retainedJobs;
        _retainedStages = retainedStages;
        _time = time;
        Listener = new Feed(this);
    }

    /// <summary>What the context's listener bus delivers to; kept apart so the tracker's public surface has no event methods.</summary>
    internal IRddListener Listener { get; }

    /// <summary>The ids of the jobs running now, in submission order.</summary>
    public int[] GetActiveJobIds() =>
        // Enumerating the dictionary itself takes no lock (its Values property would take them all).
        _jobs.Where(j => j.Value.Status == JobExecutionStatus.Running).Select(j => j.Key).Order().ToArray();

    /// <summary>The ids of the stages whose current attempt is running now, in id order (parents first).</summary>
    public int[] GetActiveStageIds() =>
        _stages.Where(s => s.Value.IsActive).Select(s => s.Key).Order().ToArray();

    /// <summary>The job's status and stages, or <c>null</c> when the id is unknown or the job was forgotten.</summary>
    public RddJobInfo? GetJobInfo(int jobId) =>
        _jobs.TryGetValue(jobId, out var job) ? new RddJobInfo(job.JobId, job.Action, job.Status, Array.AsReadOnly(job.StageIds)) : null;

    /// <summary>
    /// The latest attempt of the stage, or <c>null</c> when the stage was never submitted (a stage a job skipped
    /// because its shuffle output existed) or was forgotten.
    /// </summary>
    public RddStageInfo? GetStageInfo(int stageId) => _stages.TryGetValue(stageId, out var stage) ? stage.Snapshot() : null;

    private void OnJobStarted(JobStarted e)
    {
        var stageIds = new int[e.Stages.Count];
        for (int i = 0; i < stageIds.Length; i++) stageIds[i] = e.Stages[i].StageId;
        _jobs[e.JobId] = new JobState(e.JobId, e.Action, stageIds);
    }

    private void OnJobEnded(JobEnded e)
    {
        if (!_jobs.TryGetValue(e.JobId, out var job)) return;
        job.Status = e.Succeeded ? JobExecutionStatus.Succeeded : JobExecutionStatus.Failed;
        Retire(_jobs, _finishedJobs, new(e.JobId, job), _retainedJobs);
    }

    private void OnStageSubmitted(StageSubmitted e)
    {
        int attempt = _stages.TryGetValue(e.Stage.StageId, out var previous) ? previous.AttemptId + 1 : 0;
        _stages[e.Stage.StageId] = new StageState(e.Stage, attempt, e.TasksToRun, _time.GetUtcNow());
    }

    private void OnStageCompleted(StageCompleted e)
    {
        if (!_stages.TryGetValue(e.Stage.StageId, out var stage)) return;
        stage.IsActive = false;
        Retire(_stages, _finishedStages, new(e.Stage.StageId, stage), _retainedStages);
    }

    /// <summary>Queues a finished entry and forgets the oldest finished ones beyond the limit.</summary>
    private void Retire<TState>(ConcurrentDictionary<int, TState> live, Queue<KeyValuePair<int, TState>> finished, KeyValuePair<int, TState> entry, int retained)
        where TState : class
    {
        lock (_retention)
        {
            finished.Enqueue(entry);
            // Removing the exact pair leaves alone a newer attempt of a stage stored under the same id.
            while (finished.Count > retained) live.TryRemove(finished.Dequeue());
        }
    }

    private sealed class JobState(int jobId, string action, int[] stageIds)
    {
        public int JobId { get; } = jobId;
        public string Action { get; } = action;
        public int[] StageIds { get; } = stageIds;
        public volatile JobExecutionStatus Status = JobExecutionStatus.Running;
    }

    /// <summary>
    /// One attempt of a stage. The three task counters share one 64-bit word, updated with a single
    /// compare-and-swap per task event: a reader sees the started, completed and failed counts of one instant
    /// without any lock on the workers' path.
    /// </summary>
    private sealed class StageState(StageInfo stage, int attemptId, int numTasks, DateTimeOffset submissionTime)
    {
        private const int FieldBits = 21;
        private const long FieldMask = (1L << FieldBits) - 1;
        private const int StartedShift = 0;
        private const int CompletedShift = FieldBits;
        private const int FailedShift = 2 * FieldBits;
        private long _counts;

        public StageInfo Stage { get; } = stage;
        public int AttemptId { get; } = attemptId;
        public volatile bool IsActive = true;

        public void TaskStarted() => Increment(StartedShift);

        public void TaskEnded(bool succeeded) => Increment(succeeded ? CompletedShift : FailedShift);

        private void Increment(int shift)
        {
            long seen = Volatile.Read(ref _counts);
            while (true)
            {
                // A counter that reached its maximum (2 million attempts in one stage attempt) stays there
                // rather than carry into its neighbour.
                if (((seen >> shift) & FieldMask) == FieldMask) return;
                long found = Interlocked.CompareExchange(ref _counts, seen + (1L << shift), seen);
                if (found == seen) return;
                seen = found;
            }
        }

        public RddStageInfo Snapshot()
        {
            long counts = Volatile.Read(ref _counts);
            int started = (int)((counts >> StartedShift) & FieldMask);
            int completed = (int)((counts >> CompletedShift) & FieldMask);
            int failed = (int)((counts >> FailedShift) & FieldMask);
            return new RddStageInfo(Stage.StageId, AttemptId, Stage.Name, numTasks, Math.Max(0, started - completed - failed),
                completed, failed, submissionTime, IsActive);
        }
    }

    private sealed class Feed(StatusTracker tracker) : IRddListener
    {
        public void OnJobStarted(JobStarted e) => tracker.OnJobStarted(e);

        public void OnJobEnded(JobEnded e) => tracker.OnJobEnded(e);

        public void OnStageSubmitted(StageSubmitted e) => tracker.OnStageSubmitted(e);

        public void OnStageCompleted(StageCompleted e) => tracker.OnStageCompleted(e);

        public void OnTaskStarted(TaskStarted e)
        {
            if (tracker._stages.TryGetValue(e.StageId, out var stage)) stage.TaskStarted();
        }

        public void OnTaskEnded(TaskEnded e)
        {
            if (tracker._stages.TryGetValue(e.StageId, out var stage)) stage.TaskEnded(e.Succeeded);
        }
    }
}
