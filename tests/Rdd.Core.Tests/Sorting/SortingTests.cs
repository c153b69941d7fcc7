using Rdd.Core.Tests.Randomized;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Sorting;

/// <summary>SortByKey and SortBy: order, direction, partitioning, stability and edge shapes.</summary>
public class SortingTests : IDisposable
{
    private readonly RunMode _mode;
    private readonly RddContext _sc;

    public SortingTests()
        : this(RunMode.InMemory)
    {
    }

    protected SortingTests(RunMode mode)
    {
        _mode = mode;
        _sc = ModeContexts.Create(mode);
    }

    public void Dispose()
    {
        _sc.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The same tests with every map output written to a file and read back (MapReduce mode).</summary>
    public sealed class InMapReduceMode() : SortingTests(RunMode.MapReduce);

    private static int[] Shuffled(int count, int seed)
    {
        var keys = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(keys);
        return keys;
    }

    [Fact]
    public void SortByKey_Ascending_CollectsKeysInIncreasingOrder()
    {
        var keys = Shuffled(500, 1);

        var sorted = _sc.Parallelize(keys.Select(k => (k, -k)), 4).SortByKey().Collect();

        Assert.Equal(Enumerable.Range(0, 500).Select(k => (k, -k)), sorted);
    }

    [Fact]
    public void SortByKey_Descending_CollectsKeysInDecreasingOrder()
    {
        var keys = Shuffled(500, 2);

        var sorted = _sc.Parallelize(keys.Select(k => (k, -k)), 4).SortByKey(ascending: false).Collect();

        Assert.Equal(Enumerable.Range(0, 500).Reverse().Select(k => (k, -k)), sorted);
    }

    [Fact]
    public void SortByKey_NoNumPartitions_KeepsInputPartitionCount()
    {
        var pairs = _sc.Parallelize(Shuffled(100, 3).Select(k => (k, 0)), 5);

        Assert.Equal(5, pairs.SortByKey().NumPartitions);
        Assert.Equal(5, pairs.SortByKey(ascending: false).NumPartitions);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void SortByKey_NumPartitions_HasThatManyPartitionsAndStaysSorted(int partitions)
    {
        var pairs = _sc.Parallelize(Shuffled(300, 4).Select(k => (k, 0)), 2);

        var sorted = pairs.SortByKey(numPartitions: partitions);

        Assert.Equal(partitions, sorted.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 300), sorted.Keys().Collect());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SortByKey_MoreThan128Partitions_StaysSorted(bool ascending)
    {
        // Many range bounds: partitions are found by binary search rather than a linear scan.
        var sorted = _sc.Parallelize(Shuffled(5000, 14).Select(k => (k, 0)), 4).SortByKey(ascending, numPartitions: 200);

        var partitions = sorted.Glom().Collect();

        Assert.Equal(200, partitions.Length);
        Assert.True(partitions.Count(p => p.Length > 0) > 100, "the keys should spread over most partitions");
        var expected = Enumerable.Range(0, 5000);
        Assert.Equal(ascending ? expected : expected.Reverse(), partitions.SelectMany(p => p).Select(p => p.Item1));
    }

    [Fact]
    public void SortByKey_ZeroPartitions_ThrowsArgumentException()
    {
        var pairs = _sc.Parallelize([(1, 1)], 1);

        Assert.Throws<ArgumentException>(() => pairs.SortByKey(numPartitions: 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SortByKey_OutputPartitions_AreGloballyOrdered(bool ascending)
    {
        var pairs = _sc.Parallelize(Shuffled(1000, 5).Select(k => (k % 300, k)), 6);

        var partitions = pairs.SortByKey(ascending, numPartitions: 4).Glom().Collect().Where(p => p.Length > 0).ToArray();

        Assert.True(partitions.Length > 1, "the data should spread over several partitions");
        foreach (var partition in partitions)
            Assert.Equal(ascending ? partition.Select(p => p.Item1).Order() : partition.Select(p => p.Item1).OrderDescending(), partition.Select(p => p.Item1));
        for (int i = 0; i + 1 < partitions.Length; i++)
        {
            int last = partitions[i][^1].Item1, next = partitions[i + 1][0].Item1;
            Assert.True(ascending ? last <= next : last >= next, $"partition {i} ends with {last}, the next starts with {next}");
        }
    }

    [Fact]
    public void SortByKey_StringKeys_CompareOrdinally()
    {
        string[] keys = ["b", "a", "B", "A", "_", "\u00e9", "Z", "z", "aa", ""];

        var sorted = _sc.Parallelize(keys.Select(k => (k, 0)), 3).SortByKey().Keys().Collect();

        // UTF-16 code unit order: "" < "A" < "B" < "Z" < "_" < "a" < "aa" < "b" < "z" < "é".
        Assert.Equal(["", "A", "B", "Z", "_", "a", "aa", "b", "z", "\u00e9"], sorted);
    }

    [Fact]
    public void SortByKey_StringKeysAcrossPartitions_RangePartitionsOrdinally()
    {
        var keys = Enumerable.Range(0, 26).SelectMany(i => new[] { ((char)('a' + i)).ToString(), ((char)('A' + i)).ToString() }).ToArray();
        new Random(6).Shuffle(keys);

        var sorted = _sc.Parallelize(keys.Select(k => (k, 0)), 4).SortByKey(numPartitions: 4).Keys().Collect();

        Assert.Equal(keys.Order(StringComparer.Ordinal), sorted);
        Assert.True(Array.IndexOf(sorted, "Z") < Array.IndexOf(sorted, "a"));
    }

    [Fact]
    public void SortByKey_TupleKeys_CompareElementByElement()
    {
        (int, string)[] keys = [(1, "b"), (0, "z"), (1, "A"), (0, "a"), (-1, "zz"), (1, "B")];

        var sorted = _sc.Parallelize(keys.Select(k => (k, 0)), 2).SortByKey().Keys().Collect();

        Assert.Equal([(-1, "zz"), (0, "a"), (0, "z"), (1, "A"), (1, "B"), (1, "b")], sorted);
    }

    [Fact]
    public void SortByKey_EqualKeys_KeepInputOrderOfValues()
    {
        var pairs = _sc.Parallelize(Enumerable.Range(0, 300).Select(i => (i % 3, i)), 4);

        var sorted = pairs.SortByKey(numPartitions: 2).Collect();

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (i % 3, i)).OrderBy(p => p.Item1), sorted);
    }

    [Fact]
    public void SortByKey_EqualKeysDescending_KeepInputOrderOfValues()
    {
        var pairs = _sc.Parallelize(Enumerable.Range(0, 300).Select(i => (i % 3, i)), 4);

        var sorted = pairs.SortByKey(ascending: false, numPartitions: 2).Collect();

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (i % 3, i)).OrderByDescending(p => p.Item1), sorted);
    }

    [Fact]
    public void SortByKey_OneKeyNinetyPercentOfData_SortsAndKeepsEveryRecord()
    {
        var random = new Random(8);
        var data = Enumerable.Range(0, 5000).Select(i => (Key: random.NextDouble() < 0.9 ? 42 : random.Next(0, 1000), Value: i)).ToArray();

        var sorted = _sc.Parallelize(data, 6).SortByKey();
        var partitions = sorted.Glom().Collect();

        Assert.Equal(data.OrderBy(p => p.Key), partitions.SelectMany(p => p));
        Assert.Single(partitions, p => p.Any(x => x.Item1 == 42));
    }

    [Fact]
    public void SortByKey_AllKeysEqual_KeepsInputOrder()
    {
        var data = Enumerable.Range(0, 200).Select(i => ("same", i)).ToArray();

        Assert.Equal(data, _sc.Parallelize(data, 5).SortByKey(numPartitions: 3).Collect());
    }

    [Fact]
    public void SortByKey_EmptyRdd_IsEmptyAndKeepsPartitionCount()
    {
        var sorted = _sc.Parallelize(Array.Empty<(int, int)>(), 3).SortByKey();

        Assert.Empty(sorted.Collect());
        Assert.Equal(3, sorted.NumPartitions);
    }

    [Fact]
    public void SortByKey_MorePartitionsThanElements_StaysSorted()
    {
        var sorted = _sc.Parallelize([(3, "c"), (1, "a"), (2, "b")], 7).SortByKey();

        Assert.Equal(7, sorted.NumPartitions);
        Assert.Equal([(1, "a"), (2, "b"), (3, "c")], sorted.Collect());
    }

    [Fact]
    public void SortByKey_SinglePartition_SortsWithinIt()
    {
        var sorted = _sc.Parallelize(Shuffled(100, 9).Select(k => (k, k)), 1).SortByKey(ascending: false);

        Assert.Equal(1, sorted.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 100).Reverse(), sorted.Keys().Collect());
    }

    [Fact]
    public void SortByKey_BeforeAnyAction_RunsNoJob()
    {
        var listener = new RecordingListener();
        _sc.AddListener(listener);
        var pairs = _sc.Parallelize(Shuffled(100, 10).Select(k => (k, 0)), 4);

        var sorted = pairs.SortByKey().MapValues(v => v + 1);
        _ = sorted.NumPartitions;

        Assert.Empty(listener.JobsStarted);
        Assert.Equal(Enumerable.Range(0, 100), sorted.Keys().Collect());
        Assert.NotEmpty(listener.JobsStarted);
    }

    [Fact]
    public void SortByKey_OneWorkerAndTwoSortsJoined_Completes()
    {
        // Both sorts sample their bounds while the join's stages are scheduled; one worker must not deadlock.
        using var single = ModeContexts.Create(_mode, parallelism: 1);
        var ascending = single.Parallelize(Shuffled(100, 15).Select(k => (k, k)), 4).SortByKey();
        var descending = single.Parallelize(Shuffled(100, 16).Select(k => (k, -k)), 3).SortByKey(ascending: false);

        Assert.Equal(Enumerable.Range(0, 100).Select(k => (k, (k, -k))), ascending.Join(descending).Collect().Order());
    }

    [Fact]
    public void SortByKey_ResultReusedByTwoActions_GivesTheSameOrder()
    {
        var sorted = _sc.Parallelize(Shuffled(400, 11).Select(k => (k % 50, k)), 4).SortByKey();

        Assert.Equal(sorted.Collect(), sorted.Collect());
        Assert.Equal(sorted.Collect().Take(5), sorted.Take(5));
    }

    // ---- SortBy ----

    [Fact]
    public void SortBy_KeySelector_OrdersElementsByKey()
    {
        string[] words = ["pear", "fig", "banana", "kiwi", "apple"];

        var sorted = _sc.Parallelize(words, 2).SortBy(w => w.Length).Collect();

        Assert.Equal(["fig", "pear", "kiwi", "apple", "banana"], sorted);
    }

    [Fact]
    public void SortBy_Descending_OrdersElementsByKeyDescending()
    {
        var sorted = _sc.Parallelize(Shuffled(200, 12), 3).SortBy(x => x, ascending: false).Collect();

        Assert.Equal(Enumerable.Range(0, 200).Reverse(), sorted);
    }

    [Fact]
    public void SortBy_NumPartitions_HasThatManyPartitions()
    {
        var sorted = _sc.Parallelize(Shuffled(200, 13), 3).SortBy(x => -x, numPartitions: 5);

        Assert.Equal(5, sorted.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 200).Reverse(), sorted.Collect());
    }

    [Fact]
    public void SortBy_StringSelector_UsesOrdinalOrder()
    {
        var sorted = _sc.Parallelize(new[] { "b", "B", "a" }, 2).SortBy(s => s).Collect();

        Assert.Equal(["B", "a", "b"], sorted);
    }
}
