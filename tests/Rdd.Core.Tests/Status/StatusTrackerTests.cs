using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Status;

/// <summary>
/// <see cref="StatusTracker"/> through a job's life on a real context. Jobs are held open by a gate the test
/// controls and observed once the workers have reached it, so nothing depends on timing.
/// </summary>
public sealed class StatusTrackerTests
{
    /// <summary>Guards against a hang if the scheduler breaks; no test waits this long when it works.</summary>
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RunningJob_IsListedWithItsRunningStage_ThenSucceeds()
    {
        using var local = new LocalContext(parallelism: 2);
        var sc = local.Context;
        using var gate = new ManualResetEventSlim(false);
        using var entered = new CountdownEvent(2);
        var tracker = sc.StatusTracker;
        Assert.Empty(tracker.GetActiveJobIds());

        var job = sc.Parallelize(Enumerable.Range(0, 10), 2).Map(x =>
        {
            // Once per partition: the first element of each of the two tasks reports that the task is running.
            if (x is 0 or 5) entered.Signal();
            gate.Wait();
            return x;
        }).CollectAsync();
        Assert.True(entered.Wait(Never), "both tasks reached the gate");

        int jobId = Assert.Single(tracker.GetActiveJobIds());
        var running = tracker.GetJobInfo(jobId)!;
        Assert.Equal(JobExecutionStatus.Running, running.Status);
        Assert.Equal("CollectAsync", running.Action);
        int stageId = Assert.Single(running.StageIds);
        Assert.Equal([stageId], tracker.GetActiveStageIds());
        var stage = tracker.GetStageInfo(stageId)!;
        Assert.True(stage.IsActive);
        Assert.Equal((2, 2, 0, 0, 0), (stage.NumTasks, stage.NumActiveTasks, stage.NumCompletedTasks, stage.NumFailedTasks, stage.CurrentAttemptId));
        Assert.Contains("Map", stage.Name, StringComparison.Ordinal);

        gate.Set();
        Assert.Equal(Enumerable.Range(0, 10), await job.WaitAsync(Never));

        Assert.Empty(tracker.GetActiveJobIds());
        Assert.Empty(tracker.GetActiveStageIds());
        Assert.Equal(JobExecutionStatus.Succeeded, tracker.GetJobInfo(jobId)!.Status);
        var done = tracker.GetStageInfo(stageId)!;
        Assert.False(done.IsActive);
        Assert.Equal((2, 0, 2, 0), (done.NumTasks, done.NumActiveTasks, done.NumCompletedTasks, done.NumFailedTasks));
    }

    [Fact]
    public async Task ShuffleJob_BlockedInResultStage_ShowsMapStageDoneAndResultStageCounts()
    {
        using var local = new LocalContext(parallelism: 2);
        var sc = local.Context;
        using var gate = new ManualResetEventSlim(false);
        using var entered = new CountdownEvent(1);
        var ended = new TaskEndCounter();
        // Registered after the tracker: when this listener sees a task end, the tracker has counted it.
        sc.AddListener(ended);
        var tracker = sc.StatusTracker;

        // 3 result tasks on 2 workers: partition 0 waits at the gate, the other two finish.
        var counts = sc.Parallelize(Enumerable.Range(0, 30), 3).Map(x => (x % 3, 1)).ReduceByKey((a, b) => a + b, 3)
            .MapPartitionsWithIndex((p, rows) =>
            {
                if (p == 0)
                {
                    entered.Signal();
                    gate.Wait();
                }
                return rows;
            }).CollectAsync();
        Assert.True(entered.Wait(Never), "partition 0 reached the gate");
        // 3 map tasks and the 2 result tasks that do not wait.
        Assert.True(ended.WaitFor(5, Never), "five tasks ended");

        int jobId = Assert.Single(tracker.GetActiveJobIds());
        var job = tracker.GetJobInfo(jobId)!;
        Assert.Equal(2, job.StageIds.Count);
        var map = tracker.GetStageInfo(job.StageIds[0])!;
        var result = tracker.GetStageInfo(job.StageIds[1])!;
        Assert.False(map.IsActive);
        Assert.Equal((3, 0, 3), (map.NumTasks, map.NumActiveTasks, map.NumCompletedTasks));
        Assert.True(result.IsActive);
        Assert.Equal((3, 1, 2), (result.NumTasks, result.NumActiveTasks, result.NumCompletedTasks));
        Assert.Equal([result.StageId], tracker.GetActiveStageIds());
        Assert.True(result.SubmissionTime >= map.SubmissionTime);

        gate.Set();
        Assert.Equal([(0, 10), (1, 10), (2, 10)], (await counts.WaitAsync(Never)).OrderBy(p => p.Item1));
        Assert.Equal(JobExecutionStatus.Succeeded, tracker.GetJobInfo(jobId)!.Status);
    }

    [Fact]
    public void FailedJob_IsFailed_WithEveryFailedAttemptCounted()
    {
        using var local = new LocalContext(parallelism: 2, maxTaskAttempts: 3);
        var sc = local.Context;

        var error = Assert.Throws<JobFailedException>(() =>
            sc.Parallelize(Enumerable.Range(0, 4), 1).Map<int>(_ => throw new InvalidOperationException("boom")).Collect());

        var tracker = sc.StatusTracker;
        Assert.Empty(tracker.GetActiveJobIds());
        Assert.Empty(tracker.GetActiveStageIds());
        var job = tracker.GetJobInfo(error.JobId)!;
        Assert.Equal(JobExecutionStatus.Failed, job.Status);
        var stage = tracker.GetStageInfo(Assert.Single(job.StageIds))!;
        Assert.False(stage.IsActive);
        Assert.Equal((1, 0, 0, 3), (stage.NumTasks, stage.NumActiveTasks, stage.NumCompletedTasks, stage.NumFailedTasks));
    }

    [Fact]
    public void SecondJobOverSameShuffle_SkipsTheMapStage_WhichKeepsItsFirstRun()
    {
        using var local = new LocalContext(parallelism: 2);
        var sc = local.Context;
        var reduced = sc.Parallelize(Enumerable.Range(0, 20), 2).Map(x => (x % 2, x)).ReduceByKey((a, b) => a + b);
        reduced.Collect();
        reduced.Count();

        var tracker = sc.StatusTracker;
        var first = tracker.GetJobInfo(0)!;
        var second = tracker.GetJobInfo(1)!;
        Assert.Equal("Count", second.Action);
        // The map stage is listed by both jobs (Spark lists skipped stages too) but ran once: attempt 0 only.
        Assert.Equal(first.StageIds[0], second.StageIds[0]);
        var map = tracker.GetStageInfo(first.StageIds[0])!;
        Assert.Equal((0, 2), (map.CurrentAttemptId, map.NumCompletedTasks));
        Assert.NotEqual(first.StageIds[1], second.StageIds[1]);
    }

    [Fact]
    public void Retention_KeepsOnlyTheLastFinishedJobsAndStages()
    {
        using var sc = new RddContext(new RddConfig
        {
            Parallelism = 2,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests"),
            RetainedJobs = 2,
            RetainedStages = 3,
        });
        for (int i = 0; i < 4; i++) sc.Parallelize(Enumerable.Range(0, 4), 2).Count();

        var tracker = sc.StatusTracker;
        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(id => tracker.GetJobInfo(id) is not null));
        // One stage per job, numbered as the jobs ran.
        Assert.Equal([false, true, true, true], Enumerable.Range(0, 4).Select(id => tracker.GetStageInfo(id) is not null));
        Assert.Null(tracker.GetJobInfo(99));
    }

    [Fact]
    public async Task Retention_OfZero_ForgetsFinishedJobsButListsRunningOnes()
    {
        using var sc = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests"), RetainedJobs = 0, RetainedStages = 0 });
        using var gate = new ManualResetEventSlim(false);
        using var entered = new CountdownEvent(1);
        var job = sc.Parallelize([1], 1).Map(x =>
        {
            entered.Signal();
            gate.Wait();
            return x;
        }).CountAsync();
        Assert.True(entered.Wait(Never));
        int jobId = Assert.Single(sc.StatusTracker.GetActiveJobIds());
        Assert.NotNull(sc.StatusTracker.GetStageInfo(Assert.Single(sc.StatusTracker.GetActiveStageIds())));

        gate.Set();
        Assert.Equal(1, await job.WaitAsync(Never));
        Assert.Null(sc.StatusTracker.GetJobInfo(jobId));
        Assert.Empty(sc.StatusTracker.GetActiveStageIds());
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void NegativeRetention_IsRejected(int jobs, int stages)
    {
        var error = Assert.Throws<ArgumentException>(() => new RddContext(new RddConfig { RetainedJobs = jobs, RetainedStages = stages }));
        Assert.Contains(jobs < 0 ? "RetainedJobs" : "RetainedStages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResubmittedStage_GetsANewAttemptWithFreshCounts()
    {
        // Fed directly: a stage runs again when its shuffle output is lost, which the scheduler tests cover.
        var tracker = new StatusTracker(10, 10, TimeProvider.System);
        var feed = tracker.Listener;
        var stage = new StageInfo(7, "ShuffledRdd[3] at ReduceByKey", 4, true, [], 3);
        feed.OnJobStarted(new JobStarted(1, "Collect", [stage]));
        feed.OnStageSubmitted(new StageSubmitted(1, stage, 4));
        for (int p = 0; p < 4; p++) feed.OnTaskStarted(new TaskStarted(1, 7, p, 0));
        feed.OnTaskEnded(new TaskEnded(1, 7, 0, 0, true, new TaskMetrics(), TimeSpan.Zero, null));
        feed.OnTaskEnded(new TaskEnded(1, 7, 1, 0, false, new TaskMetrics(), TimeSpan.Zero, new IOException("lost")));
        Assert.Equal((0, 4, 2, 1, 1), Counts(tracker.GetStageInfo(7)!));
        feed.OnStageCompleted(new StageCompleted(1, stage, new TaskMetrics(), TimeSpan.Zero, null));

        feed.OnStageSubmitted(new StageSubmitted(1, stage, 1));
        feed.OnTaskStarted(new TaskStarted(1, 7, 1, 0));
        var again = tracker.GetStageInfo(7)!;
        Assert.Equal((1, 1, 1, 0, 0), Counts(again));
        Assert.True(again.IsActive);
        Assert.Equal([7], tracker.GetActiveStageIds());

        static (int, int, int, int, int) Counts(RddStageInfo s) => (s.CurrentAttemptId, s.NumTasks, s.NumActiveTasks, s.NumCompletedTasks, s.NumFailedTasks);
    }

    [Fact]
    public void TaskCounts_ReadWhileWorkersUpdateThem_AreAlwaysConsistent()
    {
        // Two writers start and end tasks as fast as they can while the reader checks that no snapshot shows a
        // task ended that had not started (what separate counters read one by one would show now and then).
        const int TasksPerWriter = 50_000;
        var tracker = new StatusTracker(10, 10, TimeProvider.System);
        var feed = tracker.Listener;
        var stage = new StageInfo(0, "MapPartitionsRdd[1] at Map", 2 * TasksPerWriter, false, [], 1);
        feed.OnJobStarted(new JobStarted(0, "Count", [stage]));
        feed.OnStageSubmitted(new StageSubmitted(0, stage, 2 * TasksPerWriter));
        var metrics = new TaskMetrics();
        var writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            for (int i = 0; i < TasksPerWriter; i++)
            {
                int p = w * TasksPerWriter + i;
                feed.OnTaskStarted(new TaskStarted(0, 0, p, 0));
                feed.OnTaskEnded(new TaskEnded(0, 0, p, 0, i % 10 != 0, metrics, TimeSpan.Zero, null));
            }
        })).ToArray();
        foreach (var t in writers) t.Start();
        int checkedSnapshots = 0;
        while (writers.Any(t => t.IsAlive) || checkedSnapshots == 0)
        {
            var s = tracker.GetStageInfo(0)!;
            Assert.InRange(s.NumActiveTasks, 0, 2);
            Assert.InRange(s.NumCompletedTasks + s.NumFailedTasks + s.NumActiveTasks, 0, 2 * TasksPerWriter);
            checkedSnapshots++;
        }
        foreach (var t in writers) t.Join();
        var end = tracker.GetStageInfo(0)!;
        Assert.Equal((0, 2 * TasksPerWriter * 9 / 10, 2 * TasksPerWriter / 10), (end.NumActiveTasks, end.NumCompletedTasks, end.NumFailedTasks));
    }

    /// <summary>Counts task ends and lets the test wait for a number of them.</summary>
    private sealed class TaskEndCounter : IRddListener
    {
        private readonly SemaphoreSlim _ended = new(0, int.MaxValue);

        public void OnTaskEnded(TaskEnded e) => _ended.Release();

        public bool WaitFor(int count, TimeSpan limit)
        {
            for (int i = 0; i < count; i++)
                if (!_ended.Wait(limit)) return false;
            return true;
        }
    }
}
