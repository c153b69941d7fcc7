using System.Text.RegularExpressions;
using Rdd.Core.Rdds;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Scheduling;

/// <summary>Stages, events, the bounded worker pool and the lineage printout.</summary>
public sealed class SchedulerTests : IDisposable
{
    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 1);
    private readonly RecordingListener _listener = new();

    public SchedulerTests() => _context.AddListener(_listener);

    public void Dispose() => _context.Dispose();

    private Rdd<string> Lines() => _context.Parallelize(new[] { "a b c", "b c", "c", "d a" }, 2);

    private static Rdd<(string, int)> WordCount(Rdd<string> lines) =>
        lines.FlatMap(l => l.Split(' ')).Map(w => (w, 1)).ReduceByKey((a, b) => a + b);

    // ---- stages -----------------------------------------------------------------------------

    [Fact]
    public void WordCount_Collect_RunsTwoStages()
    {
        // Parallelize -> FlatMap -> Map ==shuffle==> ReduceByKey
        //  [ stage 0: shuffle map, 2 tasks ]        [ stage 1: result, 2 tasks ]
        var counts = WordCount(Lines()).Collect();

        Assert.Equal([("a", 2), ("b", 2), ("c", 3), ("d", 1)], counts.OrderBy(p => p.Item1, StringComparer.Ordinal));
        var job = Assert.Single(_listener.JobsStarted);
        Assert.Equal(2, job.Stages.Count);
        Assert.Equal(1, job.Stages.Count(s => s.IsShuffleMap));
        var result = job.Stages.Single(s => !s.IsShuffleMap);
        var map = job.Stages.Single(s => s.IsShuffleMap);
        Assert.Equal([map.StageId], result.ParentStageIds);
        Assert.True(map.StageId < result.StageId, "stages are numbered in the order they run, parents first, as Spark's");
        Assert.Equal(2, _listener.StagesSubmitted.Count);
        Assert.Equal(4, _listener.TasksStarted.Count);
    }

    [Fact]
    public void NarrowChain_Collect_RunsOneStage()
    {
        _context.Parallelize(Enumerable.Range(0, 10), 3).Map(x => x + 1).Filter(x => x > 3).FlatMap(x => new[] { x, x }).Collect();

        var job = Assert.Single(_listener.JobsStarted);
        var stage = Assert.Single(job.Stages);
        Assert.False(stage.IsShuffleMap);
        Assert.Equal(3, stage.NumTasks);
        Assert.Equal(3, _listener.TasksStarted.Count);
    }

    [Fact]
    public void Join_OfTwoReduceByKeysWithDifferentPartitionCounts_RunsFourStages()
    {
        //  left (2) ==shuffle==> ReduceByKey(2) ==shuffle==\
        //                                                  CoGroup(3) -> FlatMapValues   (result)
        //  right (3) ==shuffle==> ReduceByKey(3) ---------/  (already partitioned by 3: narrow)
        var left = _context.Parallelize(new[] { ("a", 1), ("b", 2), ("a", 3) }, 2).ReduceByKey((x, y) => x + y, 2);
        var right = _context.Parallelize(new[] { ("a", "x"), ("c", "y") }, 3).ReduceByKey((x, y) => x + y, 3);

        var joined = left.Join(right).Collect();

        Assert.Equal([("a", (4, "x"))], joined);
        var job = Assert.Single(_listener.JobsStarted);
        Assert.Equal(4, job.Stages.Count);
        Assert.Equal(3, job.Stages.Count(s => s.IsShuffleMap));
    }

    [Fact]
    public void Join_OfTwoReduceByKeysWithTheSamePartitioner_IsCoPartitionedAndRunsThreeStages()
    {
        // Both sides are hash-partitioned into 2 by their ReduceByKey, so the join reads them in place (Spark's rule).
        var left = _context.Parallelize(new[] { ("a", 1), ("b", 2), ("a", 3) }, 2).ReduceByKey((x, y) => x + y);
        var right = _context.Parallelize(new[] { ("a", 10), ("b", 20), ("b", 1) }, 2).ReduceByKey((x, y) => x + y);

        var joined = left.Join(right).Collect();

        Assert.Equal([("a", (4, 10)), ("b", (2, 21))], joined.OrderBy(p => p.Item1, StringComparer.Ordinal));
        var job = Assert.Single(_listener.JobsStarted);
        Assert.Equal(3, job.Stages.Count);
        var result = job.Stages.Single(s => !s.IsShuffleMap);
        Assert.Equal(2, result.ParentStageIds.Count);
    }

    [Fact]
    public void Join_OfTwoUnpartitionedRdds_RunsThreeStages()
    {
        var left = _context.Parallelize(new[] { (1, "a"), (2, "b") }, 2);
        var right = _context.Parallelize(new[] { (1, 'x'), (3, 'y') }, 3);

        Assert.Equal([(1, ("a", 'x'))], left.Join(right).Collect());
        Assert.Equal(3, Assert.Single(_listener.JobsStarted).Stages.Count);
    }

    [Fact]
    public void SecondJob_OverTheSameShuffledRdd_SkipsTheMapStage()
    {
        int mapped = 0;
        var counts = WordCount(Lines().Map(l =>
        {
            Interlocked.Increment(ref mapped);
            return l;
        }));

        var first = counts.Collect();
        int firstTasks = _listener.TasksStarted.Count;
        int mappedFirst = mapped;
        _listener.Clear();

        var second = counts.Collect();

        Assert.Equal(first, second);
        Assert.Equal(4, firstTasks);
        Assert.Equal(2, _listener.TasksStarted.Count);
        Assert.Equal(mappedFirst, mapped);
        var submitted = Assert.Single(_listener.StagesSubmitted);
        Assert.False(submitted.Stage.IsShuffleMap);
        // The job still lists the map stage (as Spark's UI shows it, skipped).
        Assert.Equal(2, Assert.Single(_listener.JobsStarted).Stages.Count);
    }

    [Fact]
    public void DifferentActions_OverTheSameShuffledRdd_ReuseTheShuffleOutput()
    {
        var counts = WordCount(Lines());
        counts.Count();
        _listener.Clear();

        counts.Map(p => p.Item2).Sum();
        counts.Filter(p => p.Item2 > 1).Collect();

        Assert.All(_listener.StagesSubmitted, s => Assert.False(s.Stage.IsShuffleMap));
        Assert.Equal(2, _listener.StagesSubmitted.Count);
    }

    [Fact]
    public void CachedRdd_FullyCached_LaterJobsDoNotNeedItsParentStages()
    {
        var reduced = WordCount(Lines());
        var counts = reduced.Map(p => p.Item2).Cache();
        counts.Count();
        // Drop the shuffle output: only the cached blocks can now spare the map stage.
        var shuffle = Assert.IsAssignableFrom<ShuffleDependency>(((IRdd)reduced).Dependencies[0]);
        _context.Shuffle.RemoveShuffle(shuffle.ShuffleId);
        _listener.Clear();

        Assert.Equal(8, counts.Sum());

        var submitted = Assert.Single(_listener.StagesSubmitted);
        Assert.False(submitted.Stage.IsShuffleMap);
    }

    // ---- events -----------------------------------------------------------------------------

    [Fact]
    public void Collect_Events_JobStageAndTaskEventsArePublishedInOrder()
    {
        _context.Parallelize(Enumerable.Range(0, 100), 4).Map(x => x * 2).Collect();

        var events = _listener.Events;
        Assert.IsType<JobStarted>(events[0]);
        Assert.IsType<JobEnded>(events[^1]);
        var job = (JobStarted)events[0];
        var ended = (JobEnded)events[^1];
        Assert.Equal(job.JobId, ended.JobId);
        Assert.True(ended.Succeeded);
        Assert.Null(ended.Failure);
        Assert.Equal(nameof(Rdd<int>.Collect), job.Action);

        var submitted = Assert.Single(_listener.StagesSubmitted);
        var completed = Assert.Single(_listener.StagesCompleted);
        Assert.Equal(4, submitted.TasksToRun);
        Assert.Equal(submitted.Stage.StageId, completed.Stage.StageId);
        Assert.Null(completed.Failure);
        Assert.True(events.ToList().IndexOf(submitted) < events.ToList().IndexOf(completed));

        Assert.Equal([0, 1, 2, 3], _listener.TasksStarted.Select(t => t.Partition).Order());
        Assert.Equal([0, 1, 2, 3], _listener.TasksEnded.Select(t => t.Partition).Order());
        Assert.All(_listener.TasksEnded, t =>
        {
            Assert.True(t.Succeeded);
            Assert.Equal(job.JobId, t.JobId);
            Assert.Equal(submitted.Stage.StageId, t.StageId);
            Assert.Equal(0, t.Attempt);
            Assert.Equal(25, t.Metrics.RecordsRead);
        });
        Assert.Equal(100, completed.Metrics.RecordsRead);
        // Every task's end comes after its start.
        foreach (var start in _listener.TasksStarted)
        {
            var end = _listener.TasksEnded.Single(e => e.Partition == start.Partition);
            Assert.True(events.ToList().IndexOf(start) < events.ToList().IndexOf(end));
        }
    }

    [Fact]
    public void WordCount_Metrics_ShuffleRecordsWrittenEqualRecordsRead()
    {
        WordCount(Lines()).Collect();

        var map = _listener.StagesCompleted.Single(s => s.Stage.IsShuffleMap);
        var result = _listener.StagesCompleted.Single(s => !s.Stage.IsShuffleMap);
        Assert.Equal(4, map.Metrics.RecordsRead);
        // 8 words, combined per map task: partition 0 has {a, b, c} and partition 1 {c, d, a}.
        Assert.Equal(6, map.Metrics.ShuffleRecordsWritten);
        Assert.Equal(map.Metrics.ShuffleRecordsWritten, result.Metrics.ShuffleRecordsRead);
        Assert.Equal(0, result.Metrics.ShuffleRecordsWritten);
    }

    [Fact]
    public void SaveAsTextFile_Metrics_RecordsAndBytesWritten()
    {
        using var temp = new TempDirectory();
        string output = temp.PathOf("out");

        _context.Parallelize(new[] { "ab", "cd", "ef" }, 2).SaveAsTextFile(output);

        var stage = Assert.Single(_listener.StagesCompleted);
        Assert.Equal(3, stage.Metrics.RecordsWritten);
        Assert.Equal(9, stage.Metrics.BytesWritten);
    }

    [Fact]
    public void FailedJob_Events_ReportTheFailure()
    {
        var rdd = _context.Parallelize(new[] { 1, 2 }, 2).Map<int>(x => x == 2 ? throw new TimeoutException("late") : x);

        Assert.Throws<JobFailedException>(() => rdd.Collect());

        var ended = Assert.Single(_listener.JobsEnded);
        Assert.False(ended.Succeeded);
        Assert.IsType<JobFailedException>(ended.Failure);
        // Partition 0 may end either way: the job fails as soon as partition 1 does, while 0 may still be starting.
        var failedTask = Assert.Single(_listener.TasksEnded, t => !t.Succeeded && t.Partition == 1);
        Assert.IsType<TimeoutException>(failedTask.Failure);
        Assert.NotNull(Assert.Single(_listener.StagesCompleted).Failure);
    }

    [Fact]
    public void RemoveListener_AfterRemoval_ReceivesNothing()
    {
        var other = new RecordingListener();
        _context.AddListener(other);
        _context.Parallelize(new[] { 1 }, 1).Count();
        _context.RemoveListener(other);

        _context.Parallelize(new[] { 1 }, 1).Count();

        Assert.Single(other.JobsStarted);
        Assert.Equal(2, _listener.JobsStarted.Count);
    }

    [Fact]
    public void ThrowingListener_DoesNotFailTheJob()
    {
        _context.AddListener(new ThrowingListener());

        Assert.Equal(3, _context.Parallelize(new[] { 1, 2, 3 }, 2).Count());
    }

    private sealed class ThrowingListener : IRddListener
    {
        public void OnJobStarted(JobStarted e) => throw new InvalidOperationException("listener bug");

        public void OnTaskStarted(TaskStarted e) => throw new InvalidOperationException("listener bug");

        public void OnTaskEnded(TaskEnded e) => throw new InvalidOperationException("listener bug");
    }

    // ---- bounded pool -----------------------------------------------------------------------

    [Fact]
    public void Workers_ParallelismTwo_NeverRunMoreThanTwoTasksAtOnce()
    {
        int running = 0, maxRunning = 0;
        var rdd = _context.Parallelize(Enumerable.Range(0, 16), 8).MapPartitions(items =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref maxRunning)) && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen)
            {
            }
            Thread.Sleep(20);
            var list = items.ToList();
            Interlocked.Decrement(ref running);
            return list;
        });

        Assert.Equal(Enumerable.Range(0, 16), rdd.Collect());

        Assert.InRange(maxRunning, 1, 2);
        Assert.InRange(_listener.MaxConcurrentTasks, 1, 2);
        Assert.Equal(8, _listener.TasksEnded.Count);
    }

    [Fact]
    public void Workers_ParallelismTwo_RunTwoTasksConcurrently()
    {
        using var barrier = new Barrier(2);
        var met = new System.Collections.Concurrent.ConcurrentBag<bool>();

        _context.Parallelize(new[] { 1, 2 }, 2).Foreach(_ => met.Add(barrier.SignalAndWait(TimeSpan.FromSeconds(5))));

        Assert.Equal([true, true], met.ToArray());
    }

    [Fact]
    public void Workers_ParallelismTwo_CannotRunThreeTasksAtOnce()
    {
        using var barrier = new Barrier(3);
        var met = new System.Collections.Concurrent.ConcurrentBag<bool>();

        _context.Parallelize(new[] { 1, 2, 3 }, 3).Foreach(_ => met.Add(barrier.SignalAndWait(TimeSpan.FromMilliseconds(200))));

        Assert.Contains(false, met);
    }

    // ---- ToDebugString ----------------------------------------------------------------------

    [Fact]
    public void ToDebugString_NarrowChain_OneLinePerRddWithPipeContinuation()
    {
        var source = _context.Parallelize(Enumerable.Range(0, 10), 3);
        var mapped = source.Map(x => x + 1);
        var filtered = mapped.Filter(x => x > 2);

        var lines = filtered.ToDebugString().Split(Environment.NewLine);

        Assert.Equal(
            [
                $"(3) MapPartitionsRdd[{filtered.Id}] at Filter",
                $" |  MapPartitionsRdd[{mapped.Id}] at Map",
                $" |  ParallelCollectionRdd[{source.Id}] at Parallelize",
            ],
            lines);
    }

    [Fact]
    public void ToDebugString_WordCount_ShufflePrefixAndIndentedParentStage()
    {
        var source = Lines();
        var words = source.FlatMap(l => l.Split(' '));
        var pairs = words.Map(w => (w, 1));
        var counts = pairs.ReduceByKey((a, b) => a + b);

        var lines = counts.ToDebugString().Split(Environment.NewLine);

        Assert.Equal(4, lines.Length);
        Assert.Matches($@"^\(2\) ShuffledRdd\[{counts.Id}\] at ReduceByKey\b", lines[0]);
        Assert.Contains("shuffle", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.Equal($" +-(2) MapPartitionsRdd[{pairs.Id}] at Map", lines[1]);
        Assert.Equal($"    |  MapPartitionsRdd[{words.Id}] at FlatMap", lines[2]);
        Assert.Equal($"    |  ParallelCollectionRdd[{source.Id}] at Parallelize", lines[3]);
    }

    [Fact]
    public void ToDebugString_TwoShuffles_NestsEachParentStageDeeper()
    {
        var source = _context.Parallelize(Enumerable.Range(0, 20), 2);
        var keyed = source.Map(x => (x % 3, x));
        var reduced = keyed.ReduceByKey((a, b) => a + b, 4);
        var swapped = reduced.Map(p => (p.Item2 % 2, p.Item1));
        var grouped = swapped.ReduceByKey((a, b) => a + b, 5);

        var lines = grouped.ToDebugString().Split(Environment.NewLine);

        Assert.Equal(5, lines.Length);
        Assert.StartsWith($"(5) ShuffledRdd[{grouped.Id}] at ReduceByKey", lines[0]);
        Assert.Equal($" +-(4) MapPartitionsRdd[{swapped.Id}] at Map", lines[1]);
        Assert.StartsWith($"    |  ShuffledRdd[{reduced.Id}] at ReduceByKey", lines[2]);
        Assert.Equal($"    +-(2) MapPartitionsRdd[{keyed.Id}] at Map", lines[3]);
        Assert.Equal($"       |  ParallelCollectionRdd[{source.Id}] at Parallelize", lines[4]);
    }

    [Fact]
    public void ToDebugString_CachedRdd_ShowsStorageLevelAndCachedCount()
    {
        var rdd = _context.Parallelize(Enumerable.Range(0, 10), 2).Map(x => x).Cache();
        rdd.Count();

        string first = rdd.ToDebugString().Split(Environment.NewLine)[0];

        Assert.StartsWith($"(2) MapPartitionsRdd[{rdd.Id}] at Map", first);
        Assert.Contains("MEMORY_ONLY", first);
        Assert.Matches(new Regex(@"2/2"), first);
    }

    [Fact]
    public void ToDebugString_BeforeAnyJob_RunsNoJob()
    {
        WordCount(Lines()).ToDebugString();

        Assert.Empty(_listener.JobsStarted);
    }

    [Fact]
    public void ToString_Rdd_IsKindIdAndOperation()
    {
        var rdd = _context.Parallelize(new[] { 1 }, 1).Map(x => x);

        Assert.Equal($"MapPartitionsRdd[{rdd.Id}] at Map", rdd.ToString());
    }
}
