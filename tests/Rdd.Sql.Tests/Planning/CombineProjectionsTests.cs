using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class CombineProjectionsTests
{
    private static readonly CombineProjections s_rule = new();

    [Fact]
    public void Rewrite_ProjectOverProject_SubstitutesAliases()
    {
        AssertRewrite(s_rule,
            T().Project(E((Functions.Col("a") + 1).As("x")), Col("c")).Project(E((Functions.Col("x") * 2).As("y")), Col("c")),
            "Project [((a + 1) * 2) AS y, c]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ComputedAliasReadTwice_NotCollapsed()
    {
        AssertUnchanged(s_rule,
            T().Project(E((Functions.Col("a") + 1).As("x")), Col("c")).Project(E((Functions.Col("x") * 2).As("y")), Col("x")));
    }

    [Fact]
    public void Rewrite_RenamedColumnReadTwice_Collapsed()
    {
        AssertRewrite(s_rule,
            T().Project(E(Functions.Col("a").As("x"))).Project(E((Functions.Col("x") * Functions.Col("x")).As("sq"))),
            "Project [(a * a) AS sq]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ThreeProjects_CollapseToOne()
    {
        AssertRewrite(s_rule,
            T().Project(Col("a"), Col("b")).Project(E((Functions.Col("a") + Functions.Col("b")).As("s"))).Project(E(Functions.Col("s").As("t"))),
            "Project [(a + b) AS t]\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ProjectRepeatingChildOutput_Removed()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > 1)).Project(Col("a"), Col("b"), Col("c")),
            "Filter (a > 1)\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ReorderingProject_Kept()
    {
        AssertUnchanged(s_rule, T().Project(Col("c"), Col("a"), Col("b")));
    }
}
