using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class ArithmeticTests
{
    private static readonly int?[] s_a = [1, 2, null, -4, 5, int.MaxValue, 0, 7, 8, 9, 10, null, 12, 13, 14, 15, 16, 17];
    private static readonly int?[] s_b = [3, null, 4, 2, -5, 1, 0, 7, 0, 1, 2, null, 3, 4, 5, 6, 7, 8];

    private static object?[] Expected(Func<int, int, object?> op) =>
        [.. s_a.Zip(s_b, (x, y) => x is null || y is null ? null : op(x.Value, y.Value))];

    [Fact]
    public void IntOperators_MatchLinqWithNullsAndWrapAround()
    {
        var batch = Make(("a", Ints(s_a)), ("b", Ints(s_b)));
        Assert.Equal(Expected((x, y) => unchecked(x + y)), Evaluate(Col("a") + Col("b"), batch));
        Assert.Equal(Expected((x, y) => unchecked(x - y)), Evaluate(Col("a") - Col("b"), batch));
        Assert.Equal(Expected((x, y) => unchecked(x * y)), Evaluate(Col("a") * Col("b"), batch));
        Assert.Equal(Expected((x, y) => y == 0 ? null : x % y), Evaluate(Col("a") % Col("b"), batch));
        Assert.Equal(Expected((x, y) => y == 0 ? null : (double)x / y), Evaluate(Col("a") / Col("b"), batch));
    }

    [Fact]
    public void Literals_OnEitherSide()
    {
        var batch = Make(("a", Ints(s_a)));
        Assert.Equal(s_a.Select(x => x is null ? null : (object)(x.Value + 10)).ToArray(), Evaluate(Col("a") + 10, batch));
        Assert.Equal(s_a.Select(x => x is null ? null : (object)(10 - x.Value)).ToArray(), Evaluate(10 - Col("a"), batch));
        Assert.Equal(s_a.Select(x => x is null ? null : (object)(x.Value * 2.5)).ToArray(), Evaluate(Col("a") * 2.5, batch));
        Assert.All(Evaluate(Col("a") / 0, batch), v => Assert.Null(v));
        Assert.All(Evaluate(Col("a") + Lit(null), batch), v => Assert.Null(v));
    }

    [Fact]
    public void TypeCoercion_FollowsSpark()
    {
        var batch = Make(("i", Ints(1, 2)), ("l", Longs(10, 20)), ("d", Doubles(0.5, 1.5)), ("s", Strings("1.5", "x")));
        Assert.Equal(DataTypes.Long, TypeOf(Col("i") + Col("l"), batch));
        Assert.Equal(DataTypes.Double, TypeOf(Col("i") + Col("d"), batch));
        Assert.Equal(DataTypes.Double, TypeOf(Col("i") / Col("i"), batch));
        Assert.Equal(DataTypes.Integer, TypeOf(Col("i") % Col("i"), batch));
        Assert.Equal(DataTypes.Long, TypeOf(Col("l") * 2, batch));
        Assert.Equal(new object?[] { 11L, 22L }, Evaluate(Col("i") + Col("l"), batch));
        Assert.Equal(new object?[] { 0.5, 1.0 }, Evaluate(Col("i") / 2, batch));
        // A string meets a number as double; an unparsable string is NULL.
        Assert.Equal(DataTypes.Double, TypeOf(Col("s") + Col("i"), batch));
        Assert.Equal(new object?[] { 2.5, null }, Evaluate(Col("s") + Col("i"), batch));
    }

    [Fact]
    public void DoubleDivisionByZero_IsNull()
    {
        var batch = Make(("x", Doubles(1, -1, 0, null)), ("y", Doubles(0, 0.0, 2, 1)));
        Assert.Equal(new object?[] { null, null, 0.0, null }, Evaluate(Col("x") / Col("y"), batch));
        Assert.Equal(new object?[] { null, null, 0.0, null }, Evaluate(Col("x") % Col("y"), batch));
    }

    [Fact]
    public void MinValueRemainderAndDivisionByMinusOne_DoNotThrow()
    {
        var batch = Make(("x", Longs(long.MinValue, 7)), ("y", Longs(-1, -1)));
        Assert.Equal(new object?[] { 0L, 0L }, Evaluate(Col("x") % Col("y"), batch));
        Assert.Equal(new object?[] { long.MinValue, -7L }, Evaluate(Col("x") * -1, batch));
    }

    [Theory]
    [InlineData(0, 18)]
    [InlineData(1, 9)]
    [InlineData(5, 13)]
    [InlineData(11, 2)]
    public void SlicedBatches_UseTheirOffset(int offset, int length)
    {
        var batch = Make(("a", Ints(s_a)), ("b", Ints(s_b))).Slice(offset, length);
        var expected = Expected((x, y) => unchecked(x + y)).Skip(offset).Take(length).ToArray();
        Assert.Equal(expected, Evaluate(Col("a") + Col("b"), batch));
        var expectedDivision = Expected((x, y) => y == 0 ? null : (double)x / y).Skip(offset).Take(length).ToArray();
        Assert.Equal(expectedDivision, Evaluate(Col("a") / Col("b"), batch));
    }

    [Fact]
    public void LongColumns_VectorPathMatchesScalarForAllLengths()
    {
        var random = new Random(42);
        for (int length = 0; length < 40; length++)
        {
            var x = Enumerable.Range(0, length).Select(_ => (long?)random.Next(-1000, 1000)).ToArray();
            var y = Enumerable.Range(0, length).Select(_ => random.Next(5) == 0 ? null : (long?)random.Next(-1000, 1000)).ToArray();
            var batch = Make(("x", Longs(x)), ("y", Longs(y)));
            var expected = x.Zip(y, (p, q) => p is null || q is null ? null : (object)(p.Value * q.Value)).ToArray();
            Assert.Equal(expected, Evaluate(Col("x") * Col("y"), batch));
        }
    }

    [Fact]
    public void ArithmeticOnBooleans_IsAnalysisError()
    {
        var batch = Make(("b", Bools(true)));
        var error = Assert.Throws<AnalysisException>(() => Evaluate(Col("b") + 1, batch));
        Assert.Contains("(b + 1)", error.Message);
    }
}
