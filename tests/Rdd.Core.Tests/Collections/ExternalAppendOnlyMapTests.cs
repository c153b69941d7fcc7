using Rdd.Core.Collections;
using Rdd.Core.Shuffle;
using Rdd.Core.Tests.IO;

namespace Rdd.Core.Tests.Collections;

/// <summary>
/// ExternalAppendOnlyMap against LINQ on seeded random data: a 16 KiB budget forces dozens of spills, a huge
/// one none; null keys, colliding hashes, grouping order, multi-pass merges and spill file cleanup.
/// </summary>
public sealed class ExternalAppendOnlyMapTests : IDisposable
{
    private const long TinyBudget = 16 * 1024;
    private const long HugeBudget = 1L << 30;

    private static readonly Aggregator<long, long> s_sum = new(v => v, (c, v) => c + v, (a, b) => a + b);

    private readonly ScratchFolder _folder = new();
    private readonly TaskMetrics _metrics = new();

    public void Dispose() => _folder.Dispose();

    private string SpillDirectory => Path.Combine(_folder.Root, "spills");

    private string[] SpillFiles => Directory.Exists(SpillDirectory) ? Directory.GetFiles(SpillDirectory) : [];

    private static (long Key, long Value)[] RandomPairs(int count, int keys, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => ((long)random.Next(keys), (long)random.Next(1000))).ToArray();
    }

    [Theory]
    [InlineData(TinyBudget)]
    [InlineData(HugeBudget)]
    public void Iterate_RandomLongPairs_MatchesLinqSums(long budget)
    {
        var pairs = RandomPairs(30_000, 4_000, seed: 1);
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, budget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) map.Insert(k, v);
        var result = map.Iterate().ToList();

        var expected = pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        SequenceAssert.SameEntries(expected, result);
        if (budget == TinyBudget)
        {
            Assert.InRange(map.SpillCount, 24, int.MaxValue);
            Assert.True(_metrics.SpilledBytes > 0);
        }
        else
        {
            Assert.Equal(0, map.SpillCount);
            Assert.Equal(0, _metrics.SpilledBytes);
            SequenceAssert.Equal(pairs.Select(p => p.Key).Distinct(), result.Select(r => r.Item1)); // insertion order
        }
        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Iterate_StringKeysWithNull_TinyBudget_CountsEveryKeyOnce()
    {
        var random = new Random(2);
        var keys = Enumerable.Range(0, 30_000).Select(_ => random.Next(500) is var n && n < 20 ? null : "key-" + n).ToArray();
        var count = new Aggregator<int, int>(v => v, (c, v) => c + v, (a, b) => a + b);
        using var map = new ExternalAppendOnlyMap<string?, int, int>(count, TinyBudget, SpillDirectory, _metrics);

        foreach (var key in keys) map.Insert(key, 1);
        var result = map.Iterate().ToList();

        Assert.True(map.SpillCount > 10);
        var expected = keys.GroupBy(k => k).ToDictionary(g => g.Key ?? "<null>", g => g.Count());
        SequenceAssert.SameEntries(expected, result.Select(r => (r.Item1 ?? "<null>", r.Item2)));
        Assert.Single(result, r => r.Item1 is null);
    }

    [Fact]
    public void Iterate_CollidingHashes_TinyBudget_KeepsDistinctKeysApart()
    {
        var random = new Random(3);
        var pairs = Enumerable.Range(0, 20_000).Select(_ => (Key: new AppendOnlyMapTests.CollidingKey(random.Next(300)), Value: (long)random.Next(100))).ToArray();
        using var map = new ExternalAppendOnlyMap<AppendOnlyMapTests.CollidingKey, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) map.Insert(k, v);
        var result = map.Iterate().ToList();

        Assert.True(map.SpillCount > 10);
        var expected = pairs.GroupBy(p => p.Key.Id).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
        SequenceAssert.SameEntries(expected, result.Select(r => (r.Item1.Id, r.Item2)));
    }

    [Fact]
    public void Iterate_GroupingCombiner_TinyBudget_KeepsValuesInArrivalOrder()
    {
        var pairs = RandomPairs(20_000, 1_000, seed: 4).Select((p, i) => (p.Key, Value: (long)i)).ToArray();
        var group = new Aggregator<long, List<long>>(v => [v], (list, v) => { list.Add(v); return list; }, (a, b) => { a.AddRange(b); return a; });
        using var map = new ExternalAppendOnlyMap<long, long, List<long>>(group, TinyBudget, SpillDirectory, _metrics);

        foreach (var (k, v) in pairs) map.Insert(k, v);
        var result = map.Iterate().ToDictionary(r => r.Item1, r => r.Item2);

        Assert.True(map.SpillCount > 10);
        var expected = pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList());
        Assert.Equal(expected.Count, result.Count);
        foreach (var (key, values) in expected) SequenceAssert.Equal(values, result[key]);
    }

    [Fact]
    public void InsertCombiner_MixedWithInsert_MergesWithMergeCombiners()
    {
        var pairs = RandomPairs(20_000, 1_000, seed: 5);
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);

        for (int i = 0; i < pairs.Length; i++)
        {
            if (i % 2 == 0) map.Insert(pairs[i].Key, pairs[i].Value);
            else map.InsertCombiner(pairs[i].Key, pairs[i].Value);
        }
        var result = map.Iterate();

        SequenceAssert.SameEntries(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)), result);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Iterate_NarrowMergeWidth_MergesInSeveralPassesToTheSameResult(int width)
    {
        var pairs = RandomPairs(12_000, 3_000, seed: 6);
        var spilledBefore = 0L;
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics) { MaxMergeWidth = width };

        foreach (var (k, v) in pairs) map.Insert(k, v);
        spilledBefore = _metrics.SpilledBytes;
        var result = map.Iterate().ToList();

        Assert.True(map.SpillCount > width);
        Assert.True(_metrics.SpilledBytes > spilledBefore); // the intermediate merges were written too
        SequenceAssert.SameEntries(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)), result);
        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Iterate_EmptyInput_YieldsNothing()
    {
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);

        Assert.Empty(map.Iterate());
        Assert.Equal(0, _metrics.SpilledBytes);
    }

    [Fact]
    public void Iterate_SpilledAndPartlyEnumerated_DeletesSpillFilesWhenTheEnumerationIsDisposed()
    {
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomPairs(10_000, 5_000, seed: 7)) map.Insert(k, v);
        Assert.NotEmpty(SpillFiles);

        Assert.Equal(10, map.Iterate().Take(10).Count());

        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Dispose_AfterSpills_DeletesSpillFiles()
    {
        var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);
        foreach (var (k, v) in RandomPairs(10_000, 5_000, seed: 8)) map.Insert(k, v);
        Assert.Equal(map.SpillCount, SpillFiles.Length);
        Assert.Equal(_metrics.SpilledBytes, SpillFiles.Sum(f => new FileInfo(f).Length));

        map.Dispose();

        Assert.Empty(SpillFiles);
    }

    [Fact]
    public void Iterate_CalledTwiceOrFollowedByInsert_Throws()
    {
        using var map = new ExternalAppendOnlyMap<long, long, long>(s_sum, TinyBudget, SpillDirectory, _metrics);
        map.Insert(1, 1);

        _ = map.Iterate();

        Assert.Throws<InvalidOperationException>(() => map.Iterate());
        Assert.Throws<InvalidOperationException>(() => map.Insert(2, 2));
    }

    [Fact]
    public void EstimatedBytes_StringKeys_StaysWithinTheBudget()
    {
        const long budget = 256 * 1024;
        var random = new Random(9);
        using var map = new ExternalAppendOnlyMap<string, long, long>(new(v => v, (c, v) => c + v, (a, b) => a + b), budget, SpillDirectory, _metrics);
        long peak = 0;

        for (int i = 0; i < 50_000; i++)
        {
            map.Insert("some-longer-key-" + random.Next(20_000), 1);
            peak = Math.Max(peak, map.EstimatedBytes);
        }

        Assert.True(map.SpillCount > 0);
        Assert.InRange(peak, budget / 2, budget);
    }
}
