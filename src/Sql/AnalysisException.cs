namespace Rdd.Sql;

/// <summary>
/// A query or expression that is well formed but cannot be resolved: an unknown column, an ambiguous name, an
/// operator applied to types it does not accept. Spark's <c>AnalysisException</c>.
/// </summary>
public sealed class AnalysisException : Exception
{
    /// <summary>An exception with no message.</summary>
    public AnalysisException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    /// <param name="message">What could not be resolved, naming the column or types involved.</param>
    public AnalysisException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What could not be resolved.</param>
    /// <param name="innerException">The underlying error.</param>
    public AnalysisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Spark's <c>UNRESOLVED_COLUMN</c> error: names <paramref name="name"/> and lists <paramref name="available"/>.
    /// </summary>
    internal static AnalysisException UnresolvedColumn(string name, IEnumerable<string> available) =>
        new($"[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `{name}` cannot be resolved. "
            + $"Did you mean one of the following? [{string.Join(", ", available.Select(n => $"`{n}`"))}].");
}
