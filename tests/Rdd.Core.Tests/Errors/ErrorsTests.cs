using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Errors;

/// <summary>An exception type only user code throws, to check that the engine hands back exactly it.</summary>
public sealed class UserCodeException(string message) : Exception(message);

/// <summary>Task failures and retries, input/output path errors, argument errors and empty-Rdd errors.</summary>
public sealed class ErrorsTests : IDisposable
{
    private const int Attempts = 3;

    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: Attempts);
    private readonly RecordingListener _listener = new();
    private readonly TempDirectory _temp = new();

    public ErrorsTests() => _context.AddListener(_listener);

    public void Dispose()
    {
        _context.Dispose();
        _temp.Dispose();
    }

    private Rdd<int> Numbers(int n, int slices) => _context.Parallelize(Enumerable.Range(0, n), slices);

    // ---- task failures ----------------------------------------------------------------------

    [Fact]
    public void Map_UserExceptionEveryAttempt_JobFailedAfterMaxAttemptsWithTheUserException()
    {
        int throws = 0;
        var rdd = Numbers(12, 4).Map(x =>
        {
            if (x == 7)
            {
                Interlocked.Increment(ref throws);
                throw new UserCodeException("bad element 7");
            }
            return x;
        });

        var error = Assert.Throws<JobFailedException>(() => rdd.Collect());

        var inner = Assert.IsType<UserCodeException>(error.InnerException);
        Assert.Equal("bad element 7", inner.Message);
        Assert.Equal(Attempts, throws);
        Assert.Equal(Attempts, error.Attempts);
        Assert.Equal(2, error.Partition); // 7 lies in [6, 9), the third slice
        var failedAttempts = _listener.TasksEnded.Where(t => !t.Succeeded && t.Partition == 2).ToArray();
        Assert.Equal(Attempts, failedAttempts.Length);
        Assert.Equal(Enumerable.Range(0, Attempts), failedAttempts.Select(t => t.Attempt).Order());
        Assert.All(failedAttempts, t => Assert.Equal(error.StageId, t.StageId));
    }

    [Fact]
    public void Map_ActionInsideATask_FailsClearlyInsteadOfDeadlocking()
    {
        // With a bounded pool, a task that waits for another job could wait forever; Spark refuses it too.
        var inner = Numbers(10, 2);
        var error = Assert.Throws<JobFailedException>(() => Numbers(4, 2).Map(x => inner.Count() + x).Collect());
        var cause = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("inside a task", cause.Message);
        Assert.Equal(10, inner.Count()); // and the context still works
    }

    [Fact]
    public void Map_UserException_MessageNamesStageAndPartition()
    {
        var rdd = Numbers(4, 2).Map<int>(x => x == 3 ? throw new UserCodeException("boom") : x);

        var error = Assert.Throws<JobFailedException>(() => rdd.Count());

        Assert.Equal(1, error.Partition);
        Assert.Contains($"partition {error.Partition}", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"stage {error.StageId}", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("boom", error.Message);
    }

    [Fact]
    public void Map_UserExceptionInShuffleMapStage_SurfacesUnwrapped()
    {
        var rdd = Numbers(10, 2).Map<(int, int)>(x => x == 9 ? throw new UserCodeException("in map stage") : (x % 2, x)).ReduceByKey((a, b) => a + b);

        var error = Assert.Throws<JobFailedException>(() => rdd.Collect());

        Assert.IsType<UserCodeException>(error.InnerException);
        var failedStage = _listener.StagesCompleted.Single(s => s.Failure is not null);
        Assert.True(failedStage.Stage.IsShuffleMap);
        Assert.Equal(failedStage.Stage.StageId, error.StageId);
        Assert.False(_listener.JobsEnded.Single().Succeeded);
    }

    [Fact]
    public void Map_ExceptionThrownInsideIterator_IsNotWrapped()
    {
        static IEnumerable<int> Failing(IEnumerable<int> items)
        {
            foreach (var x in items)
            {
                if (x == 2) throw new FormatException("iterator failed");
                yield return x;
            }
        }

        var error = Assert.Throws<JobFailedException>(() => Numbers(4, 1).MapPartitions(Failing).Collect());

        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public void Context_AfterAFailedJob_RunsTheNextJob()
    {
        var failing = Numbers(10, 2).Map<int>(_ => throw new UserCodeException("always"));
        Assert.Throws<JobFailedException>(() => failing.Count());

        Assert.Equal(45, Numbers(10, 2).Sum());
        Assert.Equal(45, Numbers(10, 2).Map(x => (x % 2, x)).ReduceByKey((a, b) => a + b).Values().Sum());
        Assert.Throws<JobFailedException>(() => failing.Count());
    }

    [Fact]
    public void Map_FailsOnFirstAttemptOnly_RetrySucceedsAndAccumulatorCountsOnce()
    {
        int failedOnce = 0;
        var seen = _context.LongAccumulator("seen");
        var rdd = Numbers(20, 4).Map(x =>
        {
            seen.Add(1);
            // The last element of partition 1 fails its first attempt, after the attempt already added 4 to the accumulator.
            if (x == 9 && Interlocked.Exchange(ref failedOnce, 1) == 0) throw new UserCodeException("transient");
            return x * 10;
        });

        var result = rdd.Collect();

        Assert.Equal(Enumerable.Range(0, 20).Select(x => x * 10), result);
        Assert.Equal(20, seen.Value);
        var partitionOne = _listener.TasksEnded.Where(t => t.Partition == 1).OrderBy(t => t.Attempt).ToArray();
        Assert.Equal(2, partitionOne.Length);
        Assert.False(partitionOne[0].Succeeded);
        Assert.IsType<UserCodeException>(partitionOne[0].Failure);
        Assert.True(partitionOne[1].Succeeded);
        Assert.Equal(1, partitionOne[1].Attempt);
    }

    [Fact]
    public void Foreach_FailedJob_AccumulatorKeepsOnlySuccessfulTasks()
    {
        using var single = TestContexts.Create(parallelism: 1, maxTaskAttempts: 2);
        var seen = single.LongAccumulator();
        var rdd = single.Parallelize(Enumerable.Range(0, 9), 3);

        Assert.Throws<JobFailedException>(() => rdd.Foreach(x =>
        {
            seen.Add(1);
            if (x == 4) throw new UserCodeException("partition 1 always fails");
        }));

        // Partition 0 succeeded (3); partition 1 failed twice (never counted); partition 2 may or may not have run.
        Assert.Contains(seen.Value, new long[] { 3, 6 });
    }

    // ---- paths ------------------------------------------------------------------------------

    [Fact]
    public void TextFile_MissingPath_ThrowsFileNotFoundExceptionNamingThePathAtAction()
    {
        string missing = _temp.PathOf("nowhere/input.txt");
        var rdd = _context.TextFile(missing);

        var error = Assert.Throws<FileNotFoundException>(() => rdd.Count());

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void TextFile_GlobMatchingNothing_ThrowsFileNotFoundException()
    {
        Directory.CreateDirectory(_temp.PathOf("empty"));

        Assert.Throws<FileNotFoundException>(() => _context.TextFile(_temp.PathOf("empty/*.csv")).Collect());
    }

    [Fact]
    public void WholeTextFiles_MissingPath_ThrowsFileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => _context.WholeTextFiles(_temp.PathOf("absent")).Collect());
    }

    [Fact]
    public void SaveAsTextFile_ExistingFolder_ThrowsIOExceptionAndLeavesItUntouched()
    {
        string output = _temp.PathOf("existing");
        _temp.WriteText("existing/keep.txt", "precious");

        Assert.Throws<IOException>(() => Numbers(4, 2).SaveAsTextFile(output));

        Assert.Equal("precious", File.ReadAllText(Path.Combine(output, "keep.txt")));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Empty(_listener.JobsStarted);
    }

    [Fact]
    public void SaveAsTextFile_ExistingEmptyFolder_ThrowsIOException()
    {
        string output = _temp.PathOf("empty-existing");
        Directory.CreateDirectory(output);

        Assert.Throws<IOException>(() => Numbers(4, 2).SaveAsTextFile(output));
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void SaveAsObjectFile_ExistingFile_ThrowsIOException()
    {
        string output = _temp.WriteText("a-file", "x");

        Assert.Throws<IOException>(() => Numbers(4, 2).SaveAsObjectFile(output));
        Assert.Equal("x", File.ReadAllText(output));
    }

    [Fact]
    public void SaveAsTextFile_FailingTask_LeavesNoSuccessMarkerAndNoPartFiles()
    {
        string output = _temp.PathOf("failed-save");
        var rdd = Numbers(30, 3).Map<int>(x => x == 25 ? throw new UserCodeException("cannot format") : x);

        var error = Assert.Throws<JobFailedException>(() => rdd.SaveAsTextFile(output));

        Assert.IsType<UserCodeException>(error.InnerException);
        Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.Empty(Directory.Exists(output) ? Directory.EnumerateFiles(output, "part-*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void SaveAsTextFile_AfterFailedSave_SamePathCanBeWritten()
    {
        string output = _temp.PathOf("retry-save");
        var failing = Numbers(6, 2).Map<int>(x => x == 5 ? throw new UserCodeException("no") : x);
        Assert.Throws<JobFailedException>(() => failing.SaveAsTextFile(output));

        Numbers(6, 2).SaveAsTextFile(output);

        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.Equal(["0", "1", "2", "3", "4", "5"], _context.TextFile(output).Collect());
    }

    // ---- argument errors --------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Parallelize_NonPositiveNumSlices_ThrowsArgumentExceptionAtTheCall(int slices)
    {
        Assert.Throws<ArgumentException>(() => _context.Parallelize(new[] { 1, 2 }, slices));
        Assert.Throws<ArgumentException>(() => _context.Range(0, 10, 1, slices));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void PartitionCounts_NonPositive_ThrowArgumentExceptionAtTheCall(int n)
    {
        var rdd = Numbers(4, 2);

        Assert.Throws<ArgumentException>(() => rdd.Coalesce(n));
        Assert.Throws<ArgumentException>(() => rdd.Repartition(n));
        Assert.Throws<ArgumentException>(() => rdd.Distinct(n));
        Assert.Throws<ArgumentException>(() => _context.TextFile(_temp.PathOf("x"), n));
        Assert.Empty(_listener.JobsStarted);
    }

    [Theory]
    [InlineData(false, -0.1)]
    [InlineData(false, 1.5)]
    [InlineData(true, -1.0)]
    [InlineData(false, double.NaN)]
    [InlineData(true, double.PositiveInfinity)]
    public void Sample_FractionOutOfRange_ThrowsArgumentExceptionAtTheCall(bool withReplacement, double fraction)
    {
        int mapped = 0;
        var rdd = Numbers(4, 2).Map(x => mapped += 1);

        Assert.Throws<ArgumentException>(() => rdd.Sample(withReplacement, fraction, seed: 1));
        Assert.Equal(0, mapped);
    }

    [Fact]
    public void Sample_WithReplacementFractionAboveOne_IsAllowed()
    {
        Assert.NotNull(Numbers(4, 2).Sample(true, 3.0, seed: 1));
    }

    [Fact]
    public void Take_Negative_ThrowsArgumentExceptionWithoutRunningAJob()
    {
        Assert.Throws<ArgumentException>(() => Numbers(4, 2).Take(-1));
        Assert.Throws<ArgumentException>(() => Numbers(4, 2).TakeOrdered(-1));
        Assert.Throws<ArgumentException>(() => Numbers(4, 2).Top(-2));
        Assert.Throws<ArgumentException>(() => Numbers(4, 2).TakeSample(false, -1, seed: 1));
        Assert.Empty(_listener.JobsStarted);
    }

    [Fact]
    public void RandomSplit_BadWeights_ThrowArgumentException()
    {
        var rdd = Numbers(4, 2);

        Assert.Throws<ArgumentException>(() => rdd.RandomSplit([]));
        Assert.Throws<ArgumentException>(() => rdd.RandomSplit([0.5, -0.1]));
        Assert.Throws<ArgumentException>(() => rdd.RandomSplit([0, 0]));
    }

    // ---- empty Rdds -------------------------------------------------------------------------

    [Fact]
    public void Reduce_Empty_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => _context.Parallelize(Array.Empty<int>(), 3).Reduce((a, b) => a + b));
    }

    [Fact]
    public void Reduce_AllFilteredOut_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => Numbers(10, 3).Filter(x => x > 100).Reduce((a, b) => a + b));
    }

    [Fact]
    public void First_Empty_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => _context.Parallelize(Array.Empty<string>(), 2).First());
    }

    [Fact]
    public void MaxMin_Empty_ThrowInvalidOperationException()
    {
        var empty = _context.Parallelize(Array.Empty<double>(), 2);

        Assert.Throws<InvalidOperationException>(() => empty.Max());
        Assert.Throws<InvalidOperationException>(() => empty.Min());
    }

    [Fact]
    public void FoldAndCollect_Empty_ReturnZeroAndEmpty()
    {
        var empty = _context.Parallelize(Array.Empty<int>(), 2);

        Assert.Equal(0, empty.Fold(0, (a, b) => a + b));
        Assert.Empty(empty.Collect());
        Assert.Empty(empty.Take(3));
    }
}
