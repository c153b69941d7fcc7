using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// The broadcast hash join choice (<c>spark.sql.autoBroadcastJoinThreshold</c> through <see cref="SqlContext.Conf"/> and
/// the SQL <c>SET</c> statement): which side is built, when nothing is broadcast, and that every join type gives the
/// same rows broadcast (either side) or shuffled, with NULL and duplicate keys, as DuckDB gives.
/// </summary>
public sealed class BroadcastJoinTests : IDisposable
{
    private const string Threshold = "spark.sql.autoBroadcastJoinThreshold";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-broadcast-join-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;

    // Duplicate keys on both sides, NULL keys on both sides, keys only on one side.
    private static readonly (int? K, string V)[] s_big = [.. Enumerable.Range(0, 300).Select(i => (i % 7 == 0 ? (int?)null : i % 40, $"b{i}"))];
    private static readonly (int? K, string W)[] s_small = [(1, "s1"), (1, "s1b"), (2, "s2"), (null, "sn"), (39, "s39"), (41, "s41"), (50, "s50")];

    public BroadcastJoinTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 3, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        _sql.CreateDataFrame(s_big.Select(r => new BigRow(r.K, r.V))).CreateOrReplaceTempView("big");
        _sql.CreateDataFrame(s_small.Select(r => new SmallRow(r.K, r.W))).CreateOrReplaceTempView("small");
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record BigRow(int? K, string V);

    private sealed record SmallRow(int? K, string W);

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    private static HashJoinExec JoinOf(DataFrame frame) => Assert.Single(Nodes(frame.Physical()).OfType<HashJoinExec>());

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    private List<string> RddRows(string query) => Canonical(_sql.Sql(query).Collect().Select(r => r.Values));

    [Fact]
    public void Small_side_under_the_default_threshold_is_broadcast_and_the_other_side_not_shuffled()
    {
        var join = JoinOf(_sql.Sql("SELECT * FROM big b JOIN small s ON b.K = s.K"));

        Assert.True(join.BroadcastRight);
        Assert.Contains("BroadcastHashJoin", _sql.Sql("SELECT * FROM big b JOIN small s ON b.K = s.K").ExplainString());
        Assert.DoesNotContain(Nodes(join.Left), n => n is HashJoinExec);
        // The build side is the small relation: its 7 rows, not the big one's 300.
        Assert.Equal(s_small.Length, join.Right.Execute().Collect().Sum(b => b.Length));
    }

    [Fact]
    public void Inner_join_builds_the_smaller_side_even_when_it_is_on_the_left()
    {
        var frame = _sql.Sql("SELECT s.W, b.V FROM small s JOIN big b ON s.K = b.K");

        var join = JoinOf(frame);

        Assert.True(join.BroadcastRight);
        Assert.Equal(s_small.Length, join.Right.Execute().Collect().Sum(b => b.Length));
        Assert.Equal(["W", "V"], frame.Columns);
        Assert.Equal(RddRows("SELECT s.W, b.V FROM big b JOIN small s ON s.K = b.K"), RddRows("SELECT s.W, b.V FROM small s JOIN big b ON s.K = b.K"));
    }

    [Fact]
    public void Threshold_below_the_size_or_minus_one_shuffles_both_sides()
    {
        const string Query = "SELECT * FROM big b JOIN small s ON b.K = s.K";

        _sql.Conf.Set(Threshold, "100b");
        Assert.False(JoinOf(_sql.Sql(Query)).BroadcastRight);
        Assert.Contains("ShuffledHashJoin", _sql.Sql(Query).ExplainString());

        _sql.Conf.Set(Threshold, "1k");
        Assert.True(JoinOf(_sql.Sql(Query)).BroadcastRight);

        _sql.Conf.Set(Threshold, "-1");
        Assert.False(JoinOf(_sql.Sql(Query)).BroadcastRight);

        _sql.Conf.Unset(Threshold);
        Assert.True(JoinOf(_sql.Sql(Query)).BroadcastRight);
        Assert.Equal("10485760b", _sql.Conf.Get(Threshold));
    }

    [Fact]
    public void Set_statement_changes_the_threshold_and_reports_it()
    {
        const string Query = "SELECT * FROM big b JOIN small s ON b.K = s.K";

        var set = _sql.Sql("SET spark.sql.autoBroadcastJoinThreshold = -1").Collect();
        Assert.Equal(["spark.sql.autoBroadcastJoinThreshold", "-1"], set.Single().Values);
        Assert.Equal("-1", _sql.Conf.Get(Threshold));
        Assert.False(JoinOf(_sql.Sql(Query)).BroadcastRight);

        Assert.Equal(["spark.sql.autoBroadcastJoinThreshold", "-1"], _sql.Sql("SET spark.sql.autoBroadcastJoinThreshold").Collect().Single().Values);
        Assert.Equal(["spark.sql.autoBroadcastJoinThreshold", "-1"], _sql.Sql("set").Collect().Single().Values);
        Assert.Equal(["my.own.key", "<undefined>"], _sql.Sql("SET my.own.key").Collect().Single().Values);

        _sql.Sql("RESET spark.sql.autoBroadcastJoinThreshold;");
        Assert.True(JoinOf(_sql.Sql(Query)).BroadcastRight);
    }

    [Fact]
    public void Bad_threshold_values_and_unknown_keys_are_refused_naming_the_key()
    {
        var bad = Assert.Throws<ArgumentException>(() => _sql.Conf.Set(Threshold, "ten megabytes"));
        Assert.Contains(Threshold, bad.Message);
        Assert.Throws<ArgumentException>(() => _sql.Sql("SET spark.sql.autoBroadcastJoinThreshold = 10 XB"));
        Assert.Equal("10485760b", _sql.Conf.Get(Threshold));
        var missing = Assert.Throws<KeyNotFoundException>(() => _sql.Conf.Get("no.such.key"));
        Assert.Contains("no.such.key", missing.Message);
        Assert.Equal("fallback", _sql.Conf.Get("no.such.key", "fallback"));
        Assert.Equal(10L << 20, RuntimeConfig.ParseBytes(Threshold, "10MB"));
        Assert.Equal(3L << 30, RuntimeConfig.ParseBytes(Threshold, "3g"));
        Assert.Equal(512, RuntimeConfig.ParseBytes(Threshold, "512"));
    }

    [Theory]
    [InlineData("JOIN", "SELECT b.K, b.V, s.K, s.W FROM big b {0} small s ON b.K = s.K")]
    [InlineData("JOIN", "SELECT b.K, b.V, s.K, s.W FROM small s {0} big b ON b.K = s.K")]
    [InlineData("LEFT JOIN", "SELECT b.K, b.V, s.K, s.W FROM big b {0} small s ON b.K = s.K")]
    [InlineData("LEFT JOIN", "SELECT b.K, b.V, s.K, s.W FROM small s {0} big b ON b.K = s.K AND b.V <> 'b1'")]
    [InlineData("RIGHT JOIN", "SELECT b.K, b.V, s.K, s.W FROM small s {0} big b ON b.K = s.K")]
    [InlineData("RIGHT JOIN", "SELECT b.K, b.V, s.K, s.W FROM big b {0} small s ON b.K = s.K")]
    [InlineData("FULL JOIN", "SELECT b.K, b.V, s.K, s.W FROM big b {0} small s ON b.K = s.K")]
    [InlineData("LEFT SEMI JOIN", "SELECT b.K, b.V FROM big b {0} small s ON b.K = s.K")]
    [InlineData("LEFT ANTI JOIN", "SELECT b.K, b.V FROM big b {0} small s ON b.K = s.K")]
    [InlineData("LEFT SEMI JOIN", "SELECT s.K, s.W FROM small s {0} big b ON b.K = s.K")]
    [InlineData("LEFT ANTI JOIN", "SELECT s.K, s.W FROM small s {0} big b ON b.K = s.K AND b.V <> 'b1'")]
    public void Every_join_type_gives_the_same_rows_broadcast_or_shuffled_and_as_duckdb(string join, string template)
    {
        string query = string.Format(CultureInfo.InvariantCulture, template, join);
        using var duck = new DuckDb();
        duck.Execute("CREATE TABLE big (K INTEGER, V VARCHAR)");
        duck.Execute("INSERT INTO big VALUES " + string.Join(", ", s_big.Select(r => $"({r.K?.ToString(CultureInfo.InvariantCulture) ?? "NULL"}, '{r.V}')")));
        duck.Execute("CREATE TABLE small (K INTEGER, W VARCHAR)");
        duck.Execute("INSERT INTO small VALUES " + string.Join(", ", s_small.Select(r => $"({r.K?.ToString(CultureInfo.InvariantCulture) ?? "NULL"}, '{r.W}')")));
        var expected = Canonical(duck.Query(query.Replace("LEFT SEMI", "SEMI", StringComparison.Ordinal).Replace("LEFT ANTI", "ANTI", StringComparison.Ordinal)));

        var broadcast = RddRows(query);
        // A semi or anti join with the small side on the left builds and broadcasts that side (BroadcastLeftSemiJoinExec).
        bool broadcasted = Nodes(_sql.Sql(query).Physical()).Any(n => n is HashJoinExec { BroadcastRight: true } or BroadcastLeftSemiJoinExec);
        _sql.Conf.Set(Threshold, "-1");
        var shuffled = RddRows(query);

        Assert.Equal(expected, broadcast);
        Assert.Equal(expected, shuffled);
        // Every type but the full outer join can broadcast one of its sides.
        Assert.Equal(join != "FULL JOIN", broadcasted);
    }
}
