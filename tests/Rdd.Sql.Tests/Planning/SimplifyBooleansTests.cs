using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class SimplifyBooleansTests
{
    private static readonly SimplifyBooleans s_rule = new();

    private static Column A => Functions.Col("a") > 1;

    [Fact]
    public void Rewrite_TrueAndX_BecomesX()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Lit(true) & A)),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FalseOrX_BecomesX()
    {
        AssertRewrite(s_rule, T().Filter(E(A | Functions.Lit(false))),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FalseAndX_BecomesFalse()
    {
        AssertRewrite(s_rule, T().Project(E((Functions.Lit(false) & A).As("f"))),
            "Project [false AS f]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_DoubleNegation_Removed()
    {
        AssertRewrite(s_rule, T().Filter(E(!!A)),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FilterOnTrueOrX_FilterDropped()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Lit(true) | A)).Limit(1),
            "Limit 1\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_NothingToSimplify_ReturnsSameInstance()
    {
        AssertUnchanged(s_rule, T().Filter(E(A & (Functions.Col("b") < 3))));
    }

    [Fact]
    public void Rewrite_ConjunctInBothSidesOfOr_FactoredOut()
    {
        var b = Functions.Col("b") < 3;
        var c = Functions.Col("b") > 5;
        AssertRewrite(s_rule, T().Filter(E((A & b) | (c & A))),
            "Filter ((a > 1) AND ((b < 3) OR (b > 5)))\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_OrOfConjunctAndMore_Absorbed()
    {
        AssertRewrite(s_rule, T().Filter(E(A | (A & (Functions.Col("b") < 3)))),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }
}
