using System.Globalization;
using System.Numerics;

namespace Rdd.Benchmarks.Tpch;

/// <summary>
/// Compares two engines' answers to a TPC-H query, in the order the query's ORDER BY gives: the row count, then every
/// value - numbers of any type by value (doubles within a relative <see cref="Tolerance"/>, since the engines sum in
/// different orders), dates by day, strings exactly, NULL only with NULL.
/// </summary>
internal static class TpchComparison
{
    public const double Tolerance = 1e-6;

    /// <summary>Null when the answers agree, else the first difference.</summary>
    public static string? Difference(IReadOnlyList<object?[]> actual, IReadOnlyList<object?[]> expected)
    {
        if (actual.Count != expected.Count) return $"{actual.Count} rows, expected {expected.Count}";
        for (int r = 0; r < actual.Count; r++)
        {
            if (actual[r].Length != expected[r].Length) return $"row {r}: {actual[r].Length} columns, expected {expected[r].Length}";
            for (int c = 0; c < actual[r].Length; c++)
                if (!ValueEquals(actual[r][c], expected[r][c]))
                    return $"row {r} column {c}: {Text(actual[r][c])}, expected {Text(expected[r][c])}";
        }
        return null;
    }

    private static bool ValueEquals(object? a, object? e)
    {
        if (a is null || e is null) return a is null && e is null;
        if (Number(a) is { } x && Number(e) is { } y)
            return x == y || Math.Abs(x - y) <= Tolerance * Math.Max(Math.Abs(x), Math.Abs(y));
        return Text(a) == Text(e);
    }

    private static double? Number(object value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        float f => f,
        double d => d,
        decimal m => (double)m,
        BigInteger b => (double)b,
        Int128 i => (double)i,
        _ => null,
    };

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
