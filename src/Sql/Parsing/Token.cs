namespace Rdd.Sql.Parsing;

/// <summary>
/// One SQL token. <paramref name="Text"/> is the source text; <paramref name="Value"/> the decoded value (name
/// of an identifier without quotes, unescaped string, digits of a number without suffix). <paramref name="Offset"/>
/// is 0-based in the whole text; <paramref name="Line"/> and <paramref name="Column"/> are 1-based.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, string Value, int Offset, int Line, int Column)
{
    /// <summary>True for a bare identifier spelled <paramref name="keyword"/> (case-insensitive).</summary>
    public bool IsKeyword(string keyword) =>
        Kind == TokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Kind} '{Text}' @{Line}:{Column}";
}
