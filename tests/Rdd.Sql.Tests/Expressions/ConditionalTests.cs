using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class ConditionalTests
{
    [Fact]
    public void WhenOtherwise_FirstTrueBranchWins_NullConditionIsNotTrue()
    {
        int?[] x = [1, 5, 10, null, 7];
        var batch = Make(("x", Ints(x)));
        var column = When(Col("x") < 3, "low").When(Col("x") < 8, "mid").Otherwise("high");
        var expected = x.Select(v => (object?)(v < 3 ? "low" : v < 8 ? "mid" : "high")).ToArray();
        Assert.Equal(expected, Evaluate(column, batch));
        Assert.Equal("CASE WHEN (x < 3) THEN low WHEN (x < 8) THEN mid ELSE high END", column.ToString());
    }

    [Fact]
    public void When_WithoutOtherwise_IsNull_AndBranchesWiden()
    {
        var batch = Make(("x", Ints(1, 5, null)), ("d", Doubles(0.5, 1.5, 2.5)));
        var column = When(Col("x") > 2, Col("x")).When(Col("x") > 0, Col("d"));
        Assert.Equal(DataTypes.Double, TypeOf(column, batch));
        Assert.Equal(new object?[] { 0.5, 5.0, null }, Evaluate(column, batch));
        Assert.Throws<InvalidOperationException>(() => Col("x").Otherwise(1));
        Assert.Throws<InvalidOperationException>(() => column.Otherwise(1).Otherwise(2));
    }

    [Fact]
    public void Coalesce_FirstNonNull()
    {
        var batch = Make(("a", Ints(null, 2, null, null)), ("b", Longs(10, 20, null, null)), ("s", Strings("x", null, null, "w")));
        Assert.Equal(DataTypes.Long, TypeOf(Coalesce(Col("a"), Col("b")), batch));
        Assert.Equal(new object?[] { 10L, 2L, null, null }, Evaluate(Coalesce(Col("a"), Col("b")), batch));
        Assert.Equal(new object?[] { 10L, 2L, -1L, -1L }, Evaluate(Coalesce(Col("a"), Col("b"), Lit(-1)), batch));
        Assert.Equal(new object?[] { "x", "?", "?", "w" }, Evaluate(Coalesce(Col("s"), Lit(null), Lit("?")), batch));
    }
}
