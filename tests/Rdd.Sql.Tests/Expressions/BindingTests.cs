using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class BindingTests
{
    private static readonly StructType s_schema = new(
        new StructField("id", DataTypes.Integer, false),
        new StructField("Name", DataTypes.String),
        new StructField("score", DataTypes.Double));

    [Fact]
    public void UnknownColumn_NamesItAndListsTheColumns()
    {
        var error = Assert.Throws<AnalysisException>(() => (Col("nmae") + 1).Expression.Bind(s_schema));
        Assert.Contains("A column or function parameter with name `nmae` cannot be resolved", error.Message);
        Assert.Contains("[`Name`, `id`, `score`]", error.Message); // nearest first
    }

    [Fact]
    public void Names_ResolveCaseInsensitively_AndKeepNullability()
    {
        var bound = Col("name").Expression.Bind(s_schema);
        var reference = Assert.IsType<BoundReference>(bound);
        Assert.Equal(1, reference.Ordinal);
        Assert.Equal(DataTypes.String, reference.DataType);
        Assert.False(Col("id").Expression.Bind(s_schema).Nullable);
        Assert.False((Col("id") + 1).Expression.Bind(s_schema).Nullable);
        Assert.True((Col("id") / 1).Expression.Bind(s_schema).Nullable);
        Assert.False(Col("id").Expression.Resolved);
        Assert.True(Col("id").Expression.Bind(s_schema).Resolved);
    }

    [Fact]
    public void Coercion_InsertsCastsOnColumnsAndFoldsLiterals()
    {
        var bound = (Arithmetic)(Col("id") + Col("score")).Expression.Bind(s_schema);
        Assert.IsType<Cast>(bound.Left);
        Assert.Equal(DataTypes.Double, bound.DataType);
        var withLiteral = (Arithmetic)(Col("score") + 1).Expression.Bind(s_schema);
        Assert.Equal(1.0, Assert.IsType<Literal>(withLiteral.Right).Value);
    }

    [Fact]
    public void ToString_IsSparkLike()
    {
        Assert.Equal("(a + 1)", (Col("a") + 1).ToString());
        Assert.Equal("((a * b) - 2.5)", (Col("a") * Col("b") - 2.5).ToString());
        Assert.Equal("(NOT (a = b))", (!(Col("a") == Col("b"))).ToString());
        Assert.Equal("upper(name)", Upper(Col("name")).ToString());
        Assert.Equal("(a IN (1, 2))", Col("a").IsIn(1, 2).ToString());
        Assert.Equal("(a IS NULL)", Col("a").IsNull().ToString());
        Assert.Equal("count(a)", Count("a").ToString());
        Assert.Equal("count(1)", Count("*").ToString());
        Assert.Equal("count(DISTINCT a)", CountDistinct("a").ToString());
        Assert.Equal("avg(x)", Mean("x").ToString());
        Assert.Equal("stddev_samp(x)", StddevSamp("x").ToString());
        Assert.Equal("(a + 1) AS b", (Col("a") + 1).As("b").ToString());
        Assert.Equal("t.a", Col("t.a").ToString());
        Assert.Equal("coalesce(a, 0)", Coalesce(Col("a"), Lit(0)).ToString());
    }

    [Fact]
    public void SortOrder_SparkDefaults()
    {
        Assert.Equal("a ASC NULLS FIRST", Col("a").Asc().ToString());
        Assert.Equal("a DESC NULLS LAST", Col("a").Desc().ToString());
        Assert.Equal("a ASC NULLS LAST", Col("a").AscNullsLast().ToString());
        Assert.Equal("a DESC NULLS FIRST", Col("a").DescNullsFirst().ToString());
    }

    [Fact]
    public void Aggregates_HaveSparkResultTypesAndDoNotEvaluate()
    {
        Assert.Equal(DataTypes.Long, Sum("id").Expression.Bind(s_schema).DataType);
        Assert.Equal(DataTypes.Double, Sum("score").Expression.Bind(s_schema).DataType);
        Assert.Equal(DataTypes.Double, Avg("id").Expression.Bind(s_schema).DataType);
        Assert.Equal(DataTypes.Long, Count("Name").Expression.Bind(s_schema).DataType);
        Assert.False(Count("Name").Expression.Bind(s_schema).Nullable);
        Assert.Equal(DataTypes.String, Max("Name").Expression.Bind(s_schema).DataType);
        Assert.True(Max("Name").Expression.IsAggregate);
        var batch = Make(("id", Ints(1)));
        Assert.Throws<NotSupportedException>(() => Sum("id").Expression.Bind(SchemaOf(batch)).Evaluate(batch));
    }

    [Fact]
    public void TransformUp_RewritesBottomUp_AndKeepsUnchangedInstances()
    {
        var expression = (Col("a") + Lit(1) * Lit(2)).Expression;
        Assert.Same(expression, expression.TransformUp(e => e));
        Assert.Same(expression, expression.TransformDown(e => e));
        // Fold literal arithmetic: 1 * 2 becomes 2.
        var folded = expression.TransformUp(e =>
            e is Arithmetic { Left: Literal { Value: int x }, Right: Literal { Value: int y }, Operator: ArithmeticOperator.Multiply }
                ? new Literal(x * y, DataTypes.Integer)
                : e);
        Assert.Equal("(a + 2)", folded.ToString());
        var renamed = expression.TransformDown(e => e is ColumnReference { Name: "a" } ? new ColumnReference("b") : e);
        Assert.Equal("(b + (1 * 2))", renamed.ToString());
        Assert.Equal(5, expression.Descendants().Count());
    }

    [Fact]
    public void ColumnEquality_IsReferenceIdentity_WhileOperatorBuildsExpression()
    {
        var a = Col("a");
        Assert.True(a.Equals(a));
        Assert.False(a.Equals(Col("a")));
        Assert.Equal(a.GetHashCode(), a.GetHashCode());
        Column equality = a == Col("a");
        Assert.Equal("(a = a)", equality.ToString());
    }
}
