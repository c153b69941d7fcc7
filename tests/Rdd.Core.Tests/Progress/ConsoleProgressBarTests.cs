using Rdd.Core.Progress;
using Spectre.Console;

namespace Rdd.Core.Tests.Progress;

/// <summary>
/// The console display driven by a scripted sequence of events, a hand-moved clock and explicit refreshes:
/// what reaches the console is checked character by character, escape sequences included.
/// </summary>
public sealed class ConsoleProgressBarTests
{
    private const string Erase = "\r\u001b[2K";
    private const string EraseLineAbove = "\u001b[1A\u001b[2K";
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);
    private readonly StringWriter _output = new();
    private readonly StatusTracker _tracker;
    private readonly IRddListener _feed;

    public ConsoleProgressBarTests()
    {
        _tracker = new StatusTracker(100, 100, _clock);
        _feed = _tracker.Listener;
    }

    /// <summary>A display on a 60-column console; the tracker hears each event first, as on a context.</summary>
    private (ConsoleProgressBar Bar, Action<Action<IRddListener>> Post) Display(bool inPlace)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_output),
            Ansi = inPlace ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = inPlace ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = 60;
        var bar = new ConsoleProgressBar(_tracker, console, inPlace, _clock, TimeSpan.FromMilliseconds(500), refreshInterval: null);
        return (bar, deliver =>
        {
            deliver(_feed);
            deliver(bar);
        });
    }

    private static StageInfo Stage(int id, int tasks) => new(id, $"MapPartitionsRdd[{id}] at Map", tasks, false, [], id);

    private static TaskEnded Ended(int stage, int partition, bool ok = true) =>
        new(0, stage, partition, 0, ok, new TaskMetrics(), TimeSpan.FromMilliseconds(10), ok ? null : new IOException("disk"));

    [Fact]
    public void InPlace_ShowsStageBarAfterTheDelay_RedrawsIt_ThenReplacesItWithTheSummary()
    {
        var (bar, post) = Display(inPlace: true);
        var stage = Stage(3, 40);
        post(l => l.OnJobStarted(new JobStarted(0, "Collect", [stage])));
        post(l => l.OnStageSubmitted(new StageSubmitted(0, stage, 40)));
        for (int p = 0; p < 14; p++) post(l => l.OnTaskStarted(new TaskStarted(0, 3, p, 0)));
        for (int p = 0; p < 12; p++) post(l => l.OnTaskEnded(Ended(3, p)));

        _clock.Advance(TimeSpan.FromMilliseconds(499));
        bar.Refresh();
        Assert.Equal("", _output.ToString());

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        bar.Refresh();
        // Width 59 = "[Stage 3:" (9) + bar (36) + "(12 + 2) / 40]" (14); 12/40 of 36 columns done.
        const string first = "[Stage 3:==========>                         (12 + 2) / 40]";
        Assert.Equal(first, _output.ToString());

        bar.Refresh();
        Assert.Equal(first, _output.ToString()); // nothing changed, nothing written

        for (int p = 14; p < 40; p++) post(l => l.OnTaskStarted(new TaskStarted(0, 3, p, 0)));
        for (int p = 12; p < 39; p++) post(l => l.OnTaskEnded(Ended(3, p)));
        bar.Refresh();
        const string second = "[Stage 3:===================================>(39 + 1) / 40]";
        Assert.Equal(first + Erase + second, _output.ToString());

        post(l => l.OnTaskEnded(Ended(3, 39)));
        post(l => l.OnStageCompleted(new StageCompleted(0, stage, new TaskMetrics(), TimeSpan.FromSeconds(2), null)));
        post(l => l.OnJobEnded(new JobEnded(0, true, TimeSpan.FromSeconds(2.5), null)));
        Assert.Equal(first + Erase + second + Erase + "Job 0 (Collect) succeeded in 2.50 s: 1 stage, 40 tasks\n", _output.ToString());

        bar.Refresh();
        bar.Dispose();
        Assert.EndsWith("tasks\n", _output.ToString(), StringComparison.Ordinal); // the bar is gone: nothing left to erase
    }

    [Fact]
    public void InPlace_TwoRunningStages_GetOneLineEach_AndAreErasedTogether()
    {
        var (bar, post) = Display(inPlace: true);
        var left = Stage(0, 4);
        var right = Stage(1, 2);
        var result = new StageInfo(2, "CoGroupedRdd[2] at Join", 2, false, [0, 1], 2);
        post(l => l.OnJobStarted(new JobStarted(0, "Count", [left, right, result])));
        post(l => l.OnStageSubmitted(new StageSubmitted(0, left, 4)));
        post(l => l.OnStageSubmitted(new StageSubmitted(0, right, 2)));
        post(l => l.OnTaskStarted(new TaskStarted(0, 0, 0, 0)));
        post(l => l.OnTaskStarted(new TaskStarted(0, 1, 0, 0)));
        _clock.Advance(TimeSpan.FromSeconds(1));

        bar.Refresh();
        const string frame = "[Stage 0:>                                     (0 + 1) / 4]\n[Stage 1:>                                     (0 + 1) / 2]";
        Assert.Equal(frame, _output.ToString());

        post(l => l.OnTaskEnded(Ended(1, 0)));
        post(l => l.OnTaskStarted(new TaskStarted(0, 1, 1, 0)));
        post(l => l.OnTaskEnded(Ended(1, 1)));
        post(l => l.OnStageCompleted(new StageCompleted(0, right, new TaskMetrics(), TimeSpan.FromSeconds(1), null)));
        bar.Refresh();
        const string next = "[Stage 0:>                                     (0 + 1) / 4]";
        Assert.Equal(frame + Erase + EraseLineAbove + next, _output.ToString());
    }

    [Fact]
    public void FailedJob_SummaryGivesTheFirstLineOfTheFailure()
    {
        var (bar, post) = Display(inPlace: true);
        var stage = Stage(0, 1);
        post(l => l.OnJobStarted(new JobStarted(5, "Count", [stage])));
        post(l => l.OnStageSubmitted(new StageSubmitted(5, stage, 1)));
        var failure = new JobFailedException(5, 0, 0, 4, new InvalidOperationException("boom"));
        post(l => l.OnStageCompleted(new StageCompleted(5, stage, new TaskMetrics(), TimeSpan.FromSeconds(0.7), failure)));
        post(l => l.OnJobEnded(new JobEnded(5, false, TimeSpan.FromSeconds(0.75), failure)));

        // Cut to the console's width (60) so that erasing one line erases all of it.
        Assert.Equal("Job 5 (Count) failed after 0.75 s: Job 5 aborted: task for…\n", _output.ToString());
        bar.Dispose();
    }

    [Fact]
    public void ShortJobs_WriteNothing()
    {
        var (bar, post) = Display(inPlace: true);
        var stage = Stage(0, 2);
        post(l => l.OnJobStarted(new JobStarted(0, "Count", [stage])));
        post(l => l.OnStageSubmitted(new StageSubmitted(0, stage, 2)));
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        bar.Refresh();
        post(l => l.OnStageCompleted(new StageCompleted(0, stage, new TaskMetrics(), TimeSpan.FromMilliseconds(100), null)));
        post(l => l.OnJobEnded(new JobEnded(0, true, TimeSpan.FromMilliseconds(120), null)));
        bar.Dispose();
        Assert.Equal("", _output.ToString());
    }

    [Fact]
    public void Redirected_WritesPlainLinesPerStageAndJob_WithoutEscapes()
    {
        var (bar, post) = Display(inPlace: false);
        var map = new StageInfo(0, "ParallelCollectionRdd[0] at Parallelize", 4, true, [], 0);
        var result = new StageInfo(1, "ShuffledRdd[2] at ReduceByKey", 4, false, [0], 2);
        var skipped = new StageInfo(2, "ShuffledRdd[5] at ReduceByKey", 4, true, [], 5);
        post(l => l.OnJobStarted(new JobStarted(2, "Collect", [skipped, map, result])));
        post(l => l.OnStageSubmitted(new StageSubmitted(2, map, 4)));
        for (int p = 0; p < 4; p++) post(l => l.OnTaskStarted(new TaskStarted(2, 0, p, 0)));
        _clock.Advance(TimeSpan.FromSeconds(5));
        bar.Refresh(); // no bars on a plain console
        for (int p = 0; p < 4; p++) post(l => l.OnTaskEnded(Ended(0, p)));
        post(l => l.OnStageCompleted(new StageCompleted(2, map, new TaskMetrics(), TimeSpan.FromSeconds(1.25), null)));
        post(l => l.OnStageSubmitted(new StageSubmitted(2, result, 3)));
        post(l => l.OnStageCompleted(new StageCompleted(2, result, new TaskMetrics(), TimeSpan.FromSeconds(0.2), null)));
        post(l => l.OnJobEnded(new JobEnded(2, true, TimeSpan.FromSeconds(1.5), null)));
        bar.Dispose();

        Assert.Equal(
            "Stage 0 (ParallelCollectionRdd[0] at Parallelize) finished in 1.25 s\n" +
            "Job 2 (Collect) succeeded in 1.50 s: 2 stages, 7 tasks (1 stage skipped)\n",
            _output.ToString());
    }

    [Theory]
    [InlineData(0, 0, 10, 30, "[Stage 5:>       (0 + 0) / 10]")]
    [InlineData(5, 2, 10, 30, "[Stage 5:====>   (5 + 2) / 10]")]
    [InlineData(10, 0, 10, 30, "[Stage 5:=======(10 + 0) / 10]")]
    [InlineData(3, 1, 10, 20, "[Stage 5:(3 + 1) / 10]")]
    [InlineData(0, 0, 0, 24, "[Stage 5:===(0 + 0) / 0]")]
    // Expected strings from a line-for-line Python port of Spark's ConsoleProgressBar.show (Spark 3.5).
    public void BarLine_FollowsSparksLayout(int completed, int active, int tasks, int width, string expected)
    {
        var stage = new RddStageInfo(5, 0, "x", tasks, active, completed, 0, Start, true);
        Assert.Equal(expected, ProgressBarLine.Format(stage, width));
    }

    [Fact]
    public void ShowConsoleProgress_OnAContext_RunsJobsAndStops()
    {
        using var sc = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests"), ShowConsoleProgress = true });
        Assert.Equal(10, sc.Parallelize(Enumerable.Range(0, 10), 2).Count());
        var handle = sc.ShowConsoleProgress();
        Assert.Same(handle.GetType(), sc.ShowConsoleProgress().GetType());
        handle.Dispose();
        handle.Dispose();
        using (sc.ShowConsoleProgress()) Assert.Equal(10, sc.Parallelize(Enumerable.Range(0, 10), 2).Count());
    }

    [Fact]
    public async Task OnARealJob_DrawsTheRunningStage_ThenTheSummary()
    {
        using var sc = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests") });
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 70;
        ConsoleProgressBar? display = null;
        // No show delay, no timer: the test decides when a frame is drawn.
        using var handle = sc.ShowConsoleProgress(tracker => display = new ConsoleProgressBar(tracker, console, true, TimeProvider.System, TimeSpan.Zero, null));
        using var gate = new ManualResetEventSlim(false);
        using var entered = new CountdownEvent(2);
        var job = sc.Parallelize(Enumerable.Range(0, 4), 2).Map(x =>
        {
            if (x % 2 == 0) entered.Signal();
            gate.Wait();
            return x;
        }).CountAsync();
        Assert.True(entered.Wait(TimeSpan.FromMinutes(2)), "both tasks reached the gate");

        display!.Refresh();
        Assert.Equal("[Stage 0:>" + new string(' ', 47) + "(0 + 2) / 2]", _output.ToString()); // 69 columns

        gate.Set();
        Assert.Equal(4, await job.WaitAsync(TimeSpan.FromMinutes(2)));
        // JobEnded is delivered before the action returns: the bar is already replaced by the summary.
        Assert.Matches(@"^\[Stage 0:>[^\r]*\r\u001b\[2KJob 0 \(CountAsync\) succeeded in \d+\.\d\d s: 1 stage, 2 tasks\n$", _output.ToString());
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
