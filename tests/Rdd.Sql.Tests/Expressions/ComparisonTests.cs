using Rdd.Sql.Types;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class ComparisonTests
{
    private static readonly double?[] s_x = [1, 2, null, 4, -1, 0, 3.5, double.MaxValue, 9, null];
    private static readonly double?[] s_y = [1, 3, 5, null, -2, 0, 3.5, 1, 10, null];

    public static TheoryData<string> Operators => ["=", "!=", "<", "<=", ">", ">="];

    private static Column Build(string op, Column left, object right) => op switch
    {
        "=" => left == right,
        "!=" => left != right,
        "<" => left < right,
        "<=" => left <= right,
        ">" => left > right,
        _ => left >= right,
    };

    private static bool Apply<T>(string op, T x, T y) where T : IComparable<T>
    {
        int c = x.CompareTo(y);
        return op switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public void Numbers_NullInNullOut(string op)
    {
        var batch = Make(("x", Doubles(s_x)), ("y", Doubles(s_y)));
        var expected = s_x.Zip(s_y, (a, b) => a is null || b is null ? null : (object)Apply(op, a.Value, b.Value)).ToArray();
        Assert.Equal(expected, Evaluate(Build(op, Col("x"), Col("y")), batch));
        var sliced = batch.Slice(3, 6);
        Assert.Equal(expected.Skip(3).Take(6).ToArray(), Evaluate(Build(op, Col("x"), Col("y")), sliced));
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public void Strings_CompareOrdinallyByUtf8(string op)
    {
        string?[] x = ["a", "b", "", null, "é", "Z", "abc", "ab"];
        string?[] y = ["a", "a", "a", "a", "z", "a", "abd", "abc"];
        var batch = Make(("x", Strings(x)), ("y", Strings(y)));
        var expected = x.Zip(y, (a, b) => a is null || b is null ? null : (object)Apply(op, string.CompareOrdinal(a, b), 0)).ToArray();
        Assert.Equal(expected, Evaluate(Build(op, Col("x"), Col("y")), batch));
        var literal = x.Select(a => a is null ? null : (object)Apply(op, string.CompareOrdinal(a, "ab"), 0)).ToArray();
        Assert.Equal(literal, Evaluate(Build(op, Col("x"), "ab"), batch));
    }

    [Fact]
    public void IntAgainstLiteral_BothSides()
    {
        var batch = Make(("a", Ints(1, 5, null, 10)));
        Assert.Equal(new object?[] { false, false, null, true }, Evaluate(Col("a") > 5, batch));
        Assert.Equal(new object?[] { true, false, null, false }, Evaluate(5 > Col("a"), batch));
        Assert.Equal(new object?[] { false, true, null, false }, Evaluate(Col("a").EqualTo(5L), batch));
        Assert.All(Evaluate(Col("a") == Lit(null), batch), v => Assert.Null(v));
    }

    [Fact]
    public void StringAgainstNumber_ComparesAsDouble()
    {
        var batch = Make(("s", Strings("10", "9", "x", null)), ("n", Ints(9, 9, 9, 9)));
        Assert.Equal(new object?[] { true, false, null, null }, Evaluate(Col("s") > Col("n"), batch));
        Assert.Equal(new object?[] { false, true, null, null }, Evaluate(Col("s") == 9, batch));
    }

    [Fact]
    public void DateAgainstStringLiteral_CastsTheStringToDate()
    {
        var batch = Make(("d", Dates(new DateOnly(2024, 1, 31), new DateOnly(2024, 2, 1), null)));
        var column = Col("d") >= "2024-02-01";
        var bound = column.Expression.Bind(SchemaOf(batch));
        var comparison = Assert.IsType<Rdd.Sql.Expressions.Comparison>(bound);
        Assert.Equal(DataTypes.Date, comparison.Right.DataType);
        Assert.IsType<Rdd.Sql.Expressions.Literal>(comparison.Right);
        Assert.Equal(new object?[] { false, true, null }, Evaluate(column, batch));
    }

    [Fact]
    public void Booleans_Compare()
    {
        var batch = Make(("a", Bools(true, false, null, true)), ("b", Bools(true, true, true, false)));
        Assert.Equal(new object?[] { true, false, null, false }, Evaluate(Col("a") == Col("b"), batch));
        Assert.Equal(new object?[] { false, true, null, false }, Evaluate(Col("a") < Col("b"), batch));
    }

    [Fact]
    public void IncompatibleTypes_AreAnalysisErrors()
    {
        var batch = Make(("b", Bools(true)), ("d", Dates(new DateOnly(2020, 1, 1))));
        Assert.Throws<AnalysisException>(() => Evaluate(Col("b") == Col("d"), batch));
    }
}
