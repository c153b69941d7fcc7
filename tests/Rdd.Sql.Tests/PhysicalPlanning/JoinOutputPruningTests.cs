using System.Globalization;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Tests.TestSupport;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// A hash join under a projection emits only the columns the projection reads (<see cref="HashJoinExec.OutputColumns"/>),
/// and its residual condition reads only the columns it names: every join type, built on either side, broadcast or
/// shuffled, still gives DuckDB's rows with NULL and duplicate keys.
/// </summary>
public sealed class JoinOutputPruningTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rdd-join-output-pruning-tests", Guid.NewGuid().ToString("N"));
    private readonly RddContext _context;
    private readonly SqlContext _sql;

    private static readonly (int? K, string V, int N)[] s_big = [.. Enumerable.Range(0, 300).Select(i => (i % 7 == 0 ? (int?)null : i % 40, $"b{i}", i))];
    private static readonly (int? K, string W, int M)[] s_small = [(1, "s1", 10), (1, "s1b", 20), (2, "s2", 30), (null, "sn", 40), (39, "s39", 50), (41, "s41", 60)];

    public JoinOutputPruningTests()
    {
        Directory.CreateDirectory(_dir);
        _context = new RddContext(new RddConfig { Parallelism = 3, LocalDir = Path.Combine(_dir, "local") });
        _sql = new SqlContext(_context);
        _sql.CreateDataFrame(s_big.Select(r => new BigRow(r.K, r.V, r.N))).CreateOrReplaceTempView("big");
        _sql.CreateDataFrame(s_small.Select(r => new SmallRow(r.K, r.W, r.M))).CreateOrReplaceTempView("small");
    }

    public void Dispose()
    {
        _context.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed record BigRow(int? K, string V, int N);

    private sealed record SmallRow(int? K, string W, int M);

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];

    private static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)))).Order(StringComparer.Ordinal)];

    private static List<string> DuckRows(string query)
    {
        using var duck = new DuckDb();
        duck.Execute("CREATE TABLE big (K INTEGER, V VARCHAR, N INTEGER)");
        duck.Execute("INSERT INTO big VALUES " + string.Join(", ", s_big.Select(r => $"({r.K?.ToString(CultureInfo.InvariantCulture) ?? "NULL"}, '{r.V}', {r.N})")));
        duck.Execute("CREATE TABLE small (K INTEGER, W VARCHAR, M INTEGER)");
        duck.Execute("INSERT INTO small VALUES " + string.Join(", ", s_small.Select(r => $"({r.K?.ToString(CultureInfo.InvariantCulture) ?? "NULL"}, '{r.W}', {r.M})")));
        return Canonical(duck.Query(query));
    }

    [Theory]
    [InlineData("SELECT s.W, b.N FROM big b JOIN small s ON b.K = s.K", 2)]
    [InlineData("SELECT b.N + s.M AS t FROM small s JOIN big b ON b.K = s.K AND b.N > s.M", 2)]
    [InlineData("SELECT s.W, b.V FROM big b LEFT JOIN small s ON b.K = s.K AND b.N % 3 = s.M % 3", 2)]
    [InlineData("SELECT b.V, s.W FROM small s LEFT JOIN big b ON b.K = s.K AND b.N > s.M", 2)]
    [InlineData("SELECT s.M, b.V FROM small s RIGHT JOIN big b ON b.K = s.K", 2)]
    [InlineData("SELECT upper(s.W), b.K FROM big b RIGHT JOIN small s ON b.K = s.K AND b.V <> 'b1'", 2)]
    [InlineData("SELECT b.V, s.W, s.K FROM big b FULL JOIN small s ON b.K = s.K AND b.N < 200", 3)]
    public void Join_emits_only_the_projected_columns_and_gives_duckdbs_rows(string query, int columns)
    {
        var expected = DuckRows(query);

        foreach (string threshold in new[] { "10MB", "-1" })
        {
            _sql.Conf.Set("spark.sql.autoBroadcastJoinThreshold", threshold);
            var frame = _sql.Sql(query);
            var join = Assert.Single(Nodes(frame.Physical()).OfType<HashJoinExec>());

            Assert.NotNull(join.OutputColumns);
            Assert.Equal(columns, join.Schema.Count);
            Assert.Contains(" output=[", frame.ExplainString());
            Assert.Equal(expected, Canonical(frame.Collect().Select(r => r.Values)));
        }
    }

    [Fact]
    public void A_projection_reading_every_joined_column_leaves_the_join_whole()
    {
        var join = Assert.Single(Nodes(_sql.Sql("SELECT b.K, b.V, b.N, s.K, s.W, s.M FROM big b JOIN small s ON b.K = s.K").Physical()).OfType<HashJoinExec>());

        Assert.Null(join.OutputColumns);
    }

    [Fact]
    public void Semi_and_anti_joins_keep_their_left_columns()
    {
        var source = new BatchSourceExec(_context, new StructType(new StructField("a", DataTypes.Integer)), []);
        var key = new Rdd.Sql.Expressions.ColumnReference("a");

        Assert.Throws<ArgumentException>(() => new HashJoinExec(source, source, JoinType.LeftSemi, [key], [key], outputColumns: [0]));
        const string Query = "SELECT b.V FROM big b LEFT SEMI JOIN small s ON b.K = s.K AND b.N > s.M";
        Assert.Null(Assert.Single(Nodes(_sql.Sql(Query).Physical()).OfType<HashJoinExec>()).OutputColumns);
        Assert.Equal(DuckRows(Query.Replace("LEFT SEMI", "SEMI", StringComparison.Ordinal)), Canonical(_sql.Sql(Query).Collect().Select(r => r.Values)));
    }
}
