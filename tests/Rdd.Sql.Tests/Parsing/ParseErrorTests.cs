using Rdd.Sql.Parsing;

namespace Rdd.Sql.Tests.Parsing;

public sealed class ParseErrorTests
{
    private static ParseException Fail(string text) =>
        Assert.Throws<ParseException>(() => ExpressionParser.ParseExpression(text));

    [Theory]
    [InlineData("a >\n  AND b", 2, 3, "'AND'")]
    [InlineData("a = 1\nb = 2", 2, 1, "'b'")]
    [InlineData("upper(a\n, b", 2, 4, "end of input")]
    [InlineData("a +", 1, 4, "end of input")]
    [InlineData("a IN 1", 1, 6, "'1'")]
    [InlineData("CASE END", 1, 6, "'END'")]
    [InlineData("CASE WHEN a THEN 1", 1, 19, "end of input")]
    [InlineData("(a + 1", 1, 7, "end of input")]
    [InlineData("a IS 1", 1, 6, "'1'")]
    [InlineData("x BETWEEN 1 OR 2", 1, 13, "'OR'")]
    [InlineData("a LIKE b", 1, 8, "'b'")]
    [InlineData("1 2", 1, 3, "'2'")]
    [InlineData(")", 1, 1, "')'")]
    public void SyntaxErrorsGiveLineAndColumn(string text, int line, int column, string near)
    {
        var e = Fail(text);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"[PARSE_SYNTAX_ERROR] Syntax error at or near {near}", e.Message);
        Assert.Contains($"(line {line}, pos {column - 1}; 1-based column {column})", e.Message);
    }

    [Fact]
    public void MessageShowsTheTextWithACaret()
    {
        var e = Fail("a = 1\n  AND AND b");
        Assert.Equal((2, 7), (e.Line, e.Column));
        Assert.Contains("== SQL ==\na = 1\n  AND AND b\n------^^^", e.Message);
    }

    [Fact]
    public void UnknownCastTypeIsAParseError()
    {
        var e = Fail("CAST(a AS\n  widget)");
        Assert.Equal((2, 3), (e.Line, e.Column));
        Assert.Contains("UNSUPPORTED_DATATYPE", e.Message);
    }

    [Fact]
    public void OutOfRangeSuffixedLiteral() =>
        Assert.Contains("INVALID_NUMERIC_LITERAL_RANGE", Fail("300Y").Message);

    [Fact]
    public void BareAliasIsRejectedWhereOnlyAnExpressionIsAllowed() =>
        Assert.Equal(3, Fail("a b").Column);
}
