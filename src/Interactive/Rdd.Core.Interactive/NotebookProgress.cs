using Rdd.Interactive;
using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.Core.Interactive;

/// <summary>
/// Shows a progress bar under the cell while a job runs, updated in place through the kernel's display-update API, and
/// replaces it with the job's <see cref="JobSummary"/> when the job ends. Jobs started outside a cell (no invocation
/// context) are not shown. Updates are thinned to one per <see cref="MinUpdateInterval"/> so a job of many small tasks
/// does not flood the front end; stage ends and the job's end are always shown.
/// </summary>
internal sealed class NotebookProgress : IRddListener
{
    private static readonly TimeSpan MinUpdateInterval = TimeSpan.FromMilliseconds(200);

    private readonly Dictionary<int, Running> _jobs = [];
    private readonly Lock _lock = new();

    private sealed class Running(DisplayedValue display, JobProgress progress)
    {
        public DisplayedValue Display { get; } = display;
        public JobProgress Progress { get; } = progress;
        public Stopwatch SinceUpdate { get; } = Stopwatch.StartNew();
        public List<StageCompleted> Completed { get; } = [];
    }

    public void OnJobStarted(JobStarted e)
    {
        if (KernelInvocationContext.Current is not { } context) return;
        var progress = new JobProgress(e.JobId, e.Action, e.Stages.Sum(s => s.NumTasks));
        var display = context.Display(progress, JobProgress.MimeTypes);
        lock (_lock) _jobs[e.JobId] = new Running(display, progress);
    }

    public void OnStageSubmitted(StageSubmitted e)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(e.JobId, out var job)) return;
            // Tasks whose output already exists will not run: take them off the bar's total.
            job.Progress.TotalTasks -= e.Stage.NumTasks - e.TasksToRun;
            job.Progress.CurrentStage = e.Stage.Name;
            Update(job, force: true);
        }
    }

    public void OnTaskEnded(TaskEnded e)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(e.JobId, out var job)) return;
            if (e.Succeeded) job.Progress.DoneTasks++;
            else job.Progress.FailedTasks++;
            Update(job, force: false);
        }
    }

    public void OnStageCompleted(StageCompleted e)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(e.JobId, out var job)) return;
            job.Completed.Add(e);
            Update(job, force: true);
        }
    }

    public void OnJobEnded(JobEnded e)
    {
        Running? job;
        lock (_lock)
        {
            if (!_jobs.Remove(e.JobId, out job)) return;
        }
        var stages = job.Completed.ToList();   // in the order the stages ended: parents before the stages that read them
        job.Display.Update(new JobSummary(e.JobId, job.Progress.Action, e.Succeeded, e.Duration, stages, e.Failure?.Message));
    }

    private static void Update(Running job, bool force)
    {
        if (!force && job.SinceUpdate.Elapsed < MinUpdateInterval) return;
        job.SinceUpdate.Restart();
        job.Display.Update(job.Progress.Snapshot());
    }
}
