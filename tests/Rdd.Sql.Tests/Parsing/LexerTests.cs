using Rdd.Sql.Parsing;

namespace Rdd.Sql.Tests.Parsing;

public sealed class LexerTests
{
    private static List<Token> Lex(string text) => Lexer.Tokenize(text);

    [Fact]
    public void TokensCarryKindTextAndOneBasedPositions()
    {
        var tokens = Lex("a.b >= 10\n  AND `x y` <> 'it''s'");
        Assert.Equal(
            [
                (TokenKind.Identifier, "a", 1, 1), (TokenKind.Dot, ".", 1, 2), (TokenKind.Identifier, "b", 1, 3),
                (TokenKind.GreaterOrEqual, ">=", 1, 5), (TokenKind.IntegerLiteral, "10", 1, 8),
                (TokenKind.Identifier, "AND", 2, 3), (TokenKind.QuotedIdentifier, "x y", 2, 7),
                (TokenKind.NotEqual, "<>", 2, 13), (TokenKind.StringLiteral, "it's", 2, 16), (TokenKind.EndOfInput, "", 2, 23),
            ],
            tokens.Select(t => (t.Kind, t.Kind is TokenKind.QuotedIdentifier or TokenKind.StringLiteral ? t.Value : t.Text, t.Line, t.Column)));
    }

    [Fact]
    public void AllOperators()
    {
        Assert.Equal(
            [
                TokenKind.Plus, TokenKind.Minus, TokenKind.Star, TokenKind.Slash, TokenKind.Percent, TokenKind.Equal, TokenKind.Equal,
                TokenKind.NotEqual, TokenKind.NotEqual, TokenKind.Less, TokenKind.LessOrEqual, TokenKind.Greater,
                TokenKind.GreaterOrEqual, TokenKind.NullSafeEqual, TokenKind.Bang, TokenKind.LeftParen, TokenKind.RightParen,
                TokenKind.Comma, TokenKind.Semicolon, TokenKind.EndOfInput,
            ],
            Lex("+ - * / % = == != <> < <= > >= <=> ! ( ) , ;").Select(t => t.Kind));
    }

    [Theory]
    [InlineData("42", "IntegerLiteral", "42")]
    [InlineData("42L", "IntegerLiteral", "42")]
    [InlineData("7s", "IntegerLiteral", "7")]
    [InlineData("7Y", "IntegerLiteral", "7")]
    [InlineData("1.5", "DecimalLiteral", "1.5")]
    [InlineData(".5", "DecimalLiteral", ".5")]
    [InlineData("1.", "DecimalLiteral", "1.")]
    [InlineData("1e3", "DecimalLiteral", "1e3")]
    [InlineData("2.5E-3", "DecimalLiteral", "2.5E-3")]
    [InlineData("2D", "DecimalLiteral", "2")]
    [InlineData("2BD", "DecimalLiteral", "2")]
    public void Numbers(string text, string kind, string value)
    {
        var token = Assert.Single(Lex(text), t => t.Kind != TokenKind.EndOfInput);
        Assert.Equal((kind, value, text), (token.Kind.ToString(), token.Value, token.Text));
    }

    [Theory]
    [InlineData(@"'a\nb'", "a\nb")]
    [InlineData(@"'tab\there'", "tab\there")]
    [InlineData(@"'q\'q'", "q'q")]
    [InlineData(@"'back\\slash'", @"back\slash")]
    [InlineData(@"'50\%'", @"50\%")]
    [InlineData("'it''s'", "it's")]
    [InlineData("\"double\"", "double")]
    [InlineData("''", "")]
    public void StringEscapes(string text, string value) =>
        Assert.Equal(value, Lex(text)[0].Value);

    [Fact]
    public void BackquotedIdentifiersAllowSpacesAndDoubledBackquotes()
    {
        var tokens = Lex("`a b` `x``y`");
        Assert.Equal(["a b", "x`y"], tokens.Take(2).Select(t => t.Value));
        Assert.All(tokens.Take(2), t => Assert.Equal(TokenKind.QuotedIdentifier, t.Kind));
    }

    [Fact]
    public void CommentsAreSkippedAndLinesCounted()
    {
        var tokens = Lex("a -- comment\n/* block\n /* nested */ */ b");
        Assert.Equal([("a", 1, 1), ("b", 3, 18), ("", 3, 19)], tokens.Select(t => (t.Text, t.Line, t.Column)));
    }

    [Fact]
    public void DotAfterNameIsQualifierNotNumber()
    {
        Assert.Equal([TokenKind.Identifier, TokenKind.Dot, TokenKind.Identifier, TokenKind.EndOfInput], Lex("t.c1").Select(t => t.Kind));
        Assert.Equal(TokenKind.DecimalLiteral, Lex("x + .5")[2].Kind);
    }

    [Theory]
    [InlineData("'abc", 1, 1)]
    [InlineData("a +\n  `xy", 2, 3)]
    [InlineData("a /* never closed", 1, 3)]
    [InlineData("a # b", 1, 3)]
    public void LexicalErrorsReportPosition(string text, int line, int column)
    {
        var e = Assert.Throws<ParseException>(() => Lex(text));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"(line {line}, pos {column - 1}", e.Message);
    }
}
