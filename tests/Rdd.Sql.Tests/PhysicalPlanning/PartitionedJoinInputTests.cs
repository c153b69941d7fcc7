using Rdd.Sql.Execution.Operators;

namespace Rdd.Sql.Tests.PhysicalPlanning;

/// <summary>
/// A shuffled join over a shuffled join on the same left key (TPC-H Q21's anti join over its semi join) shuffles only
/// its right side into the left side's partitions (<see cref="HashJoinExec.LeftPartitioned"/>), with DuckDB's rows.
/// </summary>
public sealed class PartitionedJoinInputTests : IDisposable
{
    private readonly BigSmallTables _tables;
    private readonly SqlContext _sql;

    private static readonly (int? K, string V, int N)[] s_big = [.. Enumerable.Range(0, 300).Select(i => (i % 7 == 0 ? (int?)null : i % 40, $"b{i}", i))];
    private static readonly (int? K, string W, int M)[] s_small =
        [.. Enumerable.Range(0, 60).Select(i => (i % 11 == 0 ? (int?)null : i % 45, i % 4 == 0 ? "s1" : $"w{i}", i * 5))];

    public PartitionedJoinInputTests()
    {
        _tables = new BigSmallTables(s_big, s_small);
        _sql = _tables.Sql;
        _sql.Conf.Set("spark.sql.autoBroadcastJoinThreshold", "-1");
    }

    public void Dispose() => _tables.Dispose();

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => BigSmallTables.Nodes(plan);

    private static List<string> Canonical(IEnumerable<object?[]> rows) => BigSmallTables.Canonical(rows);

    private List<string> DuckRows(string query) => _tables.DuckRows(query);

    [Theory]
    [InlineData("SELECT b.K, b.V FROM big b WHERE EXISTS (SELECT 1 FROM small s WHERE s.K = b.K AND s.M > b.N) "
        + "AND NOT EXISTS (SELECT 1 FROM small s2 WHERE s2.K = b.K AND s2.W = 's1')")]
    [InlineData("SELECT b.K, b.V FROM big b WHERE NOT EXISTS (SELECT 1 FROM small s WHERE s.K = b.K AND s.M < b.N) "
        + "AND EXISTS (SELECT 1 FROM small s2 WHERE s2.K = b.K AND s2.W <> 's1')")]
    public void Join_over_a_join_on_the_same_key_shuffles_only_its_right_side(string query)
    {
        var frame = _sql.Sql(query);
        var joins = Nodes(frame.Physical()).OfType<HashJoinExec>().ToList();

        Assert.Equal(2, joins.Count);
        Assert.True(joins[0].LeftPartitioned);
        Assert.False(joins[1].LeftPartitioned);
        Assert.Contains("(left side already partitioned)", frame.ExplainString());
        Assert.Equal(DuckRows(query), Canonical(frame.Collect().Select(r => r.Values)));
    }

    [Fact]
    public void Join_on_another_key_or_over_a_broadcast_join_shuffles_both_sides()
    {
        var frame = _sql.Sql("SELECT b.K, b.V FROM big b WHERE EXISTS (SELECT 1 FROM small s WHERE s.K = b.K) AND NOT EXISTS (SELECT 1 FROM small s2 WHERE s2.M = b.N)");
        Assert.DoesNotContain(Nodes(frame.Physical()).OfType<HashJoinExec>(), j => j.LeftPartitioned);

        _sql.Conf.Set("spark.sql.autoBroadcastJoinThreshold", "10MB");
        const string Query = "SELECT b.K, b.V FROM big b LEFT SEMI JOIN small s ON s.K = b.K LEFT ANTI JOIN small s2 ON s2.K = b.K AND s2.W = 's1'";
        Assert.DoesNotContain(Nodes(_sql.Sql(Query).Physical()).OfType<HashJoinExec>(), j => j.LeftPartitioned);
    }
}
