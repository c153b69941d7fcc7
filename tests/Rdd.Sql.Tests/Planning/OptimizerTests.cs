using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class OptimizerTests
{
    [Fact]
    public void Optimize_TypicalQuery_RunsRulesToFixpoint()
    {
        var plan = Analyzed(T()
            .Project(Col("a"), E((Functions.Col("b") + (Functions.Lit(1) + Functions.Lit(1))).As("x")), Col("c"))
            .Filter(E(Functions.Lit(true) & (Functions.Col("x") > 3)))
            .Filter(E(Functions.Col("c") == "k"))
            .Project(Col("x")));

        var result = new Optimizer().Optimize(plan);

        Assert.Equal(
            "Project [(b + 2) AS x]\n"
            + "+- Filter (((b + 2) > 3) AND (c = k))\n"
            + "   +- Scan csv [b, c] PushedFilters: [((b + 2) > 3), (c = k)] Paths: [t.csv]\n",
            result.Plan.TreeString());
        AssertSameSchema(plan, result.Plan);
        Assert.Equal(["FoldConstants", "SimplifyBooleans", "CombineFilters", "PushDownFilter", "PruneColumns", "CombineProjections"], result.AppliedRuleNames);
        Assert.True(result.Passes < Optimizer.MaxPasses);
    }

    [Fact]
    public void Optimize_DisabledRule_IsNotRun()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Project(Col("c")));

        var result = new Optimizer(disabledRules: ["PushDownFilter"]).Optimize(plan);

        Assert.DoesNotContain("PushDownFilter", result.AppliedRuleNames);
        Assert.Equal(
            "Project [c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Scan csv [a, c] Paths: [t.csv]\n",
            result.Plan.TreeString());
    }

    [Fact]
    public void Optimize_RuleChangingTheSchema_ThrowsNamingTheRule()
    {
        var plan = Analyzed(T().Project(Col("a"), Col("b")));

        var error = Assert.Throws<InvalidOperationException>(() => new Optimizer([new DropLastColumn()]).Optimize(plan));

        Assert.Equal("Optimizer rule DropLastColumn changed the plan's schema from [a: int, b: int] to [a: int].", error.Message);
    }

    [Fact]
    public void Optimize_NothingApplies_ReturnsSamePlanAfterOnePass()
    {
        var plan = Analyzed(T().Project(Col("c"), Col("a"), Col("b")));

        var result = new Optimizer().Optimize(plan);

        Assert.Same(plan, result.Plan);
        Assert.Empty(result.AppliedRules);
        Assert.Equal(1, result.Passes);
    }

    [Fact]
    public void Optimize_RuleThatNeverSettles_StopsAfterMaxPasses()
    {
        var plan = Analyzed(T().Project(Col("a")));

        var result = new Optimizer([new RebuildProject()]).Optimize(plan);

        Assert.Equal(Optimizer.MaxPasses, result.Passes);
        Assert.Equal(Optimizer.MaxPasses, result.AppliedRules.Count);
    }

    [Fact]
    public void ExplainText_ListsAnalyzedAndOptimizedPlansAndAppliedRules()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Project(Col("c")));

        var text = new Optimizer().Optimize(plan).ExplainText(plan);

        Assert.Equal(
            "== Analyzed Logical Plan ==\n"
            + "Project [c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Scan csv [a, b, c] Paths: [t.csv]\n"
            + "\n== Optimized Logical Plan ==\n"
            + "Project [c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Scan csv [a, c] PushedFilters: [(a > 1)] Paths: [t.csv]\n"
            + "\n== Applied Rules ==\n"
            + "PushDownFilter (pass 1)\n"
            + "PruneColumns (pass 1)\n",
            text);
    }

    [Fact]
    public void Optimize_JoinQuery_PushesFiltersToBothScansAndPrunes()
    {
        var plan = Analyzed(T().Alias("l").Join(U().Alias("r"), JoinType.Inner, E(Functions.Col("l.b") == Functions.Col("r.id")))
            .Filter(E((Functions.Col("l.a") > 1) & (Functions.Col("r.d") < 2.5)))
            .Project(Col("l.c"), Col("r.d")));

        var result = new Optimizer().Optimize(plan);

        Assert.Equal(
            "Project [c, d]\n"
            + "+- Join Inner, (b = id)\n"
            + "   :- SubqueryAlias l\n"
            + "   :  +- Filter (a > 1)\n"
            + "   :     +- Scan csv [a, b, c] PushedFilters: [(a > 1)] Paths: [t.csv]\n"
            + "   +- SubqueryAlias r\n"
            + "      +- Filter (d < 2.5)\n"
            + "         +- Scan csv [id, d] PushedFilters: [(d < 2.5)] Paths: [u.csv]\n",
            result.Plan.TreeString());
        AssertSameSchema(plan, result.Plan);
    }

    private sealed class DropLastColumn : IOptimizerRule
    {
        public string Name => nameof(DropLastColumn);

        public LogicalPlan Rewrite(LogicalPlan plan) =>
            plan is Project p ? new Project([.. p.ProjectList.Take(p.ProjectList.Count - 1)], p.Child) : plan;
    }

    private sealed class RebuildProject : IOptimizerRule
    {
        public string Name => nameof(RebuildProject);

        public LogicalPlan Rewrite(LogicalPlan plan) =>
            plan is Project p ? new Project([.. p.ProjectList.Select(e => (Expression)e)], p.Child) : plan;
    }
}
