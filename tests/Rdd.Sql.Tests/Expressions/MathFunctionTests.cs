using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class MathFunctionTests
{
    [Theory]
    [InlineData(2.5, 0, 3.0)]
    [InlineData(-2.5, 0, -3.0)]
    [InlineData(0.5, 0, 1.0)]
    [InlineData(1.4999, 0, 1.0)]
    [InlineData(2.675, 2, 2.68)]
    [InlineData(-2.675, 2, -2.68)]
    [InlineData(1.005, 2, 1.01)]
    [InlineData(1234.5678, -2, 1200.0)]
    [InlineData(1250.0, -2, 1300.0)]
    [InlineData(1e20, 2, 1e20)]
    public void Round_Double_HalfUp(double value, int scale, double expected)
    {
        var batch = Make(("x", Doubles(value, null)));
        Assert.Equal(new object?[] { expected, null }, Evaluate(Round(Col("x"), scale), batch));
    }

    [Fact]
    public void Round_Int_KeepsTypeAndRoundsHalfUpAtNegativeScale()
    {
        var batch = Make(("x", Ints(15, -15, 14, 25, null)));
        Assert.Equal(DataTypes.Integer, TypeOf(Round(Col("x")), batch));
        Assert.Equal(new object?[] { 15, -15, 14, 25, null }, Evaluate(Round(Col("x")), batch));
        Assert.Equal(new object?[] { 20, -20, 10, 30, null }, Evaluate(Round(Col("x"), -1), batch));
        Assert.Equal("round(x, 0)", Round(Col("x")).ToString());
    }

    [Fact]
    public void Round_NaNAndInfinityPassThrough()
    {
        var batch = Make(("x", Doubles(double.NaN, double.PositiveInfinity)));
        Assert.Equal(new object?[] { double.NaN, double.PositiveInfinity }, Evaluate(Round(Col("x"), 1), batch));
    }

    [Fact]
    public void Abs_KeepsTypeAndWrapsMinValue()
    {
        var batch = Make(("i", Ints(-3, 4, null, int.MinValue)), ("d", Doubles(-1.5, 2, null, -0.0)));
        Assert.Equal(new object?[] { 3, 4, null, int.MinValue }, Evaluate(Abs(Col("i")), batch));
        Assert.Equal(new object?[] { 1.5, 2.0, null, 0.0 }, Evaluate(Abs(Col("d")), batch));
    }

    [Fact]
    public void SqrtExpLogPow()
    {
        double?[] values = [4, 0, -1, null, Math.E];
        var batch = Make(("x", Doubles(values)), ("i", Ints(2, 0, -1, null, 1)));
        Assert.Equal(values.Select(v => v is null ? null : (object)Math.Sqrt(v.Value)).ToArray(), Evaluate(Sqrt(Col("x")), batch));
        Assert.Equal(values.Select(v => v is null ? null : (object)Math.Exp(v.Value)).ToArray(), Evaluate(Exp(Col("x")), batch));
        Assert.Equal(values.Select(v => v is null || v <= 0 ? null : (object)Math.Log(v.Value)).ToArray(), Evaluate(Log(Col("x")), batch));
        Assert.Equal(new object?[] { 16.0, 1.0, -1.0, null, Math.E }, Evaluate(Pow(Col("x"), Col("i")), batch));
        Assert.Equal(new object?[] { 4.0, 0.0, 1.0, null, 1.0 }, Evaluate(Pow(Col("i"), 2), batch));
        Assert.Equal(DataTypes.Double, TypeOf(Sqrt("i"), batch));
    }

    [Fact]
    public void DateParts()
    {
        var batch = Make(("d", Dates(new DateOnly(2024, 2, 29), null, new DateOnly(1969, 12, 31))), ("s", Strings("2021-07-04", "bad", null)));
        Assert.Equal(new object?[] { 2024, null, 1969 }, Evaluate(Year(Col("d")), batch));
        Assert.Equal(new object?[] { 2, null, 12 }, Evaluate(Month(Col("d")), batch));
        Assert.Equal(new object?[] { 29, null, 31 }, Evaluate(DayOfMonth(Col("d")), batch));
        Assert.Equal(new object?[] { 2021, null, null }, Evaluate(Year(Col("s")), batch));
    }
}
