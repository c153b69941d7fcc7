using Rdd.Core.Collections;
using Rdd.Core.Tests.IO;

namespace Rdd.Core.Tests.Collections;

/// <summary>
/// ExternalSorter against LINQ's stable OrderBy / OrderByDescending on seeded random data with many equal
/// keys: tiny budgets (dozens of spilled runs) and huge ones, multi-pass merges, null keys, custom comparers.
/// </summary>
public sealed class ExternalSorterTests : IDisposable
{
    private const long TinyBudget = 16 * 1024;
    private const long HugeBudget = 1L << 30;

    private readonly ScratchFolder _folder = new();
    private readonly TaskMetrics _metrics = new();

    public void Dispose() => _folder.Dispose();

    private string SpillDirectory => Path.Combine(_folder.Root, "spills");

    private string[] SpillFiles => Directory.Exists(SpillDirectory) ? Directory.GetFiles(SpillDirectory) : [];

    /// <summary>Keys from a small range (so equal keys abound), values numbering the records in insertion order.</summary>
    private static (long Key, int Value)[] RandomRecords(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => ((long)random.Next(keys), i)).ToArray();
    }

    [Theory]
    [InlineData(false, TinyBudget)]
    [InlineData(true, TinyBudget)]
    [InlineData(false, HugeBudget)]
    [InlineData(true, HugeBudget)]
    public void Sorted_RandomRecords_MatchesLinqStableOrder(bool descending, long budget)
    {
        var records = RandomRecords(30_000, 1_500, seed: 1);
        using var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, descending, budget, SpillDirectory, _metrics);

        foreach (var (k, v) in records) sorter.Insert(k, v);
        var sorted = sorter.Sorted().ToList();

        var expected = descending ? records.OrderByDescending(r => r.Key) : records.OrderBy(r => r.Key);
        SequenceAssert.Equal(expected.Select(r => (r.Key, r.Value)), sorted);
        if (budget == TinyBudget)
        {
            Assert.InRange(sorter.SpillCount, 24, int.MaxValue);
            Assert.True(_metrics.SpilledBytes > 0);
        }
        else
        {
            Assert.Equal(0, sorter.SpillCount);
        }
        Assert.Empty(SpillFiles);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    [InlineData(false, 5)]
    public void Sorted_NarrowMergeWidth_MergesInSeveralPassesAndStaysStable(bool descending, int width)
    {
        var records = RandomRecords(12_000, 50, seed: 2);
        using var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, descending, TinyBudget, SpillDirectory, _metrics) { MaxMergeWidth = width };

        foreach (var (k, v) in records) sorter.Insert(k, v);
        var sorted = sorter.Sorted().ToList();

        Assert.True(sorter.SpillCount > width);
        var expected = descending ? records.OrderByDescending(r => r.Key) : records.OrderBy(r => r.Key);
        SequenceAssert.Equal(expected.Select(r => (r.Key, r.Value)), sorted);
        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Sorted_StringKeysWithNulls_TinyBudget_SortsNullsFirstAndStably()
    {
        var random = new Random(3);
        var records = Enumerable.Range(0, 20_000).Select(i => (Key: random.Next(300) is var n && n < 10 ? null : "k" + n, Value: i)).ToArray();
        using var sorter = new ExternalSorter<string?, int>(StringComparer.Ordinal, false, TinyBudget, SpillDirectory, _metrics);

        foreach (var (k, v) in records) sorter.Insert(k, v);
        var sorted = sorter.Sorted().ToList();

        Assert.True(sorter.SpillCount > 10);
        SequenceAssert.Equal(records.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)), sorted);
        Assert.Null(sorted[0].Item1);
    }

    [Fact]
    public void Sorted_CoarseComparer_KeepsInsertionOrderAmongEqualKeys()
    {
        // Keys equal under the comparer but distinct as values: their order shows the sort's stability.
        var byTens = Comparer<int>.Create((a, b) => (a / 10).CompareTo(b / 10));
        var random = new Random(4);
        var keys = Enumerable.Range(0, 20_000).Select(_ => random.Next(1_000)).ToArray();
        using var sorter = new ExternalSorter<int, string>(byTens, true, TinyBudget, SpillDirectory, _metrics);

        foreach (var key in keys) sorter.Insert(key, "v" + key);
        var sorted = sorter.Sorted().Select(r => r.Item1).ToList();

        SequenceAssert.Equal(keys.OrderByDescending(k => k, byTens), sorted);
    }

    [Fact]
    public void Sorted_EmptyInput_YieldsNothing()
    {
        using var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, false, TinyBudget, SpillDirectory, _metrics);

        Assert.Empty(sorter.Sorted());
    }

    [Fact]
    public void Sorted_IsLazy_SortsAtTheFirstMoveNext()
    {
        using var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, false, HugeBudget, SpillDirectory, _metrics);
        sorter.Insert(2, 0);
        sorter.Insert(1, 1);

        var sorted = sorter.Sorted();

        Assert.Equal([(1L, 1), (2L, 0)], sorted.ToList());
        Assert.Throws<InvalidOperationException>(() => sorter.Sorted());
        Assert.Throws<InvalidOperationException>(() => sorter.Insert(3, 3));
    }

    [Fact]
    public void Dispose_AfterSpills_DeletesSpillFiles()
    {
        var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, false, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomRecords(10_000, 100, seed: 5)) sorter.Insert(k, v);
        Assert.Equal(sorter.SpillCount, SpillFiles.Length);
        Assert.Equal(_metrics.SpilledBytes, SpillFiles.Sum(f => new FileInfo(f).Length));

        sorter.Dispose();

        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Sorted_PartlyEnumerated_DeletesSpillFilesWhenTheEnumerationIsDisposed()
    {
        using var sorter = new ExternalSorter<long, int>(Comparer<long>.Default, false, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomRecords(10_000, 100, seed: 6)) sorter.Insert(k, v);

        Assert.Equal(5, sorter.Sorted().Take(5).Count());

        Assert.Empty(SpillFiles);
    }
}
