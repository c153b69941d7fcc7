using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class LogicalTests
{
    private static readonly bool?[] s_values = [true, false, null];

    // All nine pairs, twice over so the bitmaps span more than a byte.
    private static readonly bool?[] s_left = [.. Enumerable.Repeat(s_values.SelectMany(a => s_values.Select(_ => a)), 2).SelectMany(x => x)];
    private static readonly bool?[] s_right = [.. Enumerable.Repeat(s_values.SelectMany(_ => s_values), 2).SelectMany(x => x)];

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a is null || b is null ? null : false;

    [Fact]
    public void And_ThreeValuedTruthTable()
    {
        var batch = Make(("a", Bools(s_left)), ("b", Bools(s_right)));
        Assert.Equal(s_left.Zip(s_right, (a, b) => (object?)And(a, b)).ToArray(), Evaluate(Col("a") & Col("b"), batch));
    }

    [Fact]
    public void Or_ThreeValuedTruthTable()
    {
        var batch = Make(("a", Bools(s_left)), ("b", Bools(s_right)));
        Assert.Equal(s_left.Zip(s_right, (a, b) => (object?)Or(a, b)).ToArray(), Evaluate(Col("a") | Col("b"), batch));
    }

    [Fact]
    public void Not_NullStaysNull()
    {
        var batch = Make(("a", Bools(s_left)));
        Assert.Equal(s_left.Select(a => (object?)(a is null ? null : !a)).ToArray(), Evaluate(!Col("a"), batch));
    }

    [Theory]
    [InlineData(1, 9)]
    [InlineData(5, 11)]
    public void TruthTables_HoldOnSlices(int offset, int length)
    {
        var batch = Make(("a", Bools(s_left)), ("b", Bools(s_right))).Slice(offset, length);
        var left = s_left.Skip(offset).Take(length).ToArray();
        var right = s_right.Skip(offset).Take(length).ToArray();
        Assert.Equal(left.Zip(right, (a, b) => (object?)And(a, b)).ToArray(), Evaluate(Col("a") & Col("b"), batch));
        Assert.Equal(left.Zip(right, (a, b) => (object?)Or(a, b)).ToArray(), Evaluate(Col("a") | Col("b"), batch));
    }

    [Fact]
    public void AndWithNullLiteral()
    {
        var batch = Make(("a", Bools(true, false, null)));
        Assert.Equal(new object?[] { null, false, null }, Evaluate(Col("a") & Lit(null), batch));
        Assert.Equal(new object?[] { true, null, null }, Evaluate(Col("a") | Lit(null), batch));
    }

    [Fact]
    public void IsNullAndIsNotNull_AreNeverNull()
    {
        var batch = Make(("x", Ints(1, null, 3)), ("y", Ints(1, 2, 3)));
        Assert.Equal(new object?[] { false, true, false }, Evaluate(Col("x").IsNull(), batch));
        Assert.Equal(new object?[] { true, false, true }, Evaluate(Col("x").IsNotNull(), batch));
        Assert.Equal(new object?[] { false, false, false }, Evaluate(Col("y").IsNull(), batch));
        Assert.Equal(new object?[] { true, true, true }, Evaluate(Lit(null).IsNull(), batch));
        Assert.False(Col("x").IsNull().Expression.Bind(SchemaOf(batch)).Nullable);
    }

    [Fact]
    public void In_MatchesSparkNullRules()
    {
        var batch = Make(("x", Ints(1, 2, null, 4)));
        Assert.Equal(new object?[] { true, false, null, true }, Evaluate(Col("x").IsIn(1, 4), batch));
        // No match and a NULL in the list: NULL.
        Assert.Equal(new object?[] { true, null, null, null }, Evaluate(Col("x").IsIn(1, null), batch));
        Assert.Equal(new object?[] { true, false, null, false }, Evaluate(Col("x").IsIn(1L, 3.0), batch));
    }

    [Fact]
    public void Between_IsInclusive()
    {
        var batch = Make(("x", Ints(1, 2, 3, 4, null)));
        Assert.Equal(new object?[] { false, true, true, false, null }, Evaluate(Col("x").Between(2, 3), batch));
        Assert.Equal("((x >= 2) AND (x <= 3))", Col("x").Between(2, 3).ToString());
    }

    [Fact]
    public void NonBooleanOperand_IsAnalysisError()
    {
        var batch = Make(("x", Ints(1)));
        Assert.Throws<AnalysisException>(() => Evaluate(Col("x") & Lit(true), batch));
    }
}
