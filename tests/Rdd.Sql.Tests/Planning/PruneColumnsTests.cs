using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

using Window = Rdd.Sql.Planning.Logical.Window;

public class PruneColumnsTests
{
    private static readonly PruneColumns s_rule = new();

    [Fact]
    public void Rewrite_ProjectOverScan_ScanReadsReferencedColumnsOnly()
    {
        AssertRewrite(s_rule, T().Project(E((Functions.Col("c") == "x").As("isX"))),
            "Project [(c = x) AS isX]\n"
            + "+- Scan csv [c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FilterBetweenProjectAndScan_KeepsFilterColumns()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > 1)).Project(Col("c")),
            "Project [c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Scan csv [a, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_UnusedInnerProjectItems_Dropped()
    {
        AssertRewrite(s_rule, T().Project(Col("a"), E((Functions.Col("b") * 2).As("b2")), Col("c")).Project(Col("a")),
            "Project [a]\n"
            + "+- Project [a]\n"
            + "   +- Scan csv [a] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_UnusedAggregates_DroppedAndScanPruned()
    {
        AssertRewrite(s_rule,
            T().Aggregate([Col("c")], [Col("c"), E(Functions.Sum("a").As("sa")), E(Functions.Max("b").As("mb"))]).Project(Col("sa")),
            "Project [sa]\n"
            + "+- Aggregate [c], [sum(a) AS sa]\n"
            + "   +- Scan csv [a, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_CountStar_ScanKeepsOneColumn()
    {
        AssertRewrite(s_rule, T().Aggregate([], [E(Functions.Count("*").As("n"))]),
            "Aggregate [], [count(1) AS n]\n"
            + "+- Scan csv [a] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_Join_EachScanReadsItsReferencedColumns()
    {
        AssertRewrite(s_rule,
            T().Join(U(), JoinType.Inner, E(Functions.Col("b") == Functions.Col("id"))).Project(Col("c"), Col("d")),
            "Project [c, d]\n"
            + "+- Join Inner, (b = id)\n"
            + "   :- Scan csv [b, c] Paths: [t.csv]\n"
            + "   +- Scan csv [id, d] Paths: [u.csv]\n");
    }

    [Fact]
    public void Rewrite_UnreadWindowExpression_Dropped()
    {
        AssertRewrite(s_rule,
            T().Window([E(Functions.Sum("a").As("sa")), E(Functions.Max("b").As("mb"))], [Col("c")], []).Project(Col("c"), Col("sa")),
            "Project [c, sa]\n"
            + "+- Window [sum(a) AS sa], [c], []\n"
            + "   +- Scan csv [a, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_NoWindowExpressionRead_WindowRemoved()
    {
        AssertRewrite(s_rule,
            T().Window([E(Functions.Max("b").As("mb"))], [Col("c")], []).Project(Col("a")),
            "Project [a]\n"
            + "+- Scan csv [a] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_Distinct_NeedsEveryColumn()
    {
        AssertUnchanged(s_rule, T().Distinct().Project(Col("a")));
    }

    [Fact]
    public void Rewrite_RootScan_ReturnsSameInstance()
    {
        AssertUnchanged(s_rule, T().Filter(E(Functions.Col("a") > 1)));
    }
}
