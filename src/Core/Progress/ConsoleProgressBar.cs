using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Rdd.Core.Progress;

/// <summary>
/// Shows the running stages of a context on a console, one bar per stage redrawn in place (Spark's
/// ConsoleProgressBar), and a one-line summary when a job ends. Turned on by
/// <see cref="RddContext.ShowConsoleProgress()"/> or <see cref="RddConfig.ShowConsoleProgress"/>.
/// </summary>
/// <remarks>
/// <para>The bars are drawn from the <see cref="StatusTracker"/> by a timer, every refresh interval, never by
/// the task events themselves: the workers pay nothing for the display, and a job with thousands of tasks per
/// second draws at most a few frames per second. Stages and jobs shorter than the show delay draw nothing, so
/// the many tiny jobs of an interactive session do not flicker or flood the console.</para>
/// <para>On a console that cannot move the cursor (output redirected to a file or a pipe) there are no bars:
/// each finished stage and job gets one plain line, so logs stay readable.</para>
/// </remarks>
internal sealed class ConsoleProgressBar : IRddListener, IDisposable
{
    /// <summary>Spark's spark.ui.consoleProgress.update.interval default is 200 ms.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Spark shows a stage only once it has run for 500 ms.</summary>
    public static readonly TimeSpan DefaultShowDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>More bars than this would push the user's own output off a small terminal.</summary>
    private const int MaxBars = 4;

    /// <summary>Bars wider than this are harder to read, not more precise.</summary>
    private const int MaxWidth = 100;

    private readonly StatusTracker _tracker;
    private readonly IAnsiConsole _console;
    private readonly bool _inPlace;
    private readonly TimeProvider _time;
    private readonly TimeSpan _showDelay;
    private readonly ITimer? _timer;
    private readonly ConcurrentDictionary<int, JobProgress> _jobs = new();
    private readonly Lock _gate = new();
    private string[] _drawn = [];
    private bool _disposed;

    /// <param name="tracker">Where the running stages and their task counts are read.</param>
    /// <param name="console">Where the bars and lines go.</param>
    /// <param name="inPlace">True to redraw bars in place (the console understands cursor movement); false for plain lines.</param>
    /// <param name="time">The clock that decides when a stage has run long enough to be shown.</param>
    /// <param name="showDelay">How long a stage runs before its bar shows, and a job before it gets a summary line.</param>
    /// <param name="refreshInterval">How often the bars are redrawn; null for no timer (the caller calls <see cref="Refresh"/>).</param>
    public ConsoleProgressBar(StatusTracker tracker, IAnsiConsole console, bool inPlace, TimeProvider time, TimeSpan showDelay, TimeSpan? refreshInterval)
    {
        _tracker = tracker;
        _console = console;
        _inPlace = inPlace;
        _time = time;
        _showDelay = showDelay;
        if (inPlace && refreshInterval is { } interval) _timer = time.CreateTimer(static self => ((ConsoleProgressBar)self!).RefreshOnTimer(), this, interval, interval);
    }

    /// <summary>A display on the process's standard error, as Spark's: the program's own output on stdout stays clean.</summary>
    public static ConsoleProgressBar ForStandardError(StatusTracker tracker)
    {
        bool inPlace = !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = inPlace ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = inPlace ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = inPlace ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // A terminal without escape sequences (an old Windows console) cannot redraw: plain lines then.
        inPlace &= console.Profile.Capabilities.Ansi;
        return new ConsoleProgressBar(tracker, console, inPlace, TimeProvider.System, DefaultShowDelay, DefaultRefreshInterval);
    }

    /// <summary>Redraws the bars of the stages running now; the timer calls it, tests call it to render a frame.</summary>
    public void Refresh()
    {
        if (!_inPlace) return;
        lock (_gate)
        {
            if (_disposed) return;
            var now = _time.GetUtcNow();
            var stages = _tracker.GetActiveStageIds()
                .Select(_tracker.GetStageInfo)
                .Where(s => s is { IsActive: true } && now - s.SubmissionTime >= _showDelay)
                .Select(s => s!)
                .ToArray();
            int width = Math.Clamp(_console.Profile.Width - 1, 10, MaxWidth);
            var lines = stages.Take(MaxBars).Select(s => ProgressBarLine.Format(s, width)).ToList();
            if (stages.Length > MaxBars)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"(and {stages.Length - MaxBars} more running stages)"));
            if (lines.SequenceEqual(_drawn)) return;
            Draw([.. lines]);
        }
    }

    private void RefreshOnTimer()
    {
        try
        {
            Refresh();
        }
        catch (Exception)
        {
            // An exception on a timer thread would end the process; a progress display is not worth that.
        }
    }

    public void OnJobStarted(JobStarted e) => _jobs[e.JobId] = new JobProgress(e.Action, e.Stages.Count);

    public void OnStageSubmitted(StageSubmitted e)
    {
        if (!_jobs.TryGetValue(e.JobId, out var job)) return;
        Interlocked.Increment(ref job.StagesRun);
        Interlocked.Add(ref job.TasksRun, e.TasksToRun);
    }

    public void OnStageCompleted(StageCompleted e)
    {
        if (_inPlace || e.Duration < _showDelay) return;
        string outcome = e.Failure is null ? "finished in " + ProgressBarLine.Seconds(e.Duration) : "failed after " + ProgressBarLine.Seconds(e.Duration);
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stage {e.Stage.StageId} ({e.Stage.Name}) {outcome}"), failed: e.Failure is not null);
    }

    public void OnJobEnded(JobEnded e)
    {
        if (!_jobs.TryRemove(e.JobId, out var job) || e.Duration < _showDelay)
        {
            // A short job's bars never showed, but a frame of a concurrent long job may be on screen; it stays.
            return;
        }
        WriteLine(Summary(e, job), failed: !e.Succeeded);
    }

    /// <summary>Stops the timer and clears the bars; no line is written after this.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_disposed) return;
            Draw([]);
            _disposed = true;
        }
    }

    /// <summary><c>Job 3 (Collect) succeeded in 1.25 s: 2 stages, 48 tasks (1 stage skipped)</c>, or the failure's first line.</summary>
    private static string Summary(JobEnded e, JobProgress job)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"Job {e.JobId} ({job.Action}) ");
        if (e.Succeeded)
        {
            int stages = Volatile.Read(ref job.StagesRun);
            int tasks = Volatile.Read(ref job.TasksRun);
            line.Append(CultureInfo.InvariantCulture, $"succeeded in {ProgressBarLine.Seconds(e.Duration)}: {stages} {Plural(stages, "stage")}, {tasks} {Plural(tasks, "task")}");
            int skipped = job.Stages - stages;
            if (skipped > 0) line.Append(CultureInfo.InvariantCulture, $" ({skipped} {Plural(skipped, "stage")} skipped)");
        }
        else
        {
            line.Append(CultureInfo.InvariantCulture, $"failed after {ProgressBarLine.Seconds(e.Duration)}");
            var reason = e.Failure?.Message.Split('\n', 2)[0].TrimEnd('\r');
            if (!string.IsNullOrEmpty(reason)) line.Append(": ").Append(reason);
        }
        return line.ToString();
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    /// <summary>Writes a line above the bars: the bars are cleared first and redrawn by the next refresh.</summary>
    private void WriteLine(string text, bool failed)
    {
        lock (_gate)
        {
            if (_disposed) return;
            Draw([]);
            try
            {
                if (!_inPlace)
                {
                    // Straight to the writer: Spectre would wrap at its nominal width (80 columns for a file), and
                    // a log line must stay one line.
                    _console.Profile.Out.Writer.Write(text + "\n");
                    return;
                }
                // Cut to the width so that the line never wraps under the bars.
                if (text.Length >= _console.Profile.Width) text = text[..Math.Max(0, _console.Profile.Width - 2)] + "…";
                _console.Write(new Text(text + "\n", new Style(failed ? Color.Red : Color.Green)));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A closed console must not fail the job the display watches.
            }
        }
    }

    /// <summary>Replaces the frame on screen: the cursor goes back to the start of the first bar, erasing each line.</summary>
    private void Draw(string[] lines)
    {
        if (!_inPlace) return;
        try
        {
            var erase = new StringBuilder();
            if (_drawn.Length > 0)
            {
                erase.Append("\r\u001b[2K");
                for (int i = 1; i < _drawn.Length; i++) erase.Append("\u001b[1A\u001b[2K");
            }
            if (erase.Length > 0) _console.Write(new ControlCode(erase.ToString()));
            // The cursor stays at the end of the last bar, so the next frame or line starts from a known place.
            if (lines.Length > 0) _console.Write(new Text(string.Join('\n', lines)));
            _drawn = lines;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A closed console must not fail the job the display watches.
        }
    }

    private sealed class JobProgress(string action, int stages)
    {
        public string Action { get; } = action;
        public int Stages { get; } = stages;
        public int StagesRun;
        public int TasksRun;
    }
}
