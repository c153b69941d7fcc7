namespace Rdd.Sql.Parsing.Ast;

/// <summary>Where a syntax node starts in the SQL text: 1-based line and column (Spark reports <c>pos</c> = column − 1).</summary>
internal readonly record struct TextPosition(int Line, int Column)
{
    public static TextPosition Of(Token token) => new(token.Line, token.Column);

    /// <summary>Spark's suffix for analysis errors: <c>; line 1 pos 14</c>.</summary>
    public override string ToString() => $"line {Line} pos {Column - 1}";
}
