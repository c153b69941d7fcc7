using Rdd.Core.Progress;

namespace Rdd.Core;

public sealed partial class RddContext
{
    private readonly Lock _progressGate = new();
    private ConsoleProgressBar? _progress;

    /// <summary>The active jobs and stages of this context and their task counts (Spark's SparkContext.statusTracker).</summary>
    public StatusTracker StatusTracker { get; }

    /// <summary>
    /// Shows a progress bar per running stage on standard error, <c>[Stage 3:=====&gt;    (12 + 2) / 40]</c>,
    /// redrawn in place, and a one-line summary when a job ends (Spark's spark.ui.showConsoleProgress). Only
    /// stages and jobs that run longer than half a second show. When standard error is redirected, each such
    /// stage and job gets a plain line instead. Dispose the result to stop; calling again while it shows
    /// returns the same display.
    /// </summary>
    public IDisposable ShowConsoleProgress() => ShowConsoleProgress(ConsoleProgressBar.ForStandardError);

    /// <summary>Shows the display <paramref name="create"/> makes over this context's tracker (tests pass their own console).</summary>
    internal IDisposable ShowConsoleProgress(Func<StatusTracker, ConsoleProgressBar> create)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        lock (_progressGate)
        {
            if (_progress is null)
            {
                _progress = create(StatusTracker);
                Listeners.Add(_progress);
            }
            return new ProgressHandle(this, _progress);
        }
    }

    private void StopConsoleProgress(ConsoleProgressBar? only = null)
    {
        ConsoleProgressBar? stopped;
        lock (_progressGate)
        {
            if (_progress is null || (only is not null && !ReferenceEquals(_progress, only))) return;
            stopped = _progress;
            _progress = null;
        }
        Listeners.Remove(stopped);
        stopped.Dispose();
    }

    private sealed class ProgressHandle(RddContext context, ConsoleProgressBar display) : IDisposable
    {
        public void Dispose() => context.StopConsoleProgress(display);
    }
}
