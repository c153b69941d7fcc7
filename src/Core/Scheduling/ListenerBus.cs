namespace Rdd.Core.Scheduling;

/// <summary>Delivers scheduler events to the registered listeners; a failing listener never fails a job.</summary>
internal sealed class ListenerBus
{
    private volatile IRddListener[] _listeners = [];
    private readonly Lock _gate = new();

    public bool IsEmpty => _listeners.Length == 0;

    public void Add(IRddListener listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
    }

    public void Remove(IRddListener listener)
    {
        lock (_gate) _listeners = _listeners.Where(l => !ReferenceEquals(l, listener)).ToArray();
    }

    public void Post<TEvent>(TEvent e, Action<IRddListener, TEvent> deliver)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                deliver(listener, e);
            }
            catch (Exception)
            {
                // A listener is an observer: its failure must not change the job's outcome.
            }
        }
    }
}
