using Rdd.Sql.Types;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

using Window = Rdd.Sql.Planning.Logical.Window;

public class PushDownFilterTests
{
    private static readonly PushDownFilter s_rule = new();

    [Fact]
    public void Rewrite_FilterOverScan_PushedIntoScanAndKept()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > 1)),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] PushedFilters: [(a > 1)] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_SourceWithExactFilters_FilterRemoved()
    {
        var source = DataSource.Files(DataSourceFormat.Csv, TSchema, "t.csv") with { ExactFilters = true };

        AssertRewrite(s_rule, LogicalPlanBuilder.Scan(source).Filter(E(Functions.Col("a") > 1)),
            "Scan csv [a, b, c] PushedFilters: [(a > 1)] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_AlreadyPushed_ReturnsSameInstance()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)));
        var once = s_rule.Rewrite(plan);

        Assert.Same(once, s_rule.Rewrite(once));
    }

    [Fact]
    public void Rewrite_FilterOverProject_SubstitutesAlias()
    {
        AssertRewrite(s_rule, T().Project(E((Functions.Col("a") + 1).As("x")), Col("c")).Filter(E(Functions.Col("x") > 5)),
            "Project [(a + 1) AS x, c]\n"
            + "+- Filter ((a + 1) > 5)\n"
            + "   +- Scan csv [a, b, c] PushedFilters: [((a + 1) > 5)] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FilterOverSort_GoesBelowSort()
    {
        AssertRewrite(s_rule, LogicalPlanBuilder.From(LocalT()).Sort(new Rdd.Sql.Expressions.SortOrder(Col("b"))).Filter(E(Functions.Col("a") > 1)),
            "Sort [b ASC NULLS FIRST], true\n"
            + "+- Filter (a > 1)\n"
            + "   +- LocalRelation [a, b]\n");
    }

    [Fact]
    public void Rewrite_FilterOverLimit_StaysAbove()
    {
        AssertUnchanged(s_rule, LogicalPlanBuilder.From(LocalT()).Limit(5).Filter(E(Functions.Col("a") > 1)));
    }

    [Fact]
    public void Rewrite_FilterOverUnion_CopiedIntoEachInputByPosition()
    {
        var other = LogicalPlanBuilder.Local(new StructType(new StructField("x", IntegerType.Instance), new StructField("y", IntegerType.Instance)));

        AssertRewrite(s_rule, LogicalPlanBuilder.From(LocalT()).Union(other).Filter(E(Functions.Col("a") > 1)),
            "Union\n"
            + ":- Filter (a > 1)\n"
            + ":  +- LocalRelation [a, b]\n"
            + "+- Filter (x > 1)\n"
            + "   +- LocalRelation [x, y]\n");
    }

    [Fact]
    public void Rewrite_FilterOverAggregate_PushesGroupingConjunctsOnly()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Aggregate([Col("a")], [Col("a"), E(Functions.Sum("b").As("s"))])
                .Filter(E((Functions.Col("a") > 1) & (Functions.Col("s") > 10))),
            "Filter (s > 10)\n"
            + "+- Aggregate [a], [a, sum(b) AS s]\n"
            + "   +- Filter (a > 1)\n"
            + "      +- LocalRelation [a, b]\n");
    }

    [Fact]
    public void Rewrite_FilterOverInnerJoin_SplitsBySideAndMovesTheRestIntoTheCondition()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.Inner)
                .Filter(E((Functions.Col("a") > 1) & (Functions.Col("id") < 5) & (Functions.Col("b") == Functions.Col("v")))),
            "Join Inner, (b = v)\n"
            + ":- Filter (a > 1)\n"
            + ":  +- LocalRelation [a, b]\n"
            + "+- Filter (id < 5)\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_FilterOverLeftJoin_OnlyLeftSideConjunctsGoDown()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.LeftOuter, E(Functions.Col("b") == Functions.Col("id")))
                .Filter(E((Functions.Col("a") > 1) & Functions.Col("v").IsNull())),
            "Filter (v IS NULL)\n"
            + "+- Join LeftOuter, (b = id)\n"
            + "   :- Filter (a > 1)\n"
            + "   :  +- LocalRelation [a, b]\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_FilterOverRightJoin_OnlyRightSideConjunctsGoDown()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.RightOuter, E(Functions.Col("b") == Functions.Col("id")))
                .Filter(E((Functions.Col("a") > 1) & (Functions.Col("v") > 2))),
            "Filter (a > 1)\n"
            + "+- Join RightOuter, (b = id)\n"
            + "   :- LocalRelation [a, b]\n"
            + "   +- Filter (v > 2)\n"
            + "      +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_FilterOverFullJoin_StaysAbove()
    {
        AssertUnchanged(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.FullOuter, E(Functions.Col("b") == Functions.Col("id")))
                .Filter(E((Functions.Col("a") > 1) & (Functions.Col("v") > 2))));
    }

    [Fact]
    public void Rewrite_LeftJoinCondition_RightOnlyConjunctGoesToRightSide()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.LeftOuter,
                E((Functions.Col("b") == Functions.Col("id")) & (Functions.Col("v") > 2) & (Functions.Col("a") > 1))),
            "Join LeftOuter, ((b = id) AND (a > 1))\n"
            + ":- LocalRelation [a, b]\n"
            + "+- Filter (v > 2)\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_FilterThroughSubqueryAliasAndProject_ReachesScan()
    {
        AssertRewrite(s_rule, T().Alias("t").Project(Col("t.a"), Col("t.c")).Filter(E(Functions.Col("c") == "x")),
            "Project [a, c]\n"
            + "+- SubqueryAlias t\n"
            + "   +- Filter (c = x)\n"
            + "      +- Scan csv [a, b, c] PushedFilters: [(c = x)] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FilterOverWindow_PushesPartitionColumnConjunctsOnly()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Window([E(Functions.Sum("b").As("s"))], [Col("a")], [])
                .Filter(E((Functions.Col("a") == 3) & (Functions.Col("b") > Functions.Col("s")))),
            "Filter (CAST(b AS BIGINT) > s)\n"
            + "+- Window [sum(b) AS s], [a], []\n"
            + "   +- Filter (a = 3)\n"
            + "      +- LocalRelation [a, b]\n");
    }

    private static LogicalPlan LocalT() => LocalRelation.Create(
        new StructType(new StructField("a", IntegerType.Instance), new StructField("b", IntegerType.Instance)), []);

    private static LogicalPlan LocalU() => LocalRelation.Create(
        new StructType(new StructField("id", IntegerType.Instance), new StructField("v", IntegerType.Instance)), []);
}
