using Rdd.Sql.Execution.Operators;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// A hash join under a projection emits only the columns the projection reads (<see cref="HashJoinExec.OutputColumns"/>),
/// and its residual condition reads only the columns it names: every join type, built on either side, broadcast or
/// shuffled, still gives DuckDB's rows with NULL and duplicate keys.
/// </summary>
public sealed class JoinOutputPruningTests : IDisposable
{
    private readonly BigSmallTables _tables;
    private readonly SqlContext _sql;

    private static readonly (int? K, string V, int N)[] s_big = [.. Enumerable.Range(0, 300).Select(i => (i % 7 == 0 ? (int?)null : i % 40, $"b{i}", i))];
    private static readonly (int? K, string W, int M)[] s_small = [(1, "s1", 10), (1, "s1b", 20), (2, "s2", 30), (null, "sn", 40), (39, "s39", 50), (41, "s41", 60)];

    public JoinOutputPruningTests()
    {
        _tables = new BigSmallTables(s_big, s_small);
        _sql = _tables.Sql;
    }

    public void Dispose() => _tables.Dispose();

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => BigSmallTables.Nodes(plan);

    private static List<string> Canonical(IEnumerable<object?[]> rows) => BigSmallTables.Canonical(rows);

    private List<string> DuckRows(string query) => _tables.DuckRows(query);

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
        var source = new BatchSourceExec(_tables.Context, new StructType(new StructField("a", DataTypes.Integer)), []);
        var key = new Rdd.Sql.Expressions.ColumnReference("a");

        Assert.Throws<ArgumentException>(() => new HashJoinExec(source, source, JoinType.LeftSemi, [key], [key], outputColumns: [0]));
        const string Query = "SELECT b.V FROM big b LEFT SEMI JOIN small s ON b.K = s.K AND b.N > s.M";
        Assert.Null(Assert.Single(Nodes(_sql.Sql(Query).Physical()).OfType<HashJoinExec>()).OutputColumns);
        Assert.Equal(DuckRows(Query.Replace("LEFT SEMI", "SEMI", StringComparison.Ordinal)), Canonical(_sql.Sql(Query).Collect().Select(r => r.Values)));
    }
}
