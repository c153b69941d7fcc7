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
    /// Spark's <c>UNRESOLVED_COLUMN</c> error: names <paramref name="name"/> and suggests the <see cref="Nearest"/> of
    /// <paramref name="available"/>.
    /// </summary>
    internal static AnalysisException UnresolvedColumn(string name, IEnumerable<string> available, (int Line, int Column)? position = null) =>
        new($"[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `{name}` cannot be resolved. "
            + $"Did you mean one of the following? [{string.Join(", ", Nearest(name, available).Select(n => $"`{n}`"))}]"
            + (position is { } p ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; line {p.Line} pos {p.Column - 1}.") : "."));

    /// <summary>
    /// Spark's suggestion list: the (at most five) <paramref name="candidates"/> nearest to <paramref name="name"/>
    /// by edit distance, case-insensitively, nearest first (ties keep the candidates' order).
    /// </summary>
    internal static IReadOnlyList<string> Nearest(string name, IEnumerable<string> candidates, int count = 5) =>
        [.. candidates.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select((c, i) => (Name: c, Index: i, Distance: EditDistance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Index)
            .Take(count)
            .Select(c => c.Name)];

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
