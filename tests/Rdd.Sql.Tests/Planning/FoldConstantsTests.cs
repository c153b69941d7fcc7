using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class FoldConstantsTests
{
    private static readonly FoldConstants s_rule = new();

    [Fact]
    public void Rewrite_ArithmeticOfLiterals_BecomesLiteral()
    {
        AssertRewrite(s_rule, T().Project(E((Functions.Col("a") + (Functions.Lit(1) + Functions.Lit(2))).As("x"))),
            "Project [(a + 3) AS x]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_NestedConstants_FoldBottomUp()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > (Functions.Lit(2) * Functions.Lit(3)) + Functions.Lit(4))),
            "Filter (a > 10)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ConstantComparisonAndStringFunction_Fold()
    {
        AssertRewrite(s_rule, T().Project(E((Functions.Lit(1) < Functions.Lit(2)).As("t")), E(Functions.Upper(Functions.Lit("ab")).As("u"))),
            "Project [true AS t, AB AS u]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_UnnamedConstant_KeepsItsOriginalName()
    {
        var plan = AssertRewrite(s_rule, T().Project(E(Functions.Lit(1) + Functions.Lit(1))),
            "Project [2 AS (1 + 1)]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");

        Assert.Equal("(1 + 1)", plan.Output[0].Name);
    }

    [Fact]
    public void Rewrite_NoConstantSubexpression_ReturnsSameInstance()
    {
        AssertUnchanged(s_rule, T().Filter(E(Functions.Col("a") > Functions.Col("b"))).Project(Col("c")));
    }

    [Fact]
    public void Rewrite_CaseWithConstantConditions_KeepsTheBranchesThatCanRun()
    {
        var a = Functions.Col("a");
        AssertRewrite(s_rule, T().Project(E(Functions.When(Functions.Lit(1) > Functions.Lit(2), a).When(Functions.Lit(2) > Functions.Lit(1), Functions.Col("b")).Otherwise(Functions.Lit(0)).As("x"))),
            "Project [b AS x]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
        AssertRewrite(s_rule, T().Project(E(Functions.When(Functions.Lit(1) > Functions.Lit(2), a).Otherwise(Functions.Col("b")).As("x"))),
            "Project [b AS x]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
        AssertRewrite(s_rule, T().Project(E(Functions.When(Functions.Lit(1) > Functions.Lit(2), a).When(a > Functions.Lit(1), Functions.Col("b")).As("x"))),
            "Project [CASE WHEN (a > 1) THEN b END AS x]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_InOverRepeatedLiterals_DropsRepeats_AndOneValueIsAnEquality()
    {
        var c = Functions.Col("c");
        AssertRewrite(s_rule, T().Filter(E(c.IsIn("x", "x"))),
            "Filter (c = x)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
        AssertRewrite(s_rule, T().Filter(E(c.IsIn("x", "y", "x"))),
            "Filter (c IN (x, y))\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }
}
