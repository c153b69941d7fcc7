namespace Rdd.Benchmarks.Reporting;

/// <summary>
/// The highest resident set size of this process while a piece of work runs, read every few milliseconds on a thread
/// of its own. The process's own peak (<c>PeakWorkingSet64</c>) can only grow, so it cannot tell one query from the
/// next; sampling can, and it sees native memory too (DuckDB's, ParquetSharp's), which the GC's counters do not. A
/// spike shorter than the interval can be missed: the figure is a lower bound of the true peak.
/// </summary>
internal sealed class PeakMemorySampler : IDisposable
{
    private const int IntervalMilliseconds = 5;
    private readonly Thread _thread;
    private volatile bool _stopped;
    private long _peak;

    private PeakMemorySampler()
    {
        _peak = Environment.WorkingSet;
        _thread = new Thread(Sample) { IsBackground = true, Name = "peak memory sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>Starts sampling; <see cref="Dispose"/> stops it, after which <see cref="PeakBytes"/> is final.</summary>
    public static PeakMemorySampler Start() => new();

    /// <summary>The highest resident set size seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    private void Sample()
    {
        while (!_stopped)
        {
            Observe(Environment.WorkingSet);
            Thread.Sleep(IntervalMilliseconds);
        }
    }

    private void Observe(long bytes)
    {
        long seen = Interlocked.Read(ref _peak);
        while (bytes > seen)
        {
            long previous = Interlocked.CompareExchange(ref _peak, bytes, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
        Observe(Environment.WorkingSet);
    }
}
