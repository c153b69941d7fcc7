using System.Globalization;

namespace Rdd.Sql.Show;

/// <summary>
/// Spark's text for a single value (<c>show</c>, <c>Row.ToString</c>): invariant culture, <c>null</c> for NULL,
/// decimals with their scale (<c>1.50</c>), arrays as <c>[1, 2, null]</c> and structs as <c>{1, a}</c> (Spark's cast
/// of nested values to string).
/// </summary>
internal static class ValueFormatter
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => FormatDouble(d),
        float f => FormatFloat(f),
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => FormatTimestamp(t),
        byte[] bytes => "[" + string.Join(" ", bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) + "]",
        Row row => "{" + string.Join(", ", row.Values.Select(Format)) + "}",
        object?[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        return JavaStyle(d.ToString("R", CultureInfo.InvariantCulture), Math.Abs(d));
    }

    private static string FormatFloat(float f)
    {
        if (float.IsNaN(f)) return "NaN";
        if (float.IsInfinity(f)) return f > 0 ? "Infinity" : "-Infinity";
        return JavaStyle(f.ToString("R", CultureInfo.InvariantCulture), Math.Abs(f));
    }

    /// <summary>
    /// Java's <c>Double.toString</c> from .NET's shortest round-trip text: plain decimal with at least one
    /// fractional digit for 10^-3 &lt;= |x| &lt; 10^7 (<c>1.0</c>, <c>0.001</c>), else computerized scientific
    /// notation (<c>1.0E7</c>, <c>1.5E-4</c>).
    /// </summary>
    private static string JavaStyle(string shortest, double magnitude)
    {
        bool negative = shortest.StartsWith('-');
        string body = negative ? shortest[1..] : shortest;
        int exponent = 0;
        int e = body.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }
        int dot = body.IndexOf('.');
        string intPart = dot < 0 ? body : body[..dot];
        string fracPart = dot < 0 ? "" : body[(dot + 1)..];
        string digits = intPart + fracPart;
        int pointPosition = intPart.Length + exponent;   // the decimal point sits after this many digits of `digits`
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leading;
        if (digits.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }
        string sign = negative ? "-" : "";
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            string whole = pointPosition <= 0 ? "0" : digits.PadRight(pointPosition, '0')[..pointPosition];
            string fraction = pointPosition <= 0
                ? new string('0', -pointPosition) + digits
                : pointPosition < digits.Length ? digits[pointPosition..] : "";
            return sign + whole + "." + (fraction.Length == 0 ? "0" : fraction);
        }
        string mantissaFraction = digits.Length > 1 ? digits[1..] : "0";
        return sign + digits[0] + "." + mantissaFraction + "E" + (pointPosition - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string FormatTimestamp(DateTime t)
    {
        string text = t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        long fraction = t.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text += "." + (fraction / 10).ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        }
        return text;
    }
}
