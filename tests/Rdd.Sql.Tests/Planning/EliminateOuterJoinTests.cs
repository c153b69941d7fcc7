using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Types;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

/// <summary>[EliminateOuterJoin]: plan shapes (results against DuckDB: <see cref="JoinRuleResultTests"/>).</summary>
public class EliminateOuterJoinTests
{
    private static readonly EliminateOuterJoin s_rule = new();

    private static readonly Column s_on = Functions.Col("b") == Functions.Col("id");

    [Theory]
    [InlineData("left", "(v > 3)", "Inner")]
    [InlineData("left", "((a + v) < 10)", "Inner")]
    [InlineData("left", "(CAST(v AS DOUBLE) < (0.5 * CAST(a AS DOUBLE)))", "Inner")]
    [InlineData("left", "((v = 1) OR (v = 2))", "Inner")]
    [InlineData("left", "(v IS NOT NULL)", "Inner")]
    [InlineData("left", "(a > 3)", "LeftOuter")]
    [InlineData("left", "(v IS NULL)", "LeftOuter")]
    [InlineData("left", "((v = 1) OR (a = 2))", "LeftOuter")]
    [InlineData("right", "(a > 3)", "Inner")]
    [InlineData("right", "(v > 3)", "RightOuter")]
    [InlineData("full", "((a > 3) AND (v > 3))", "Inner")]
    [InlineData("full", "(a > 3)", "LeftOuter")]
    [InlineData("full", "(v > 3)", "RightOuter")]
    [InlineData("full", "(coalesce(a, v) > 3)", "FullOuter")]
    public void Rewrite_FilterOverOuterJoin_JoinTypeByTheSidesWhoseNullsItRejects(string how, string filter, string expected)
    {
        var plan = Analyzed(LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinTypes.Parse(how), E(s_on)).Filter(E(Functions.Expr(filter))));
        var rewritten = s_rule.Rewrite(plan);

        var join = Assert.Single(rewritten.Descendants().OfType<Join>());
        Assert.Equal(expected, join.JoinType.Display());
        Assert.IsType<Filter>(rewritten);
        AssertSameSchema(plan, rewritten);
        if (expected == JoinTypes.Parse(how).Display())
        {
            Assert.Same(plan, rewritten);
        }
    }

    [Fact]
    public void Rewrite_OuterJoinWithoutFilterAbove_Unchanged() =>
        AssertUnchanged(s_rule, LogicalPlanBuilder.From(LocalT()).Join(LocalU(), JoinType.LeftOuter, E(s_on & (Functions.Col("v") > 3))));

    private static LogicalPlan LocalT() => LocalRelation.Create(
        new StructType(new StructField("a", IntegerType.Instance), new StructField("b", IntegerType.Instance)), []);

    private static LogicalPlan LocalU() => LocalRelation.Create(
        new StructType(new StructField("id", IntegerType.Instance), new StructField("v", IntegerType.Instance)), []);
}
