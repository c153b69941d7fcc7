namespace Rdd.Core.Interactive;

/// <summary>
/// Routes one context's scheduler events to the display of the cell that started each job (<see cref="CellProgress"/>):
/// one display per cell however many jobs it runs, and across contexts, since cells are shared by every context's
/// listener. Jobs started outside a cell (no invocation context, e.g. a thread that did not inherit it) are not shown.
/// </summary>
internal sealed class NotebookProgress : IRddListener
{
    private readonly Dictionary<int, (CellProgress Cell, JobProgress Job)> _jobs = [];
    private readonly Lock _lock = new();

    public void OnJobStarted(JobStarted e)
    {
        // Job ids are unique within this context only, so the map is per listener, one listener per context.
        if (CellProgress.Current() is not { } cell) return;
        var job = cell.JobStarted(e.JobId, e.Action);
        lock (_lock) _jobs[e.JobId] = (cell, job);
    }

    public void OnStageSubmitted(StageSubmitted e)
    {
        if (Find(e.JobId) is (var cell, var job)) cell.StageSubmitted(job, e.Stage, e.TasksToRun);
    }

    public void OnTaskEnded(TaskEnded e)
    {
        if (Find(e.JobId) is (var cell, var job)) cell.TaskEnded(job, e.StageId, e.Succeeded);
    }

    public void OnStageCompleted(StageCompleted e)
    {
        if (Find(e.JobId) is (var cell, var job)) cell.StageCompleted(job, e);
    }

    public void OnJobEnded(JobEnded e)
    {
        (CellProgress Cell, JobProgress Job) entry;
        lock (_lock)
        {
            if (!_jobs.Remove(e.JobId, out entry)) return;
        }
        entry.Cell.JobEnded(entry.Job, e);
    }

    private (CellProgress, JobProgress)? Find(int jobId)
    {
        lock (_lock) return _jobs.TryGetValue(jobId, out var entry) ? entry : null;
    }
}
