namespace Rdd.Sql;

/// <summary>
/// SQL text that is not well formed: an unexpected token, an unterminated string or comment, an unknown data
/// type in <c>CAST</c>. Spark's <c>ParseException</c>. The message follows Spark
/// (<c>[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. (line 1, pos 7)</c>, where <c>pos</c> is Spark's
/// 0-based position in the line); <see cref="Line"/> and <see cref="Column"/> are both 1-based.
/// </summary>
public sealed class ParseException : Exception
{
    /// <summary>An exception with no message and no position.</summary>
    public ParseException()
    {
    }

    /// <summary>An exception with <paramref name="message"/> and no position.</summary>
    /// <param name="message">What is wrong with the text.</param>
    public ParseException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What is wrong with the text.</param>
    /// <param name="innerException">The underlying error.</param>
    public ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception at <paramref name="line"/> and <paramref name="column"/> (both 1-based).</summary>
    /// <param name="message">The full message, including the position.</param>
    /// <param name="line">1-based line of the offending token.</param>
    /// <param name="column">1-based column of the offending token.</param>
    public ParseException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the offending token (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token within its line (0 when unknown). Spark's <c>pos</c> is this minus 1.</summary>
    public int Column { get; }
}
