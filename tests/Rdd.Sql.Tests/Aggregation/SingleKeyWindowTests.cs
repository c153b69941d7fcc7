using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.Aggregation;

/// <summary>
/// The single integer key table indexes codes in a window directly and hashes the others; the window moves and
/// widens with the batches' ranges. Batches shaped to cross every path (sorted ranges that grow, negative keys,
/// ranges too wide for a window, later ranges that cover keys hashed before, the extremes of long, nulls) must give
/// the ids a dictionary gives, and a GROUP BY over such keys must give DuckDB's answer.
/// </summary>
public sealed class SingleKeyWindowTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-single-key-window-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Batches of keys (null = null key), named by the shape they exercise.</summary>
    public static TheoryData<string> Shapes => ["sorted", "negative", "wide-then-narrow", "narrow-then-wide", "extremes", "descending", "clustered-with-nulls"];

    private static List<long?[]> Batches(string shape)
    {
        var random = new Random(shape.Length * 7919);
        long?[] Range(long from, int count, int step, double nullRate = 0) =>
            [.. Enumerable.Range(0, count).Select(i => random.NextDouble() < nullRate ? (long?)null : from + (long)i * step)];
        long?[] Random(long low, long high, int count) => [.. Enumerable.Range(0, count).Select(_ => (long?)random.NextInt64(low, high))];
        return shape switch
        {
            // Order keys as lineitem holds them: increasing, each repeated, the window grows upwards batch by batch.
            "sorted" => [.. Enumerable.Range(0, 6).Select(b => Range(b * 4000L + 1, 4000, 1).Select(k => k / 4 * 32).ToArray())],
            "negative" => [Random(-5_000, 100, 3000), Random(-9_000, -4_000, 3000), Random(-1_000_000_000, 1_000_000_000, 500), Random(-9_000, 200, 3000)],
            // First batch too wide for a window (all hashed), then narrow ranges that overlap those keys.
            // (The window then takes over the hashed keys in its range: they must keep their ids.)
            "wide-then-narrow" => [[.. Random(0, 50_000, 400), .. Random(long.MinValue / 2, long.MaxValue / 2, 50)], Random(0, 50_000, 20_000), Random(500, 2_000, 3000), Random(0, 1_000_000, 3000)],
            // A window first, then keys far outside it (hashed), then a range that widens the window over them.
            "narrow-then-wide" => [Random(1_000_000, 1_001_000, 2000), Random(3_000_000_000, 3_000_000_500, 500), Random(1_000_000, 1_002_000, 3000), Random(999_000, 1_003_000, 6000)],
            "extremes" => [[long.MinValue, long.MaxValue, 0, -1, 1], [long.MaxValue - 1, long.MaxValue, long.MaxValue - 3], [long.MinValue + 2, long.MinValue, 5], Random(long.MaxValue - 10_000, long.MaxValue, 2000), Random(long.MinValue, long.MinValue + 10_000, 2000)],
            // Ranges that move downwards: the window grows at its base.
            "descending" => [.. Enumerable.Range(0, 5).Select(b => Range(100_000 - b * 3000L, 3000, 1))],
            "clustered-with-nulls" => [Range(50_000, 3000, 2, nullRate: 0.1), Range(52_000, 3000, 3, nullRate: 0.3), [null, null], Range(0, 3000, 17, nullRate: 0.05)],
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private static Int64Array Column(long?[] keys)
    {
        var builder = new Int64Array.Builder();
        foreach (var key in keys)
        {
            if (key is { } k) builder.Append(k);
            else builder.AppendNull();
        }
        return builder.Build();
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GroupIdsAndProbesMatchADictionary(string shape)
    {
        var table = GroupKeyTable.Create([Int64Type.Default]);
        var reference = new Dictionary<long, int>();
        var firstKeys = new List<long?>();
        int nullGroup = -1;
        foreach (var keys in Batches(shape))
        {
            var ids = new int[keys.Length];
            table.FindOrAdd([Column(keys)], ids);
            for (int r = 0; r < keys.Length; r++)
            {
                int expected;
                if (keys[r] is not { } key)
                {
                    if (nullGroup < 0)
                    {
                        nullGroup = firstKeys.Count;
                        firstKeys.Add(null);
                    }
                    expected = nullGroup;
                }
                else if (!reference.TryGetValue(key, out expected))
                {
                    expected = reference[key] = firstKeys.Count;
                    firstKeys.Add(key);
                }
                Assert.True(expected == ids[r], $"{shape}: row {r} key {keys[r]} got group {ids[r]}, expected {expected}");
            }
        }
        Assert.Equal(firstKeys.Count, table.Count);
        var built = (Int64Array)table.BuildKeys()[0];
        for (int g = 0; g < firstKeys.Count; g++) Assert.Equal(firstKeys[g], built.GetValue(g));

        // Probes: every key added (whichever path holds it), keys never added just beside them, and nulls.
        long?[] probe = [.. reference.Keys.Select(k => (long?)k), .. reference.Keys.Select(k => (long?)unchecked(k + 1)), .. reference.Keys.Select(k => (long?)unchecked(k - 1)), null];
        var found = new int[probe.Length];
        table.Find([Column(probe)], found);
        for (int r = 0; r < probe.Length; r++)
        {
            int expected = probe[r] is { } key ? reference.GetValueOrDefault(key, -1) : -1;
            Assert.Equal(expected, found[r]);
        }
    }

    [Theory]
    [InlineData("sorted")]
    [InlineData("negative")]
    [InlineData("narrow-then-wide")]
    [InlineData("wide-then-narrow")]
    [InlineData("clustered-with-nulls")]
    public void GroupByOverShapedKeysMatchesDuckDb(string shape)
    {
        // Each batch becomes a row group of its own, so partitions see the shapes' ranges in order.
        Directory.CreateDirectory(_dir);
        string path = Path.Combine(_dir, shape + ".parquet");
        var batches = Batches(shape);
        string csv = Path.Combine(_dir, shape + ".csv");
        File.WriteAllLines(csv, ["k,v", .. batches.SelectMany((keys, b) => keys.Select((k, r) => $"{k?.ToString() ?? ""},{b * 100_000 + r}"))]);
        using var duck = new DuckDb();
        int rowGroup = batches.Max(b => b.Length);
        duck.Execute($"COPY (SELECT k::BIGINT AS k, v::BIGINT AS v FROM read_csv({DuckDb.Literal(csv)}, header = true, columns = {{'k': 'BIGINT', 'v': 'BIGINT'}}) ORDER BY v) TO {DuckDb.Literal(path)} (FORMAT parquet, ROW_GROUP_SIZE {rowGroup})");
        const string Query = "SELECT k, count(*) AS n, sum(v) AS s, min(v) AS lo FROM t GROUP BY k";
        var expected = duck.Query(Query.Replace("FROM t", $"FROM read_parquet({DuckDb.Literal(path)})", StringComparison.Ordinal))
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}").Order(StringComparer.Ordinal).ToArray();

        using var context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(_dir, "local") });
        var sql = new SqlContext(context);
        sql.Read.Parquet(path).CreateOrReplaceTempView("t");
        var actual = sql.Sql(Query).Collect().Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected, actual);
    }
}
