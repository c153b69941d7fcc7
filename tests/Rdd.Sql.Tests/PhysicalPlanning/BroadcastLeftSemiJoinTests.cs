using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// Left semi and anti joins whose left side is small build it and probe the big right side in place
/// (<see cref="BroadcastLeftSemiJoinExec"/>): when the planner chooses it, and that it gives DuckDB's rows - and the
/// same rows as the shuffled hash join - with NULL and duplicate keys on both sides, empty sides, residual conditions,
/// EXISTS / IN subqueries and the null-aware NOT IN, the right side spread over several partitions.
/// </summary>
public sealed class BroadcastLeftSemiJoinTests : IDisposable
{
    private const string Threshold = "spark.sql.autoBroadcastJoinThreshold";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-broadcast-left-semi-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;

    // The big (right) side: duplicate keys, NULL keys, keys the small side lacks; V is 'b' + row number.
    private static readonly (int? K, string V)[] s_big = [.. Enumerable.Range(0, 400).Select(i => (i % 7 == 0 ? (int?)null : i % 40, $"b{i}"))];

    // The small (left) side: duplicate keys, NULL keys, keys the big side lacks, W values naming big rows' V (for
    // correlated subqueries): b7 is a big row with a NULL K, b1 one with K = 1, zz none.
    private static readonly (int? K, string W)[] s_small =
        [(1, "s1"), (1, "b1"), (2, "b1"), (null, "b1"), (7, "b7"), (null, "zz"), (5, "zz"), (39, "b39"), (41, "s41"), (50, "b50"), (3, "b3")];

    public BroadcastLeftSemiJoinTests()
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

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    private List<string> RddRows(string query) => Canonical(_sql.Sql(query).Collect().Select(r => r.Values));

    private bool BuildsLeft(string query) => Nodes(_sql.Sql(query).Physical()).OfType<BroadcastLeftSemiJoinExec>().Any();

    private static List<string> DuckRows(string query)
    {
        using var duck = new DuckDb();
        duck.Execute("CREATE TABLE big (K INTEGER, V VARCHAR)");
        duck.Execute("INSERT INTO big VALUES " + string.Join(", ", s_big.Select(r => $"({Sql(r.K)}, '{r.V}')")));
        duck.Execute("CREATE TABLE small (K INTEGER, W VARCHAR)");
        duck.Execute("INSERT INTO small VALUES " + string.Join(", ", s_small.Select(r => $"({Sql(r.K)}, '{r.W}')")));
        return Canonical(duck.Query(query.Replace("LEFT SEMI", "SEMI", StringComparison.Ordinal).Replace("LEFT ANTI", "ANTI", StringComparison.Ordinal)));
    }

    private static string Sql(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    [Theory]
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT ANTI JOIN big b ON s.K = b.K")]
    // Residual conditions: only some candidate pairs count, and a row matched by one pair stays matched.
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K AND b.V > s.W")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT ANTI JOIN big b ON s.K = b.K AND b.V = 'b1'")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K AND length(b.V) + s.K > 4")]
    // Two keys, one of them with NULLs on both sides.
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K AND s.W = b.V")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT ANTI JOIN big b ON s.K = b.K AND s.W = b.V")]
    // Subqueries: EXISTS / NOT EXISTS with a residual, IN, and NOT IN - uncorrelated, and correlated (null-aware:
    // a NULL on either side of the IN comparison removes the row when the correlated subquery has rows).
    [InlineData("SELECT s.K, s.W FROM small s WHERE EXISTS (SELECT 1 FROM big b WHERE b.K = s.K AND b.V <> s.W)")]
    [InlineData("SELECT s.K, s.W FROM small s WHERE NOT EXISTS (SELECT 1 FROM big b WHERE b.K = s.K AND b.V < 'b2')")]
    [InlineData("SELECT s.K, s.W FROM small s WHERE s.K IN (SELECT b.K FROM big b)")]
    [InlineData("SELECT s.K, s.W FROM small s WHERE s.K NOT IN (SELECT b.K FROM big b)")]
    [InlineData("SELECT s.K, s.W FROM small s WHERE s.K NOT IN (SELECT b.K FROM big b WHERE b.V = s.W)")]
    [InlineData("SELECT s.K, s.W FROM small s WHERE s.K NOT IN (SELECT b.K FROM big b WHERE b.V = s.W AND b.K IS NOT NULL)")]
    // Empty sides: no left rows; no right rows (the anti join keeps every left row, NULL keys included).
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K WHERE s.W = 'none'")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT SEMI JOIN (SELECT * FROM big WHERE V = 'none') b ON s.K = b.K")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT ANTI JOIN (SELECT * FROM big WHERE V = 'none') b ON s.K = b.K")]
    [InlineData("SELECT s.K, s.W FROM small s LEFT ANTI JOIN (SELECT * FROM big WHERE V = 'none') b ON s.K = b.K AND b.V > s.W")]
    public void Builds_the_small_left_side_and_gives_duckdbs_rows_and_the_shuffled_joins(string query)
    {
        var expected = DuckRows(query);

        bool buildsLeft = BuildsLeft(query);
        var broadcast = RddRows(query);
        _sql.Conf.Set(Threshold, "-1");
        bool shuffledBuildsLeft = BuildsLeft(query);
        var shuffled = RddRows(query);

        Assert.True(buildsLeft);
        Assert.False(shuffledBuildsLeft);
        Assert.Equal(expected, broadcast);
        Assert.Equal(expected, shuffled);
    }

    [Fact]
    public void Right_side_is_probed_where_it_lies_over_several_partitions()
    {
        const string Query = "SELECT s.K, s.W FROM small s LEFT SEMI JOIN big b ON s.K = b.K";
        var join = Assert.Single(Nodes(_sql.Sql(Query).Physical()).OfType<BroadcastLeftSemiJoinExec>());

        // Not shuffled: the probe side keeps the big table's partitions, and no hash join or exchange sits under the join.
        Assert.True(join.Right.Execute().NumPartitions > 1);
        Assert.DoesNotContain(Nodes(join), n => n is HashJoinExec or ExchangeExec);
        Assert.Equal(s_small.Length, join.Left.Execute().Collect().Sum(b => b.Length));
        Assert.Contains("BroadcastHashJoin LeftSemi BuildLeft keys=[", _sql.Sql(Query).ExplainString());
        Assert.Contains("BroadcastHashJoin LeftAnti BuildLeft", _sql.Sql(Query.Replace("SEMI", "ANTI", StringComparison.Ordinal)).ExplainString());
    }

    [Fact]
    public void Left_side_over_the_threshold_or_bigger_than_the_right_builds_the_right_side()
    {
        // The big side on the left: the small right side is broadcast as before.
        const string BigLeft = "SELECT b.K, b.V FROM big b LEFT SEMI JOIN small s ON b.K = s.K";
        Assert.False(BuildsLeft(BigLeft));
        Assert.True(Assert.Single(Nodes(_sql.Sql(BigLeft).Physical()).OfType<HashJoinExec>()).BroadcastRight);
        Assert.Equal(DuckRows(BigLeft), RddRows(BigLeft));

        // A threshold under the small side's size: both sides shuffled, the right one built.
        const string SmallLeft = "SELECT s.K, s.W FROM small s LEFT ANTI JOIN big b ON s.K = b.K";
        Assert.True(BuildsLeft(SmallLeft));
        _sql.Conf.Set(Threshold, "10b");
        Assert.False(BuildsLeft(SmallLeft));
        Assert.False(Assert.Single(Nodes(_sql.Sql(SmallLeft).Physical()).OfType<HashJoinExec>()).BroadcastRight);
        Assert.Contains("ShuffledHashJoin LeftAnti", _sql.Sql(SmallLeft).ExplainString());
        Assert.Equal(DuckRows(SmallLeft), RddRows(SmallLeft));

        // Inner joins never take this path.
        Assert.False(BuildsLeft("SELECT s.K, b.V FROM small s JOIN big b ON s.K = b.K"));
    }

    [Fact]
    public void Only_semi_and_anti_joins_can_build_their_left_side()
    {
        var source = new BatchSourceExec(_context, new StructType(new StructField("a", DataTypes.Integer)), []);
        var key = new Rdd.Sql.Expressions.ColumnReference("a");

        var error = Assert.Throws<ArgumentException>(() => new BroadcastLeftSemiJoinExec(source, source, JoinType.LeftOuter, [key], [key]));

        Assert.Contains("LeftOuter", error.Message);
        Assert.Empty(new BroadcastLeftSemiJoinExec(source, source, JoinType.LeftAnti, [key], [key]).Execute().Collect());
    }
}
