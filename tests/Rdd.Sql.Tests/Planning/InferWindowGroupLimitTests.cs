using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Planning.Physical;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Planning;

using LogicalWindow = Rdd.Sql.Planning.Logical.Window;
using Window = Rdd.Sql.Window;

public sealed record GroupLimitRow(int Id, string? G, int? X, double V);

/// <summary>When [InferWindowGroupLimit] puts a WindowGroupLimit below a window, with which bound, and how it is planned.</summary>
public sealed class InferWindowGroupLimitTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;

    public InferWindowGroupLimitTests() => _sql = new SqlContext(_context);

    public void Dispose()
    {
        _context.Dispose();
        GC.SuppressFinalize(this);
    }

    private DataFrame Frame() => _sql.CreateDataFrame(
        Enumerable.Range(0, 40).Select(i => new GroupLimitRow(i, i % 3 == 0 ? null : $"g{i % 4}", i % 5 == 0 ? null : i % 6, i * 0.5)));

    private static WindowSpec ByGOrderedByX => Window.PartitionBy("G").OrderBy(Col("X").Desc());

    private DataFrame Ranked(Column function, string condition) =>
        Frame().WithColumn("r", function.Over(ByGOrderedByX)).Where(condition);

    private static OptimizedPlan Optimize(DataFrame df) => new Optimizer().Optimize(df.Plan);

    private static WindowGroupLimit[] Limits(LogicalPlan plan) => [.. plan.Descendants().OfType<WindowGroupLimit>()];

    [Theory]
    [InlineData("r <= 2", 2)]
    [InlineData("r < 3", 2)]
    [InlineData("r = 1", 1)]
    [InlineData("2 >= r", 2)]
    [InlineData("3 > r", 2)]
    [InlineData("1 = r", 1)]
    [InlineData("r <= 1 + 2", 3)]
    [InlineData("r <= 5 AND r < 3", 2)]
    [InlineData("r <= 4 AND r <= 7 AND X > 1", 4)]
    [InlineData("r <= 1000", 1000)]
    public void Bounds_on_the_rank_give_the_limit(string condition, int expected)
    {
        var optimized = Optimize(Ranked(RowNumber(), condition));

        var limit = Assert.Single(Limits(optimized.Plan));
        Assert.Equal(expected, limit.Limit);
        Assert.Equal(WindowFunctionKind.RowNumber, limit.RankLikeFunction.Kind);
        Assert.Equal("G", Assert.IsType<AttributeReference>(Assert.Single(limit.PartitionSpec)).Name);
        var order = Assert.Single(limit.OrderSpec);
        Assert.False(order.Ascending);
        var window = optimized.Plan.Descendants().OfType<LogicalWindow>().Single();
        Assert.Same(limit, window.Child);
        Assert.Contains("InferWindowGroupLimit", optimized.AppliedRuleNames);
    }

    [Fact]
    public void A_bigint_bound_compares_the_widened_rank()
    {
        var df = Frame().WithColumn("r", RowNumber().Over(ByGOrderedByX)).Where(Col("r") <= 2L);

        Assert.Equal(2, Assert.Single(Limits(Optimize(df).Plan)).Limit);
    }

    [Theory]
    [InlineData("r <= 0")]
    [InlineData("r < 1")]
    [InlineData("r = -3")]
    [InlineData("r > 2")]
    [InlineData("r >= 2")]
    [InlineData("r != 1")]
    [InlineData("r <= X")]
    [InlineData("r <= 2 OR X = 1")]
    [InlineData("r <= 1001")]
    [InlineData("X <= 2")]
    public void No_limit_without_a_positive_constant_upper_bound(string condition)
    {
        var optimized = Optimize(Ranked(RowNumber(), condition));

        Assert.Empty(Limits(optimized.Plan));
        Assert.DoesNotContain("InferWindowGroupLimit", optimized.AppliedRuleNames);
    }

    [Fact]
    public void No_limit_when_the_window_computes_another_function()
    {
        // One Select puts functions over the same window spec into one Window node.
        var withLag = Frame()
            .Select(Col("G"), Col("X"), RowNumber().Over(ByGOrderedByX).As("r"), Lag("V").Over(ByGOrderedByX).As("prev"))
            .Where("r <= 2");
        var withSum = Frame()
            .Select(Col("G"), Col("X"), Rank().Over(ByGOrderedByX).As("r"), Sum("V").Over(ByGOrderedByX).As("running"))
            .Where("r <= 2");
        var rankOnly = Frame()
            .Select(Col("G"), Col("X"), Rank().Over(ByGOrderedByX).As("r"), RowNumber().Over(ByGOrderedByX).As("rn"))
            .Where("r <= 2");

        Assert.Single(Optimize(withLag).Plan.Descendants().OfType<LogicalWindow>(), w => w.WindowExpressions.Count == 2);
        Assert.Empty(Limits(Optimize(withLag).Plan));
        Assert.Empty(Limits(Optimize(withSum).Plan));
        Assert.Single(Limits(Optimize(rankOnly).Plan));
    }

    [Fact]
    public void No_limit_without_an_order_by()
    {
        var relation = LocalRelation.Create(Frame().Schema, []);
        var g = relation.Output[1];
        var rn = new NamedAlias(new WindowExpression(new WindowFunction(WindowFunctionKind.RowNumber), [g], []), "rn", ExprId.New());
        var window = new LogicalWindow([rn], [g], [], relation);
        var filter = new Filter(new Comparison(ComparisonOperator.LessThanOrEqual, rn.ToAttribute(), Literal.Create(2)), window);

        Assert.Same(filter, new InferWindowGroupLimit().Rewrite(filter));
    }

    [Theory]
    [InlineData("rk <= 1 AND rn <= 3", "row_number()", 3)]
    [InlineData("rk <= 3 AND dr <= 2", "dense_rank()", 2)]
    [InlineData("rk <= 2 AND dr <= 4", "rank()", 2)]
    [InlineData("dr = 1", "dense_rank()", 1)]
    public void Row_number_is_preferred_then_the_smallest_bound(string condition, string expectedFunction, int expectedLimit)
    {
        var df = Frame()
            .Select(
                Col("G"),
                Col("X"),
                RowNumber().Over(ByGOrderedByX).As("rn"),
                Rank().Over(ByGOrderedByX).As("rk"),
                DenseRank().Over(ByGOrderedByX).As("dr"))
            .Where(condition);

        var limit = Assert.Single(Limits(Optimize(df).Plan));
        Assert.Equal(expectedFunction, limit.RankLikeFunction.ToString());
        Assert.Equal(expectedLimit, limit.Limit);
    }

    [Fact]
    public void A_partition_filter_pushed_below_the_window_later_does_not_stack_a_second_limit()
    {
        // CombineFilters merges the outer filter in the second pass and PushDownFilter moves G = 'g1' below the
        // window, between it and the limit inferred in the first pass.
        var df = Frame()
            .WithColumn("r", RowNumber().Over(ByGOrderedByX))
            .Where("r <= 2")
            .Select("G", "X", "r")
            .Where("G = 'g1'");

        var optimized = Optimize(df);

        Assert.Single(Limits(optimized.Plan));
        Assert.True(optimized.Passes < Optimizer.MaxPasses);
        var window = optimized.Plan.Descendants().OfType<LogicalWindow>().Single();
        Assert.IsType<WindowGroupLimit>(Assert.IsType<Filter>(window.Child).Child);
        // The filter keeps rows in their partitions: the window still reuses the limit's exchange.
        var physical = PhysicalPlanner.Plan(optimized.Plan, _context);
        Assert.EndsWith("child partitioned", Nodes(physical).OfType<WindowExec>().Single().Describe(), StringComparison.Ordinal);
        Assert.Single(Nodes(physical).OfType<ExchangeExec>());
        var expected = Frame().Collect()
            .Where(r => (string?)r["G"] == "g1")
            .OrderByDescending(r => (int?)r["X"]).ThenBy(r => (int)r["Id"]!)
            .Take(2)
            .Select(r => (int?)r["X"]);
        Assert.Equal(expected.Order(), df.Collect().Select(r => (int?)r["X"]).Order());
    }

    [Fact]
    public void Explain_shows_the_limit_in_the_optimized_plan_the_rules_and_both_physical_phases()
    {
        var df = Ranked(Rank(), "r <= 2");

        string text = df.ExplainString(extended: true);

        Assert.Contains("== Optimized Logical Plan ==", text, StringComparison.Ordinal);
        Assert.Contains("WindowGroupLimit [G", text, StringComparison.Ordinal);
        Assert.Contains("InferWindowGroupLimit (pass 1)", text, StringComparison.Ordinal);
        string physical = text[text.IndexOf("== Physical Plan ==", StringComparison.Ordinal)..];
        var lines = physical.Split('\n');
        int final = Array.FindIndex(lines, l => l.Contains("WindowGroupLimit", StringComparison.Ordinal) && l.EndsWith("rank(), 2, Final", StringComparison.Ordinal));
        Assert.True(final > 0, physical);
        Assert.Contains("Window [", lines[final - 1], StringComparison.Ordinal);
        Assert.Contains("Exchange hashpartitioning(G", lines[final + 1], StringComparison.Ordinal);
        Assert.EndsWith("rank(), 2, Partial", lines[final + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_reuses_the_limit_exchange()
    {
        var physical = PhysicalPlanner.Plan(Optimize(Ranked(DenseRank(), "r <= 3")).Plan, _context);

        var window = Nodes(physical).OfType<WindowExec>().Single();
        var final = Assert.IsType<WindowGroupLimitExec>(window.Children[0]);
        Assert.Equal(WindowGroupLimitMode.Final, final.Mode);
        Assert.Equal(WindowFunctionKind.DenseRank, final.RankLikeFunction);
        Assert.Equal(3, final.Limit);
        var exchange = Assert.IsType<ExchangeExec>(final.Child);
        var partial = Assert.IsType<WindowGroupLimitExec>(exchange.Child);
        Assert.Equal(WindowGroupLimitMode.Partial, partial.Mode);
        Assert.EndsWith("child partitioned", window.Describe(), StringComparison.Ordinal);
    }

    private static IEnumerable<PhysicalPlan> Nodes(PhysicalPlan plan) => [plan, .. plan.Children.SelectMany(Nodes)];
}
