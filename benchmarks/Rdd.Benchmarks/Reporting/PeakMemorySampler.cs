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
        using var resident = ResidentSet.Open();
        while (!_stopped)
        {
            Observe(resident?.Read() ?? Environment.WorkingSet);
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

    /// <summary>
    /// The resident set size from <c>/proc/self/statm</c>, kept open and re-read in place. Environment.WorkingSet
    /// reads and parses <c>/proc/self/status</c> afresh: ~45 µs of CPU and ~3 KB of garbage a call here, at 200
    /// calls a second beside the query being measured; this costs ~2 µs and allocates nothing.
    /// </summary>
    private sealed class ResidentSet : IDisposable
    {
        private readonly FileStream _file;
        private readonly byte[] _buffer = new byte[128];
        private readonly long _pageSize = Environment.SystemPageSize;

        private ResidentSet(FileStream file) => _file = file;

        /// <summary>The reader, or null where there is no <c>/proc/self/statm</c> (not Linux).</summary>
        public static ResidentSet? Open()
        {
            try
            {
                var file = new FileStream("/proc/self/statm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
                var reader = new ResidentSet(file);
                if (reader.Read() is not null) return reader;
                reader.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
            return null;
        }

        /// <summary>Bytes resident: statm's second field ("size resident shared ...", in pages); null if unreadable.</summary>
        public long? Read()
        {
            _file.Position = 0;
            int length = _file.Read(_buffer, 0, _buffer.Length);
            int i = 0;
            while (i < length && _buffer[i] != (byte)' ') i++;
            i++;
            long pages = 0;
            int digits = 0;
            for (; i < length && _buffer[i] is >= (byte)'0' and <= (byte)'9'; i++, digits++)
            {
                pages = pages * 10 + (_buffer[i] - '0');
            }
            return digits == 0 ? null : pages * _pageSize;
        }

        public void Dispose() => _file.Dispose();
    }
}
