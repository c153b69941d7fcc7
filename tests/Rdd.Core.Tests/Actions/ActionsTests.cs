using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Actions;

/// <summary>The actions: results, incremental evaluation, numeric statistics, caching and checkpoints.</summary>
public sealed class ActionsTests : IDisposable
{
    private readonly RddContext _context = TestContexts.Create(parallelism: 2, maxTaskAttempts: 1);
    private readonly RecordingListener _listener = new();
    private readonly TempDirectory _temp = new();

    public ActionsTests() => _context.AddListener(_listener);

    public void Dispose()
    {
        _context.Dispose();
        _temp.Dispose();
    }

    private Rdd<int> Numbers(int n, int slices) => _context.Parallelize(Enumerable.Range(0, n), slices);

    // ---- Collect, Count, First, Take --------------------------------------------------------

    [Fact]
    public void Collect_SeveralPartitions_ReturnsElementsInPartitionOrder()
    {
        Assert.Equal(Enumerable.Range(0, 17), Numbers(17, 5).Collect());
    }

    [Fact]
    public void Count_WithEmptyPartitions_CountsEveryElement()
    {
        Assert.Equal(3, _context.Parallelize(new[] { 1, 2, 3 }, 6).Count());
        Assert.Equal(0, _context.Parallelize(Array.Empty<int>(), 2).Count());
        Assert.Equal(12_345, _context.Range(0, 12_345, 1, 4).Count());
    }

    [Fact]
    public void First_FirstPartitionEmpty_ReturnsFirstElementInPartitionOrder()
    {
        Assert.Equal(7, _context.Parallelize(new[] { 7, 8 }, 4).First());
    }

    [Fact]
    public void Take_MoreThanAvailable_ReturnsEverything()
    {
        Assert.Equal([0, 1, 2], Numbers(3, 2).Take(10));
    }

    [Fact]
    public void Take_Zero_ReturnsEmptyWithoutRunningAJob()
    {
        Assert.Empty(Numbers(10, 2).Take(0));
        Assert.Empty(_listener.JobsStarted);
    }

    [Fact]
    public void Take_OneOfEightPartitions_ComputesOnlyTheFirstPartition()
    {
        var computed = new System.Collections.Concurrent.ConcurrentBag<int>();
        var rdd = Numbers(80, 8).MapPartitionsWithIndex((index, items) =>
        {
            computed.Add(index);
            return items;
        });

        var taken = rdd.Take(1);

        Assert.Equal([0], taken);
        Assert.Equal([0], computed.ToArray());
        Assert.Equal([0], _listener.TasksStarted.Select(t => t.Partition));
    }

    [Fact]
    public void Take_MapCounter_StopsShortOfTheWholeRdd()
    {
        int mapped = 0;
        var rdd = Numbers(80, 8).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x;
        });

        Assert.Equal([0, 1, 2], rdd.Take(3));
        Assert.InRange(mapped, 3, 10); // at most the first partition's 10 elements
    }

    [Fact]
    public void Take_MoreThanFirstPartitionHolds_ScansFurtherPartitionsIncrementally()
    {
        var rdd = Numbers(80, 8);

        var taken = rdd.Take(15);

        Assert.Equal(Enumerable.Range(0, 15), taken);
        var partitions = _listener.TasksStarted.Select(t => t.Partition).Order().ToArray();
        Assert.Equal([0, 1], partitions);
        Assert.Equal(2, _listener.JobsStarted.Count);
    }

    [Fact]
    public void Take_LeadingPartitionsEmpty_GrowsTheScanUntilFound()
    {
        var rdd = Numbers(80, 8).Filter(x => x >= 70);

        Assert.Equal([70, 71], rdd.Take(2));
        Assert.Contains(_listener.TasksStarted, t => t.Partition == 7);
    }

    // ---- TakeOrdered, Top -------------------------------------------------------------------

    [Fact]
    public void TakeOrdered_Numbers_SmallestAscending()
    {
        var rdd = _context.Parallelize(new[] { 10, 4, 2, 12, 3 }, 3);

        Assert.Equal([2, 3], rdd.TakeOrdered(2));
        Assert.Equal([2, 3, 4, 10, 12], rdd.TakeOrdered(10));
    }

    [Fact]
    public void TakeOrdered_KeySelector_OrdersByKey()
    {
        var rdd = _context.Parallelize(new[] { 10, 4, 2, 12, 3 }, 2);

        Assert.Equal([12, 10, 4], rdd.TakeOrdered(3, x => -x));
    }

    [Fact]
    public void TakeOrdered_Strings_CompareOrdinallyUppercaseFirst()
    {
        var rdd = _context.Parallelize(new[] { "b", "a", "B", "A", "é", "Z" }, 3);

        Assert.Equal(["A", "B", "Z", "a", "b", "é"], rdd.TakeOrdered(6));
        Assert.Equal(["B", "a"], rdd.TakeOrdered(2, s => s == "A" || s == "Z" ? "~" : s));
    }

    [Fact]
    public void Top_Numbers_LargestDescending()
    {
        var rdd = _context.Parallelize(new[] { 6, 9, 4, 7, 5, 8 }, 2);

        Assert.Equal([9, 8], rdd.Top(2));
        Assert.Equal(["b", "a", "B"], _context.Parallelize(new[] { "a", "B", "b", "A" }, 2).Top(3));
    }

    [Fact]
    public void Top_KeySelector_LargestKeysFirst()
    {
        var rdd = _context.Parallelize(new[] { "ccc", "a", "bb", "dddd" }, 2);

        Assert.Equal(["dddd", "ccc"], rdd.Top(2, s => s.Length));
    }

    // ---- TakeSample -------------------------------------------------------------------------

    [Fact]
    public void TakeSample_WithoutReplacement_ReturnsNumDistinctPositions()
    {
        var sample = Numbers(100, 4).TakeSample(false, 20, seed: 1);

        Assert.Equal(20, sample.Length);
        Assert.Equal(20, sample.Distinct().Count());
        Assert.All(sample, x => Assert.InRange(x, 0, 99));
    }

    [Fact]
    public void TakeSample_SameSeed_IsReproducible()
    {
        var rdd = Numbers(100, 4);

        Assert.Equal(rdd.TakeSample(false, 10, seed: 9), rdd.TakeSample(false, 10, seed: 9));
        Assert.Equal(rdd.TakeSample(true, 10, seed: 9), rdd.TakeSample(true, 10, seed: 9));
    }

    [Fact]
    public void TakeSample_WithoutReplacementMoreThanCount_ReturnsAllElementsOnce()
    {
        var sample = Numbers(10, 3).TakeSample(false, 50, seed: 4);

        Assert.Equal(Enumerable.Range(0, 10), sample.Order());
    }

    [Fact]
    public void TakeSample_WithReplacementMoreThanCount_ReturnsNumElements()
    {
        var sample = Numbers(5, 2).TakeSample(true, 20, seed: 4);

        Assert.Equal(20, sample.Length);
        Assert.All(sample, x => Assert.InRange(x, 0, 4));
    }

    [Fact]
    public void TakeSample_DuplicateValues_WithoutReplacementPicksDistinctPositions()
    {
        // 50 copies each of 0 and 1: picking 60 positions without replacement must use both values, at most 50 times each.
        var rdd = _context.Parallelize(Enumerable.Range(0, 100).Select(i => i % 2), 4);

        var sample = rdd.TakeSample(false, 60, seed: 2);

        Assert.Equal(60, sample.Length);
        Assert.InRange(sample.Count(x => x == 0), 10, 50);
        Assert.InRange(sample.Count(x => x == 1), 10, 50);
    }

    // ---- Reduce, Fold, Aggregate ------------------------------------------------------------

    [Fact]
    public void Reduce_Sum_CombinesAllPartitionsIncludingEmptyOnes()
    {
        Assert.Equal(45, Numbers(10, 3).Reduce((a, b) => a + b));
        Assert.Equal(5, _context.Parallelize(new[] { 5 }, 4).Reduce((a, b) => a + b));
    }

    [Fact]
    public void Fold_NeutralZero_IsTheSum()
    {
        Assert.Equal(45, Numbers(10, 3).Fold(0, (a, b) => a + b));
    }

    [Fact]
    public void Fold_NonNeutralZero_IsAppliedOncePerPartitionAndOnceOnTheDriver()
    {
        // Spark's documented behaviour: sc.parallelize(1..10, 4).fold(1)(_ + _) == 55 + 4 + 1.
        var rdd = _context.Parallelize(Enumerable.Range(1, 10), 4);

        Assert.Equal(60, rdd.Fold(1, (a, b) => a + b));
    }

    [Fact]
    public void Aggregate_SumAndCount_ComputesMean()
    {
        var (sum, count) = Numbers(10, 3).Aggregate((Sum: 0, Count: 0), (acc, x) => (acc.Sum + x, acc.Count + 1), (a, b) => (a.Sum + b.Sum, a.Count + b.Count));

        Assert.Equal(45, sum);
        Assert.Equal(10, count);
    }

    [Fact]
    public void Aggregate_MutableZeroList_IsNotSharedBetweenPartitions()
    {
        var zero = new List<int>();

        var result = Numbers(20, 4).Aggregate(zero,
            (list, x) =>
            {
                list.Add(x);
                return list;
            },
            (a, b) =>
            {
                a.AddRange(b);
                return a;
            });

        Assert.Equal(Enumerable.Range(0, 20), result.Order());
        Assert.Empty(zero);
    }

    [Fact]
    public void Fold_MutableZeroSet_IsNotSharedBetweenPartitions()
    {
        var rdd = _context.Parallelize(new[] { new HashSet<int> { 1 }, new HashSet<int> { 2 }, new HashSet<int> { 3 } }, 3);
        var zero = new HashSet<int> { 100 };

        var union = rdd.Fold(zero, (a, b) =>
        {
            a.UnionWith(b);
            return a;
        });

        Assert.Equal([1, 2, 3, 100], union.Order());
        Assert.Equal([100], zero);
    }

    // ---- Foreach, ForeachPartition, CountByValue --------------------------------------------

    [Fact]
    public void Foreach_LongAccumulator_SumsEveryElement()
    {
        var sum = _context.LongAccumulator("sum");

        Numbers(101, 4).Foreach(x => sum.Add(x));

        Assert.Equal(5050, sum.Value);
    }

    [Fact]
    public void ForeachPartition_CalledOncePerPartitionWithItsElements()
    {
        var partitions = _context.LongAccumulator();
        var elements = _context.LongAccumulator();

        Numbers(10, 4).ForeachPartition(items =>
        {
            partitions.Add(1);
            elements.Add(items.Count());
        });

        Assert.Equal(4, partitions.Value);
        Assert.Equal(10, elements.Value);
    }

    [Fact]
    public void CountByValue_Repeats_CountsEachValue()
    {
        var counts = _context.Parallelize(new[] { "a", "b", "a", "c", "a", "b" }, 3).CountByValue();

        Assert.Equal(3, counts.Count);
        Assert.Equal(3, counts["a"]);
        Assert.Equal(2, counts["b"]);
        Assert.Equal(1, counts["c"]);
    }

    // ---- ToLocalIterator --------------------------------------------------------------------

    [Fact]
    public void ToLocalIterator_FullEnumeration_RunsOneJobPerPartitionAndKeepsOrder()
    {
        var items = Numbers(10, 4).ToLocalIterator().ToList();

        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal(4, _listener.JobsStarted.Count);
        Assert.All(_listener.StagesSubmitted, s => Assert.Equal(1, s.TasksToRun));
    }

    [Fact]
    public void ToLocalIterator_FirstElementOnly_ComputesOnlyTheFirstPartition()
    {
        int mapped = 0;
        var rdd = Numbers(40, 4).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x;
        });

        using var enumerator = rdd.ToLocalIterator().GetEnumerator();
        Assert.Empty(_listener.JobsStarted);
        Assert.True(enumerator.MoveNext());

        Assert.Equal(0, enumerator.Current);
        Assert.Single(_listener.JobsStarted);
        Assert.Equal(10, mapped);
    }

    // ---- numeric ----------------------------------------------------------------------------

    [Fact]
    public void NumericActions_Doubles_MatchLinq()
    {
        double[] data = [3.5, -1.25, 8, 0, 2.75, 10.5, -4];
        var rdd = _context.Parallelize(data, 3);

        Assert.Equal(data.Sum(), rdd.Sum(), 12);
        Assert.Equal(data.Average(), rdd.Mean(), 12);
        Assert.Equal(data.Max(), rdd.Max());
        Assert.Equal(data.Min(), rdd.Min());
    }

    [Fact]
    public void NumericActions_Ints_KeepTheElementType()
    {
        var rdd = _context.Parallelize(new[] { 4, 9, -2, 7 }, 2);

        int sum = rdd.Sum();
        int max = rdd.Max();
        int min = rdd.Min();

        Assert.Equal(18, sum);
        Assert.Equal(9, max);
        Assert.Equal(-2, min);
        Assert.Equal(4.5, rdd.Mean(), 12);
    }

    [Fact]
    public void Stats_Values_PopulationAndSampleDeviationDiffer()
    {
        double[] data = [2, 4, 4, 4, 5, 5, 7, 9];
        var stats = _context.Parallelize(data, 3).Stats();

        double mean = data.Average();
        double population = Math.Sqrt(data.Sum(x => (x - mean) * (x - mean)) / data.Length);
        double sample = Math.Sqrt(data.Sum(x => (x - mean) * (x - mean)) / (data.Length - 1));
        Assert.Equal(8, stats.Count);
        Assert.Equal(5.0, stats.Mean, 12);
        Assert.Equal(40.0, stats.Sum, 12);
        Assert.Equal(2.0, stats.Stdev, 12);
        Assert.Equal(population, stats.Stdev, 12);
        Assert.Equal(sample, stats.SampleStdev, 12);
        Assert.Equal(4.0, stats.Variance, 12);
        Assert.Equal(2.0, stats.Min);
        Assert.Equal(9.0, stats.Max);
    }

    [Fact]
    public void Stats_ManyPartitionsOfUnevenSizes_MergeMatchesSinglePass()
    {
        var random = new Random(17);
        var data = Enumerable.Range(0, 1000).Select(_ => random.NextDouble() * 1000 - 300).ToArray();
        double mean = data.Average();
        double variance = data.Sum(x => (x - mean) * (x - mean)) / data.Length;

        var stats = _context.Parallelize(data, 7).Filter(x => x > -250).Union(_context.Parallelize(data.Where(x => x <= -250), 1)).Stats();

        Assert.Equal(1000, stats.Count);
        Assert.Equal(mean, stats.Mean, 9);
        Assert.Equal(Math.Sqrt(variance), stats.Stdev, 9);
        Assert.Equal(data.Sum(), stats.Sum, 6);
    }

    [Fact]
    public void Mean_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(_context.Parallelize(Array.Empty<double>(), 2).Mean()));
        Assert.Equal(0, _context.Parallelize(Array.Empty<int>(), 2).Sum());
    }

    [Fact]
    public void Histogram_SparkDocExampleTwoBuckets_LastBucketClosed()
    {
        // PySpark doc: sc.parallelize(range(51)).histogram(2) == ([0, 25, 50], [25, 26])
        var (buckets, counts) = _context.Parallelize(Enumerable.Range(0, 51), 3).Histogram(2);

        Assert.Equal([0.0, 25.0, 50.0], buckets);
        Assert.Equal([25L, 26L], counts);
    }

    [Fact]
    public void Histogram_EvenlySpacedBuckets_CountEveryValueOnce()
    {
        // Buckets min + (max - min) * i / n: [1, 4), [4, 7), [7, 10].
        var data = new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

        var (buckets, counts) = _context.Parallelize(data, 4).Histogram(3);

        Assert.Equal([1.0, 4.0, 7.0, 10.0], buckets);
        Assert.Equal([3L, 3L, 4L], counts);
    }

    [Fact]
    public void Histogram_AllValuesEqual_OneBucketHoldingEverything()
    {
        var (buckets, counts) = _context.Parallelize(new[] { 2.5, 2.5, 2.5 }, 2).Histogram(4);

        Assert.Equal([2.5, 2.5], buckets);
        Assert.Equal([3L], counts);
    }

    [Fact]
    public void Histogram_GivenEdges_MatchesSparkDocExample()
    {
        // PySpark doc: rdd.histogram([0, 5, 25, 50]) == ([0, 5, 25, 50], [5, 20, 26])
        var counts = _context.Parallelize(Enumerable.Range(0, 51), 3).Histogram([0.0, 5, 25, 50]);

        Assert.Equal([5L, 20L, 26L], counts);
    }

    [Fact]
    public void Histogram_NaNInput_Throws()
    {
        var rdd = _context.Parallelize(new[] { 1.0, double.NaN, 3.0 }, 2);

        var error = Record.Exception(() => rdd.Histogram(2));

        AssertIsOrWraps<InvalidOperationException>(error);
    }

    [Fact]
    public void Histogram_InfinityInput_Throws()
    {
        var rdd = _context.Parallelize(new[] { 1.0, double.PositiveInfinity }, 2);

        AssertIsOrWraps<InvalidOperationException>(Record.Exception(() => rdd.Histogram(2)));
    }

    [Fact]
    public void Histogram_Empty_ThrowsInvalidOperationException()
    {
        Assert.Throws<InvalidOperationException>(() => _context.Parallelize(Array.Empty<double>(), 2).Histogram(2));
    }

    /// <summary>A check made inside a task surfaces wrapped in JobFailedException; one made on the driver does not.</summary>
    private static void AssertIsOrWraps<TException>(Exception? error)
        where TException : Exception
    {
        Assert.NotNull(error);
        var actual = error is JobFailedException failed ? failed.InnerException : error;
        Assert.IsType<TException>(actual);
    }

    // ---- Cache, Evict -----------------------------------------------------------------------

    [Fact]
    public void Cache_SecondAction_DoesNotRecompute()
    {
        int mapped = 0;
        var rdd = Numbers(20, 4).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x * 2;
        });

        Assert.Same(rdd, rdd.Cache());
        Assert.Empty(rdd.CachedPartitions);
        var first = rdd.Collect();
        Assert.Equal(20, mapped);
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);

        var second = rdd.Collect();
        Assert.Equal(first, second);
        Assert.Equal(20, mapped);
        Assert.Equal(20, rdd.Count());
        Assert.Equal(20, mapped);
    }

    [Fact]
    public void Cache_EvictOnePartition_RecomputesOnlyThatPartitionAndStoresItAgain()
    {
        int mapped = 0;
        var rdd = Numbers(20, 4).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x;
        }).Cache();
        rdd.Collect();

        Assert.True(_context.Storage.Evict(rdd.Id, 1));
        Assert.Equal([0, 2, 3], rdd.CachedPartitions);
        Assert.False(_context.Storage.Evict(rdd.Id, 1));

        Assert.Equal(Enumerable.Range(0, 20), rdd.Collect());
        Assert.Equal(25, mapped);
        Assert.Equal([0, 1, 2, 3], rdd.CachedPartitions);
    }

    [Fact]
    public void Unpersist_AfterCache_DropsBlocksAndRecomputes()
    {
        int mapped = 0;
        var rdd = Numbers(8, 2).Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x;
        }).Cache();
        rdd.Count();

        Assert.Same(rdd, rdd.Unpersist());
        Assert.Empty(rdd.CachedPartitions);
        rdd.Count();

        Assert.Equal(16, mapped);
        Assert.Empty(rdd.CachedPartitions);
    }

    [Fact]
    public void Persist_ChangingLevel_Throws()
    {
        var rdd = Numbers(4, 2).Cache();

        Assert.Same(rdd, rdd.Persist(StorageLevel.MemoryOnly));
        Assert.Throws<InvalidOperationException>(() => rdd.Persist(StorageLevel.DiskOnly));
    }

    // ---- Checkpoint -------------------------------------------------------------------------

    [Fact]
    public void Checkpoint_WithoutCheckpointDir_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Numbers(4, 2).Checkpoint());
    }

    [Fact]
    public void Checkpoint_AfterFirstJob_IsCheckpointedAndParentsNotRunAgain()
    {
        _context.SetCheckpointDir(_temp.PathOf("checkpoints"));
        int mapped = 0;
        var source = Numbers(12, 3);
        var rdd = source.Map(x =>
        {
            Interlocked.Increment(ref mapped);
            return x + 100;
        });

        rdd.Checkpoint();
        Assert.False(rdd.IsCheckpointed);
        Assert.Equal(0, mapped);

        var first = rdd.Collect();
        Assert.True(rdd.IsCheckpointed);
        int afterFirst = mapped;
        Assert.True(afterFirst >= 12);

        Assert.Equal(first, rdd.Collect());
        Assert.Equal(first.Where(x => x % 2 == 0), rdd.Filter(x => x % 2 == 0).Collect());
        Assert.Equal(afterFirst, mapped);
        Assert.Equal(3, rdd.NumPartitions);
        Assert.NotEmpty(Directory.EnumerateFiles(_temp.PathOf("checkpoints"), "part-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Checkpoint_ToDebugString_ShowsCheckpointAsTheNewRoot()
    {
        _context.SetCheckpointDir(_temp.PathOf("checkpoints"));
        var source = Numbers(6, 2);
        var rdd = source.Map(x => x * 3);
        rdd.Checkpoint();
        string before = rdd.ToDebugString();

        rdd.Count();
        string after = rdd.ToDebugString();

        Assert.Contains($"ParallelCollectionRdd[{source.Id}]", before);
        Assert.DoesNotContain("ParallelCollectionRdd", after);
        var lines = after.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"(2) MapPartitionsRdd[{rdd.Id}] at Map", lines[0]);
        Assert.Contains("checkpointed", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(" |  ", lines[1]);
        Assert.Contains("Checkpoint", lines[1]);
    }
}
