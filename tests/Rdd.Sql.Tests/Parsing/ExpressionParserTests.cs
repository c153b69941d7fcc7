using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Parsing;

public sealed class ExpressionParserTests
{
    private static Expression Parse(string text) => ExpressionParser.ParseExpression(text);

    private static string Show(string text) => Parse(text).ToString()!;

    [Theory]
    [InlineData("1 + 2 * 3", "(1 + (2 * 3))")]
    [InlineData("(1 + 2) * 3", "((1 + 2) * 3)")]
    [InlineData("1 - 2 - 3", "((1 - 2) - 3)")]
    [InlineData("a / b % c", "((a / b) % c)")]
    [InlineData("NOT a = 1 AND b", "((NOT (a = 1)) AND b)")]
    [InlineData("a OR b AND c", "(a OR (b AND c))")]
    [InlineData("a AND b OR c", "((a AND b) OR c)")]
    [InlineData("NOT NOT a", "(NOT (NOT a))")]
    [InlineData("!a", "(NOT a)")]
    [InlineData("a + 1 > b * 2", "((a + 1) > (b * 2))")]
    [InlineData("- a * b", "((0 - a) * b)")]
    [InlineData("a == 1 or a != 2 or a <> 3", "(((a = 1) OR (a != 2)) OR (a != 3))")]
    public void Precedence(string text, string expected) => Assert.Equal(expected, Show(text));

    [Theory]
    [InlineData("a < 1", "LessThan")]
    [InlineData("a <= 1", "LessThanOrEqual")]
    [InlineData("a > 1", "GreaterThan")]
    [InlineData("a >= 1", "GreaterThanOrEqual")]
    [InlineData("a = 1", "Equal")]
    [InlineData("a == 1", "Equal")]
    [InlineData("a != 1", "NotEqual")]
    [InlineData("a <> 1", "NotEqual")]
    public void Comparisons(string text, string op) =>
        Assert.Equal(op, Assert.IsType<Comparison>(Parse(text)).Operator.ToString());

    [Theory]
    [InlineData("1", 1, typeof(IntegerType))]
    [InlineData("2147483647", 2147483647, typeof(IntegerType))]
    [InlineData("-2147483648", -2147483648, typeof(IntegerType))]
    [InlineData("2147483648", 2147483648L, typeof(LongType))]
    [InlineData("5L", 5L, typeof(LongType))]
    [InlineData("5S", (short)5, typeof(ShortType))]
    [InlineData("5Y", (sbyte)5, typeof(ByteType))]
    [InlineData("1.5D", 1.5, typeof(DoubleType))]
    [InlineData("-1.5e0", -1.5, typeof(DoubleType))]
    [InlineData("1e3", 1000.0, typeof(DoubleType))]
    [InlineData("2D", 2.0, typeof(DoubleType))]
    [InlineData("2.5F", 2.5f, typeof(FloatType))]
    [InlineData("'x'", "x", typeof(StringType))]
    [InlineData("'a' 'b'", "ab", typeof(StringType))]
    [InlineData("TRUE", true, typeof(BooleanType))]
    [InlineData("false", false, typeof(BooleanType))]
    [InlineData("null", null, typeof(NullType))]
    public void Literals(string text, object? value, Type type)
    {
        var literal = Assert.IsType<Literal>(Parse(text));
        Assert.Equal(value, literal.Value);
        Assert.IsType(type, literal.DataType);
    }

    [Theory]
    [InlineData("1.5", "1.5", 2, 1)]
    [InlineData("-1.5", "-1.5", 2, 1)]
    [InlineData("1.50", "1.50", 3, 2)]
    [InlineData("0.05", "0.05", 2, 2)]
    [InlineData(".5", "0.5", 1, 1)]
    [InlineData("100.", "100", 3, 0)]
    [InlineData("1.5BD", "1.5", 2, 1)]
    [InlineData("7BD", "7", 1, 0)]
    [InlineData("99999999999999999999", "99999999999999999999", 20, 0)]
    public void DecimalLiterals_AreTypedAsSpark(string text, string value, int precision, int scale)
    {
        var literal = Assert.IsType<Literal>(Parse(text));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), literal.Value);
        Assert.Equal(new DecimalType(precision, scale), literal.DataType);
    }

    [Fact]
    public void DecimalLiteral_BeyondTheDigitsHeld_Fails()
    {
        var error = Assert.Throws<ParseException>(() => Parse("1.23456789012345678901234567890"));
        Assert.Contains("INVALID_NUMERIC_LITERAL_RANGE", error.Message);
    }

    [Fact]
    public void Subscript_IsA0BasedArrayItem_ThatFieldsAndCastsFollow()
    {
        var field = Assert.IsType<GetStructField>(Parse("a[i + 1].b"));
        Assert.Equal("b", field.FieldName);
        var item = Assert.IsType<GetArrayItem>(field.Child);
        Assert.False(item.OneBased);
        Assert.IsType<Arithmetic>(item.Index);
        var cast = Assert.IsType<Cast>(Parse("a[0]::string"));
        Assert.IsType<GetArrayItem>(cast.Child);
    }

    [Fact]
    public void DateLiteral() =>
        Assert.Equal(new DateOnly(2024, 2, 29), Assert.IsType<Literal>(Parse("DATE '2024-02-29'")).Value);

    [Fact]
    public void ColumnReferences()
    {
        var plain = Assert.IsType<ColumnReference>(Parse("age"));
        Assert.Equal(("age", null), (plain.Name, plain.Qualifier));
        var qualified = Assert.IsType<ColumnReference>(Parse("t.col"));
        Assert.Equal(("col", "t"), (qualified.Name, qualified.Qualifier));
        var quoted = Assert.IsType<ColumnReference>(Parse("`first name`"));
        Assert.Equal("first name", quoted.Name);
        var keywordQuoted = Assert.IsType<ColumnReference>(Parse("`select`"));
        Assert.Equal("select", keywordQuoted.Name);
    }

    [Theory]
    [InlineData("a IS NULL", "(a IS NULL)")]
    [InlineData("a is not null", "(a IS NOT NULL)")]
    [InlineData("a IN (1, 2, 3)", "(a IN (1, 2, 3))")]
    [InlineData("a NOT IN (1, b)", "(NOT (a IN (1, b)))")]
    [InlineData("a BETWEEN 1 AND 2 + 3", "((a >= 1) AND (a <= (2 + 3)))")]
    [InlineData("a NOT BETWEEN 1 AND 2 AND b", "((NOT ((a >= 1) AND (a <= 2))) AND b)")]
    [InlineData("name LIKE 'a%'", "name LIKE a%")]
    [InlineData("name NOT LIKE '_b'", "(NOT name LIKE _b)")]
    [InlineData("CAST(a AS bigint)", "CAST(a AS BIGINT)")]
    [InlineData("cast('1' as int) + 1", "(CAST(1 AS INT) + 1)")]
    [InlineData("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END", "CASE WHEN (a > 1) THEN x WHEN (a > 0) THEN y ELSE z END")]
    [InlineData("CASE a WHEN 1 THEN 'one' END", "CASE WHEN (a = 1) THEN one END")]
    [InlineData("coalesce(a, b, 0)", "coalesce(a, b, 0)")]
    public void Predicates(string text, string expected) => Assert.Equal(expected, Show(text));

    [Theory]
    [InlineData("UPPER(name)", "upper(name)")]
    [InlineData("lower(name)", "lower(name)")]
    [InlineData("length(name)", "length(name)")]
    [InlineData("trim(name)", "trim(name)")]
    [InlineData("concat(a, '-', b)", "concat(a, -, b)")]
    [InlineData("substring(name, 2, 3)", "substring(name, 2, 3)")]
    [InlineData("substr(name, -2, 1)", "substring(name, -2, 1)")]
    [InlineData("round(x)", "round(x, 0)")]
    [InlineData("round(x, 2)", "round(x, 2)")]
    [InlineData("abs(x)", "abs(x)")]
    [InlineData("sqrt(x)", "sqrt(x)")]
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("ln(x)", "ln(x)")]
    [InlineData("log(x)", "ln(x)")]
    [InlineData("log(2, x)", "(ln(x) / ln(2))")]
    [InlineData("pow(x, 2)", "POWER(x, 2)")]
    [InlineData("power(x, y)", "POWER(x, y)")]
    [InlineData("year(d)", "year(d)")]
    [InlineData("month(d)", "month(d)")]
    [InlineData("day(d)", "dayofmonth(d)")]
    [InlineData("DayOfMonth(d)", "dayofmonth(d)")]
    [InlineData("count(*)", "count(1)")]
    [InlineData("count(x)", "count(x)")]
    [InlineData("COUNT(DISTINCT x)", "count(DISTINCT x)")]
    [InlineData("sum(x)", "sum(x)")]
    [InlineData("avg(x)", "avg(x)")]
    [InlineData("mean(x)", "avg(x)")]
    [InlineData("min(x)", "min(x)")]
    [InlineData("max(x)", "max(x)")]
    [InlineData("stddev(x)", "stddev_samp(x)")]
    [InlineData("stddev_samp(x)", "stddev_samp(x)")]
    [InlineData("first(x)", "first(x)")]
    [InlineData("sum(x * 2) / count(*)", "(sum((x * 2)) / count(1))")]
    public void Functions(string text, string expected) => Assert.Equal(expected, Show(text));

    [Fact]
    public void FunctionsMatchColumnApiNodes()
    {
        Assert.Equal(Rdd.Sql.Functions.Upper(Rdd.Sql.Functions.Col("n")).ToString(), Show("upper(n)"));
        Assert.Equal(Rdd.Sql.Functions.CountDistinct("n").ToString(), Show("count(distinct n)"));
        Assert.Equal(Rdd.Sql.Functions.Count("*").ToString(), Show("count(*)"));
        Assert.Equal((Rdd.Sql.Functions.Col("a") + 1).ToString(), Show("a + 1"));
    }

    [Fact]
    public void UnknownFunctionIsAnAnalysisExceptionNamingIt()
    {
        var e = Assert.Throws<AnalysisException>(() => Parse("frobnicate(a)"));
        Assert.Contains("`frobnicate`", e.Message);
    }

    [Theory]
    [InlineData("upper(a, b)")]
    [InlineData("substring(a)")]
    [InlineData("sum(DISTINCT a)")]
    [InlineData("count()")]
    public void WrongFunctionArgumentsAreAnalysisExceptions(string text) =>
        Assert.Throws<AnalysisException>(() => Parse(text));

    [Theory]
    [InlineData("upper(name) AS n", "n")]
    [InlineData("upper(name) n", "n")]
    [InlineData("age + 1 AS `age plus one`", "age plus one")]
    [InlineData("a AS select", "select")]
    public void NamedExpressions(string text, string alias) =>
        Assert.Equal(alias, Assert.IsType<Alias>(ExpressionParser.ParseNamedExpression(text)).Name);

    [Fact]
    public void NamedExpressionWithoutAliasIsPlain() =>
        Assert.IsType<Arithmetic>(ExpressionParser.ParseNamedExpression("age + 1"));

    [Fact]
    public void ParserCanBeReusedOverATokenStream()
    {
        const string text = "a + 1 AS x, b FROM t";
        var parser = new ExpressionParser(text, Lexer.Tokenize(text));
        Assert.Equal("(a + 1) AS x", parser.ParseNamedExpression().ToString());
        Assert.True(parser.Match(TokenKind.Comma));
        Assert.Equal("b", parser.ParseNamedExpression().ToString());
        Assert.True(parser.CheckKeyword("from"));
    }

    [Theory]
    [InlineData("a", "a ASC NULLS FIRST")]
    [InlineData("a asc", "a ASC NULLS FIRST")]
    [InlineData("a DESC", "a DESC NULLS LAST")]
    [InlineData("a + 1 DESC NULLS FIRST", "(a + 1) DESC NULLS FIRST")]
    [InlineData("a ASC NULLS LAST", "a ASC NULLS LAST")]
    public void SortItems(string text, string expected)
    {
        var parser = new ExpressionParser(text, Lexer.Tokenize(text));
        Assert.Equal(expected, parser.ParseSortItem().ToString());
        parser.ExpectEnd();
    }

    [Fact]
    public void CommaSeparatedList()
    {
        const string text = "a, b + 1, c";
        var parser = new ExpressionParser(text, Lexer.Tokenize(text));
        Assert.Equal(["a", "(b + 1)", "c"], parser.ParseCommaSeparated(p => p.ParseExpression()).Select(e => e.ToString()));
    }
}
