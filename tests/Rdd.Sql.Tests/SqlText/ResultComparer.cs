using System.Globalization;
using System.Numerics;

namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// Compares Rdd's rows with DuckDB's: numbers by value (integers of any width, decimals and doubles alike; doubles
/// within a relative 1e-9), dates by day, strings and booleans exactly, NULL only with NULL; rows in order when the
/// query orders them, otherwise as multisets (both sides sorted by a canonical text of each row).
/// </summary>
public static class ResultComparer
{
    /// <summary>Null when the results agree, else a description of the first difference.</summary>
    public static string? Difference(IReadOnlyList<object?[]> actual, IReadOnlyList<object?[]> expected, bool ordered)
    {
        if (actual.Count != expected.Count)
        {
            return $"row count {actual.Count}, expected {expected.Count}\nactual:   {Show(actual)}\nexpected: {Show(expected)}";
        }
        var a = ordered ? actual : [.. actual.OrderBy(Key, StringComparer.Ordinal)];
        var e = ordered ? expected : [.. expected.OrderBy(Key, StringComparer.Ordinal)];
        for (int r = 0; r < a.Count; r++)
        {
            if (a[r].Length != e[r].Length)
            {
                return $"row {r}: {a[r].Length} columns, expected {e[r].Length}";
            }
            for (int c = 0; c < a[r].Length; c++)
            {
                if (!ValueEquals(a[r][c], e[r][c]))
                {
                    return $"row {r} column {c}: {Format(a[r][c])}, expected {Format(e[r][c])}\nactual row:   {Format(a[r])}\nexpected row: {Format(e[r])}";
                }
            }
        }
        return null;
    }

    private static string Show(IReadOnlyList<object?[]> rows) => string.Join(" | ", rows.Take(8).Select(Format));

    private static string Format(object?[] row) => "(" + string.Join(", ", row.Select(Format)) + ")";

    private static string Format(object? value) => value is null ? "NULL" : $"{Canonical(value)}:{value.GetType().Name}";

    /// <summary>The sort key of a row: numbers rounded to 9 significant digits, so tiny double differences sort alike.</summary>
    private static string Key(object?[] row) => string.Join("\u0001", row.Select(v => v is null ? "\u0000" : Canonical(v)));

    private static string Canonical(object value) => ToDouble(value) is { } d
        ? d.ToString("G9", CultureInfo.InvariantCulture)
        : value switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime { TimeOfDay.Ticks: 0 } day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };

    private static double? ToDouble(object value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        float f => f,
        double d => d,
        decimal m => (double)m,
        BigInteger b => (double)b,
        Int128 i => (double)i,
        UInt128 u => (double)u,
        _ => null,
    };

    private static bool ValueEquals(object? actual, object? expected)
    {
        if (actual is null || expected is null)
        {
            return actual is null && expected is null;
        }
        if (ToDouble(actual) is { } a && ToDouble(expected) is { } e)
        {
            return a == e || (double.IsNaN(a) && double.IsNaN(e)) || Math.Abs(a - e) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(e));
        }
        return Canonical(actual) == Canonical(expected);
    }
}
