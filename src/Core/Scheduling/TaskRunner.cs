using System.Collections.Concurrent;

namespace Rdd.Core.Scheduling;

/// <summary>
/// The bounded pool of workers that run tasks: <c>Parallelism</c> dedicated threads taking work from one
/// queue. Dedicated threads (rather than the .NET thread pool) keep the bound exact and keep blocking user
/// code from starving the driver's continuations, which run on the thread pool.
/// </summary>
internal sealed class TaskRunner : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;

    public TaskRunner(int workers)
    {
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"rdd-worker-{i}" };
            _threads[i].Start();
        }
    }

    public int Workers => _threads.Length;

    /// <summary>Queues <paramref name="work"/> for the next free worker. The work must not throw.</summary>
    public void Queue(Action work)
    {
        try
        {
            _queue.Add(work);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(RddContext), "The RddContext has been disposed.");
        }
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
    }

    public void Dispose() => _queue.CompleteAdding();
}
