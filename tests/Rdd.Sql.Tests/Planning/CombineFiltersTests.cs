using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class CombineFiltersTests
{
    private static readonly CombineFilters s_rule = new();

    [Fact]
    public void Rewrite_AdjacentFilters_MergedInnerFirst()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > 1)).Filter(E(Functions.Col("b") < 2)),
            "Filter ((a > 1) AND (b < 2))\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_ThreeFilters_MergedIntoOne()
    {
        AssertRewrite(s_rule, T().Filter(E(Functions.Col("a") > 1)).Filter(E(Functions.Col("b") < 2)).Filter(E(Functions.Col("c") == "x")),
            "Filter (((a > 1) AND (b < 2)) AND (c = x))\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_FiltersSeparatedByProject_ReturnsSameInstance()
    {
        AssertUnchanged(s_rule, T().Filter(E(Functions.Col("a") > 1)).Project(Col("a")).Filter(E(Functions.Col("a") < 5)));
    }
}
