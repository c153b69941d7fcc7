using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Spilling;

/// <summary>
/// Shuffles over data far larger than <see cref="RddConfig.ShuffleMemoryBytes"/>: map writers, reduce-side
/// aggregation, sorts and co-groups must spill to disk and still give exactly the in-memory answer.
/// </summary>
public sealed class SpillingTests : IDisposable
{
    private const long Budget = 64 * 1024;
    private readonly RecordingListener _listener = new();
    private readonly RddContext _sc;
    private readonly (long Key, long Value)[] _pairs;

    public SpillingTests()
    {
        _sc = new RddContext(new RddConfig
        {
            Parallelism = 2,
            ShuffleMemoryBytes = Budget,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-spilling-tests"),
        });
        _sc.AddListener(_listener);
        var random = new Random(7);
        // About 1.6 MB of raw pairs (more with object overhead): at least 25 times the buffer.
        _pairs = Enumerable.Range(0, 100_000).Select(_ => ((long)random.Next(0, 20_000), (long)random.Next(0, 1000))).ToArray();
    }

    public void Dispose() => _sc.Dispose();

    private long SpilledBytes => _listener.TasksEnded.Sum(t => t.Metrics.SpilledBytes);

    [Fact]
    public void ReduceByKey_DataTenTimesTheBuffer_SpillsAndMatchesLinq()
    {
        var actual = _sc.Parallelize(_pairs, 4).ReduceByKey((a, b) => a + b, 3).Collect().OrderBy(p => p.Item1).ToArray();
        var expected = _pairs.GroupBy(p => p.Key).Select(g => (g.Key, g.Sum(p => p.Value))).OrderBy(p => p.Key).ToArray();
        Assert.Equal(expected, actual);
        Assert.True(SpilledBytes > 0, "the shuffle was expected to spill");
    }

    [Fact]
    public void GroupByKey_DataTenTimesTheBuffer_SpillsAndKeepsEveryValue()
    {
        var actual = _sc.Parallelize(_pairs, 4).GroupByKey(3).Collect()
            .Select(g => (g.Item1, g.Item2.Order().ToArray())).OrderBy(g => g.Item1).ToArray();
        var expected = _pairs.GroupBy(p => p.Key).Select(g => (g.Key, g.Select(p => p.Value).Order().ToArray())).OrderBy(g => g.Key).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Item1);
            Assert.Equal(expected[i].Item2, actual[i].Item2);
        }
        Assert.True(SpilledBytes > 0, "the shuffle was expected to spill");
    }

    [Fact]
    public void SortByKey_DataTenTimesTheBuffer_SpillsAndIsStablySorted()
    {
        var actual = _sc.Parallelize(_pairs, 4).SortByKey(numPartitions: 3).Collect();
        var expected = _pairs.Select(p => (p.Key, p.Value)).OrderBy(p => p.Key).ToArray(); // LINQ's OrderBy is stable
        Assert.Equal(expected, actual);
        Assert.True(SpilledBytes > 0, "the sort was expected to spill");
    }

    [Fact]
    public void Join_DataTenTimesTheBuffer_SpillsAndMatchesLinq()
    {
        var names = Enumerable.Range(0, 20_000).Where(k => k % 3 != 0).Select(k => ((long)k, $"name-{k}")).ToArray();
        var actual = _sc.Parallelize(_pairs, 4).Join(_sc.Parallelize(names, 2), 3).Collect()
            .Select(p => (p.Item1, p.Item2.Item1, p.Item2.Item2)).OrderBy(t => t).ToArray();
        var expected = _pairs.Join(names, p => p.Key, n => n.Item1, (p, n) => (p.Key, p.Value, n.Item2)).OrderBy(t => t).ToArray();
        Assert.Equal(expected, actual);
        Assert.True(SpilledBytes > 0, "the co-group was expected to spill");
    }

    [Fact]
    public void ReduceByKey_WithStringKeys_SpillsAndMatchesLinq()
    {
        var words = _pairs.Select(p => ($"word-{p.Key}", 1)).ToArray();
        var actual = _sc.Parallelize(words, 4).ReduceByKey((a, b) => a + b).CollectAsMap();
        var expected = words.GroupBy(w => w.Item1).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.Count, actual.Count);
        foreach (var (word, count) in expected) Assert.Equal(count, actual[word]);
        Assert.True(SpilledBytes > 0, "the shuffle was expected to spill");
    }
}
