using Rdd.Sql.Analysis;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Planning.Optimizer;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Planning;

/// <summary>Sources, expression shorthands and the optimized-plan assertion shared by the planning tests.</summary>
internal static class PlanTestSupport
{
    /// <summary>t.csv: a int, b int, c string.</summary>
    public static StructType TSchema { get; } = new(
        new StructField("a", IntegerType.Instance),
        new StructField("b", IntegerType.Instance),
        new StructField("c", StringType.Instance));

    /// <summary>u.csv: id int, a int, d double.</summary>
    public static StructType USchema { get; } = new(
        new StructField("id", IntegerType.Instance),
        new StructField("a", IntegerType.Instance),
        new StructField("d", DoubleType.Instance));

    public static LogicalPlanBuilder T() => LogicalPlanBuilder.Scan(DataSourceFormat.Csv, TSchema, "t.csv");

    public static LogicalPlanBuilder U() => LogicalPlanBuilder.Scan(DataSourceFormat.Csv, USchema, "u.csv");

    public static Expression Col(string name) => Functions.Col(name).Expression;

    public static Expression E(Column column) => column.Expression;

    public static Expression Lit(object? value) => Literal.Create(value);

    /// <summary>Analyzes the builder's plan.</summary>
    public static LogicalPlan Analyzed(LogicalPlanBuilder builder) => Analyzer.Analyze(builder.Build());

    /// <summary>Runs <paramref name="rule"/> once over the analyzed plan, compares the text and checks the schema is unchanged.</summary>
    public static LogicalPlan AssertRewrite(IOptimizerRule rule, LogicalPlanBuilder input, string expected)
    {
        var plan = Analyzed(input);
        var rewritten = rule.Rewrite(plan);
        Assert.Equal(expected, rewritten.TreeString());
        AssertSameSchema(plan, rewritten);
        return rewritten;
    }

    /// <summary>A rule that does not apply returns the very same instance.</summary>
    public static void AssertUnchanged(IOptimizerRule rule, LogicalPlanBuilder input)
    {
        var plan = Analyzed(input);
        Assert.Same(plan, rule.Rewrite(plan));
    }

    public static void AssertSameSchema(LogicalPlan expected, LogicalPlan actual) =>
        Assert.Equal(
            expected.Output.Select(a => (a.Name, a.DataType.SimpleString)),
            actual.Output.Select(a => (a.Name, a.DataType.SimpleString)));
}
