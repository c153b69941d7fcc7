using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class CombineLimitsTests
{
    private static readonly CombineLimits s_rule = new();

    [Theory]
    [InlineData(5, 10, 5)]
    [InlineData(10, 5, 5)]
    public void Rewrite_AdjacentLimits_KeepsTheSmaller(int outer, int inner, int expected)
    {
        AssertRewrite(s_rule, T().Limit(inner).Limit(outer),
            $"Limit {expected}\n"
            + "+- Scan csv [a, b, c] Paths: [t.csv]\n");
    }

    [Fact]
    public void Rewrite_SingleLimit_ReturnsSameInstance()
    {
        AssertUnchanged(s_rule, T().Limit(3));
    }
}
