using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.Core.Interactive;

/// <summary>
/// The jobs of one kernel command (a cell) and the one display that shows them, created at the cell's first job and
/// updated in place. A cell may run hundreds of jobs (cross-validation), so updates are thinned to one per
/// <see cref="MinUpdateInterval"/> and the table keeps the last <see cref="MaxJobRows"/> jobs; whatever a thinned update
/// left out is shown when the command ends (<see cref="Flush"/>, called by the extension's middleware), so the stored
/// output is always the cell's whole summary. Cells are keyed by their command, so jobs of the next cell start a new
/// display, and are dropped with the command (weak keys): nothing outlives the kernel's own bookkeeping.
/// </summary>
internal sealed class CellProgress
{
    public const int MaxJobRows = 100;
    private static readonly TimeSpan MinUpdateInterval = TimeSpan.FromMilliseconds(200);
    private static readonly ConditionalWeakTable<KernelCommand, CellProgress> Cells = new();

    private readonly KernelInvocationContext _context;
    private readonly Lock _lock = new();
    private readonly Stopwatch _sinceUpdate = new();
    private readonly List<JobProgress> _running = [];
    private readonly Queue<JobSummary> _recent = new();
    private DisplayedValue? _display;
    private bool _stale;
    private int _jobs, _failedJobs, _stages, _tasks;
    private TimeSpan _duration;
    private JobSummary? _lastFailure;

    private CellProgress(KernelInvocationContext context) => _context = context;

    /// <summary>The cell of the command running on this thread's flow; null outside a command (a background thread) or after it ended.</summary>
    public static CellProgress? Current() =>
        KernelInvocationContext.Current is { IsComplete: false } context ? Cells.GetValue(context.Command, _ => new CellProgress(context)) : null;

    /// <summary>Shows what a thinned update left out; called when the command ends.</summary>
    public static void Flush(KernelInvocationContext context)
    {
        if (Cells.TryGetValue(context.Command, out var cell))
            lock (cell._lock) if (cell._stale) cell.Publish(force: true);
    }

    public JobProgress JobStarted(int jobId, string action)
    {
        var job = new JobProgress(jobId, action);
        lock (_lock)
        {
            _running.Add(job);
            Publish(force: _display is null);
        }
        return job;
    }

    public void StageSubmitted(JobProgress job, StageInfo stage, int tasksToRun)
    {
        lock (_lock)
        {
            job.Running.Add(new StageProgress(stage.StageId, stage.Name, tasksToRun));
            Publish(force: false);
        }
    }

    public void TaskEnded(JobProgress job, int stageId, bool succeeded)
    {
        lock (_lock)
        {
            if (job.Running.Find(s => s.StageId == stageId) is { } stage)
            {
                if (succeeded) stage.DoneTasks++;
                else stage.FailedAttempts++;
            }
            if (succeeded) job.DoneTasks++;
            Publish(force: false);
        }
    }

    public void StageCompleted(JobProgress job, StageCompleted e)
    {
        lock (_lock)
        {
            job.Running.RemoveAll(s => s.StageId == e.Stage.StageId);
            job.Completed.Add(e);
            Publish(force: false);
        }
    }

    public void JobEnded(JobProgress job, JobEnded e)
    {
        lock (_lock)
        {
            _running.Remove(job);
            var summary = new JobSummary(job.JobId, job.Action, e.Succeeded, e.Duration, job.Completed.ToList(), e.Failure?.Message, job.DoneTasks);
            _jobs++;
            _stages += summary.Stages.Count;
            _tasks += summary.Tasks;
            _duration += e.Duration;
            if (!e.Succeeded)
            {
                _failedJobs++;
                _lastFailure = summary;
            }
            _recent.Enqueue(summary);
            if (_recent.Count > MaxJobRows) _recent.Dequeue();
            Publish(force: false);
        }
    }

    /// <summary>Shows the cell's state now, or marks it stale when the last update was too recent. Under the lock, so updates keep their order.</summary>
    private void Publish(bool force)
    {
        if (!force && _sinceUpdate.IsRunning && _sinceUpdate.Elapsed < MinUpdateInterval)
        {
            _stale = true;
            return;
        }
        var view = new CellView(_jobs, _failedJobs, _stages, _tasks, _duration, _lastFailure, _recent.ToList(),
            _running.Select(j => new RunningJobView(j.JobId, j.Action, j.Running.Select(s => s with { }).ToList())).ToList());
        if (_display is null) _display = _context.Display(view, CellView.MimeTypes);
        else _display.Update(view);
        _stale = false;
        _sinceUpdate.Restart();
    }
}
