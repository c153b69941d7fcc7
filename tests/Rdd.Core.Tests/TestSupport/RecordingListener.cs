using System.Collections.Concurrent;

namespace Rdd.Core.Tests.TestSupport;

/// <summary>
/// Records every scheduler event, in arrival order, from any thread. Task events arrive on worker threads,
/// possibly at the same time; the queues are thread-safe and the snapshots below are copies. It also tracks
/// how many task attempts were running at once (from TaskStarted/TaskEnded, which the worker posts around
/// the task body).
/// </summary>
internal sealed class RecordingListener : IRddListener
{
    private readonly ConcurrentQueue<object> _events = new();
    private int _running;
    private int _maxRunning;

    public void OnJobStarted(JobStarted e) => _events.Enqueue(e);

    public void OnJobEnded(JobEnded e) => _events.Enqueue(e);

    public void OnStageSubmitted(StageSubmitted e) => _events.Enqueue(e);

    public void OnStageCompleted(StageCompleted e) => _events.Enqueue(e);

    public void OnTaskStarted(TaskStarted e)
    {
        int now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }
        _events.Enqueue(e);
    }

    public void OnTaskEnded(TaskEnded e)
    {
        _events.Enqueue(e);
        Interlocked.Decrement(ref _running);
    }

    /// <summary>All events so far, in arrival order.</summary>
    public IReadOnlyList<object> Events => _events.ToArray();

    public IReadOnlyList<JobStarted> JobsStarted => Of<JobStarted>();

    public IReadOnlyList<JobEnded> JobsEnded => Of<JobEnded>();

    public IReadOnlyList<StageSubmitted> StagesSubmitted => Of<StageSubmitted>();

    public IReadOnlyList<StageCompleted> StagesCompleted => Of<StageCompleted>();

    public IReadOnlyList<TaskStarted> TasksStarted => Of<TaskStarted>();

    public IReadOnlyList<TaskEnded> TasksEnded => Of<TaskEnded>();

    /// <summary>The largest number of task attempts that were between TaskStarted and TaskEnded at once.</summary>
    public int MaxConcurrentTasks => Volatile.Read(ref _maxRunning);

    /// <summary>Events of one type, in arrival order.</summary>
    public IReadOnlyList<TEvent> Of<TEvent>() => _events.OfType<TEvent>().ToArray();

    /// <summary>Forgets what was recorded so far (call between two jobs of one test).</summary>
    public void Clear()
    {
        while (_events.TryDequeue(out _))
        {
        }
        Volatile.Write(ref _maxRunning, 0);
    }
}
