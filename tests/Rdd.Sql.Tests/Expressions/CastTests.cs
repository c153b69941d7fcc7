using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class CastTests
{
    [Fact]
    public void StringToInt_UnparsableIsNull_FractionTruncates()
    {
        var batch = Make(("s", Strings("42", " -7 ", "abc", null, "3.9", "", "99999999999")));
        Assert.Equal(new object?[] { 42, -7, null, null, 3, null, null }, Evaluate(Col("s").Cast("int"), batch));
        Assert.Equal(new object?[] { 42L, -7L, null, null, 3L, null, 99999999999L }, Evaluate(Col("s").Cast("bigint"), batch));
        Assert.Equal(new object?[] { 42.0, -7.0, null, null, 3.9, null, 99999999999.0 }, Evaluate(Col("s").Cast("double"), batch));
    }

    [Fact]
    public void NumberConversions_TruncateAndWrap()
    {
        var batch = Make(("d", Doubles(3.9, -3.9, double.NaN, 1e20, null)), ("l", Longs(1, 4294967297L, -1, long.MaxValue, null)));
        Assert.Equal(new object?[] { 3, -3, 0, int.MaxValue, null }, Evaluate(Col("d").Cast("int"), batch));
        Assert.Equal(new object?[] { 1, 1, -1, -1, null }, Evaluate(Col("l").Cast("int"), batch));
        Assert.Equal(new object?[] { true, true, true, true, null }, Evaluate(Col("l").Cast("boolean"), batch));
    }

    [Fact]
    public void ToString_UsesSparkFormats()
    {
        var batch = Make(
            ("d", Doubles(1, 0.1, 1e7, 1.5e-5, -2.5, null, 123456.789)),
            ("i", Ints(1, -2, 0, int.MinValue, 5, null, 7)),
            ("b", Bools(true, false, null, true, false, true, false)));
        Assert.Equal(new object?[] { "1.0", "0.1", "1.0E7", "1.5E-5", "-2.5", null, "123456.789" }, Evaluate(Col("d").Cast("string"), batch));
        Assert.Equal(new object?[] { "1", "-2", "0", "-2147483648", "5", null, "7" }, Evaluate(Col("i").Cast("string"), batch));
        Assert.Equal(new object?[] { "true", "false", null, "true", "false", "true", "false" }, Evaluate(Col("b").Cast("string"), batch));
    }

    [Fact]
    public void StringToDateAndBack()
    {
        var batch = Make(("s", Strings("2024-03-15", "2024-3-5", "2024-03-15 10:11:12", "nope", null)));
        Assert.Equal(
            new object?[] { new DateOnly(2024, 3, 15), new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 15), null, null },
            Evaluate(Col("s").Cast("date"), batch));
        Assert.Equal(new object?[] { "2024-03-15", "2024-03-05", "2024-03-15", null, null }, Evaluate(Col("s").Cast("date").Cast("string"), batch));
    }

    [Fact]
    public void StringToBoolean()
    {
        var batch = Make(("s", Strings("true", "F", "yes", "0", "maybe", null)));
        Assert.Equal(new object?[] { true, false, true, false, null, null }, Evaluate(Col("s").Cast("boolean"), batch));
    }

    [Fact]
    public void DateToTimestampAndBack()
    {
        var batch = Make(("d", Dates(new DateOnly(1960, 1, 2), new DateOnly(2024, 6, 30), null)));
        Assert.Equal(
            new object?[] { new DateTime(1960, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 6, 30, 0, 0, 0, DateTimeKind.Utc), null },
            Evaluate(Col("d").Cast("timestamp"), batch));
        Assert.Equal(new object?[] { new DateOnly(1960, 1, 2), new DateOnly(2024, 6, 30), null }, Evaluate(Col("d").Cast("timestamp").Cast("date"), batch));
    }

    [Fact]
    public void ImpossibleCast_IsAnalysisError_AndUnknownTypeNameIsFormatError()
    {
        var batch = Make(("d", Dates(new DateOnly(2020, 1, 1))));
        Assert.Throws<AnalysisException>(() => Evaluate(Col("d").Cast("int"), batch));
        Assert.Throws<FormatException>(() => Col("d").Cast("integerz"));
        Assert.Equal("CAST(d AS INT)", Col("d").Cast("int").ToString());
    }
}
