using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Types;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

/// <summary>[PushExtraPredicateThroughJoin]: plan shapes (results against DuckDB: <see cref="JoinRuleResultTests"/>).</summary>
public class PushExtraPredicateThroughJoinTests
{
    private static readonly PushExtraPredicateThroughJoin s_rule = new();

    private static readonly Column s_a1v2 = (Functions.Col("a") == 1) & (Functions.Col("v") == 2);
    private static readonly Column s_a3v4 = (Functions.Col("a") == 3) & (Functions.Col("v") == 4);

    [Fact]
    public void Rewrite_InnerJoinDisjunction_EachSideFilteredByItsOwnDisjunction_ConditionKept()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.Inner, E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | s_a3v4))),
            "Join Inner, ((b = id) AND (((a = 1) AND (v = 2)) OR ((a = 3) AND (v = 4))))\n"
            + ":- Filter ((a = 1) OR (a = 3))\n"
            + ":  +- LocalRelation [a, b]\n"
            + "+- Filter ((v = 2) OR (v = 4))\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_DisjunctWithoutASideConjunct_ThatSideGetsNothing()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.Inner, E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | (Functions.Col("v") > 7)))),
            "Join Inner, ((b = id) AND (((a = 1) AND (v = 2)) OR (v > 7)))\n"
            + ":- LocalRelation [a, b]\n"
            + "+- Filter ((v = 2) OR (v > 7))\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_LeftOuterJoin_OnlyTheNullSupplyingSideIsFiltered()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.LeftOuter, E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | s_a3v4))),
            "Join LeftOuter, ((b = id) AND (((a = 1) AND (v = 2)) OR ((a = 3) AND (v = 4))))\n"
            + ":- LocalRelation [a, b]\n"
            + "+- Filter ((v = 2) OR (v = 4))\n"
            + "   +- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_RightOuterJoin_OnlyTheLeftSideIsFiltered()
    {
        AssertRewrite(s_rule,
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.RightOuter, E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | s_a3v4))),
            "Join RightOuter, ((b = id) AND (((a = 1) AND (v = 2)) OR ((a = 3) AND (v = 4))))\n"
            + ":- Filter ((a = 1) OR (a = 3))\n"
            + ":  +- LocalRelation [a, b]\n"
            + "+- LocalRelation [id, v]\n");
    }

    [Fact]
    public void Rewrite_NoDisjunctionOrFullOuter_Unchanged()
    {
        AssertUnchanged(s_rule, LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.Inner, E((Functions.Col("b") == Functions.Col("id")) & (Functions.Col("a") > Functions.Col("v")))));
        AssertUnchanged(s_rule, LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.FullOuter, E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | s_a3v4))));
    }

    [Fact]
    public void Optimizer_Q7Shape_DerivedFiltersReachBothSidesBeforeTheJoin()
    {
        var plan = new Optimizer().Optimize(Analyzed(
            LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.Cross).Filter(E((Functions.Col("b") == Functions.Col("id")) & (s_a1v2 | s_a3v4))))).Plan;

        var join = Assert.Single(plan.Descendants().OfType<Join>());
        Assert.Equal("Filter ((a = 1) OR (a = 3))", join.Left.NodeString);
        Assert.Equal("Filter ((v = 2) OR (v = 4))", join.Right.NodeString);
    }

    private static LogicalPlan LocalT() => LocalRelation.Create(
        new StructType(new StructField("a", IntegerType.Instance), new StructField("b", IntegerType.Instance)), []);

    private static LogicalPlan LocalU() => LocalRelation.Create(
        new StructType(new StructField("id", IntegerType.Instance), new StructField("v", IntegerType.Instance)), []);
}
