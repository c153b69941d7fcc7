using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// Integers as Java's <c>Integer.parseInt</c> reads them (what Spark's CSV reader uses): optional sign, decimal
/// digits, nothing else (no spaces, no thousands separators); out-of-range values fail.
/// </summary>
internal readonly struct IntegerParser<T> : IValueParser<T> where T : IBinaryInteger<T>
{
    public bool TryParse(ReadOnlySpan<byte> text, out T value)
    {
        if (typeof(T) == typeof(int))
        {
            bool ok = Utf8Parser.TryParse(text, out int parsed, out int consumed) && consumed == text.Length;
            value = T.CreateTruncating(parsed);
            return ok;
        }
        if (typeof(T) == typeof(long))
        {
            bool ok = Utf8Parser.TryParse(text, out long parsed, out int consumed) && consumed == text.Length;
            value = T.CreateTruncating(parsed);
            return ok;
        }
        return T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value!);
    }
}

/// <summary>
/// Floating-point numbers as Spark's CSV reader accepts them: decimal or exponent notation, plus
/// <c>NaN</c>, <c>Inf</c>/<c>-Inf</c> (Spark's defaults) and <c>Infinity</c>/<c>-Infinity</c> (Java's spelling).
/// Doubles with at most 15 significant digits and a small exponent, the common case in data files, take
/// Clinger's fast path (exact, so correctly rounded); the rest go to the runtime's parser.
/// </summary>
internal readonly struct FloatingParser<T> : IValueParser<T> where T : IBinaryFloatingPointIeee754<T>
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public bool TryParse(ReadOnlySpan<byte> text, out T value)
    {
        if (typeof(T) == typeof(double))
        {
            if (FastDouble.TryParse(text, out double fast)
                || (Utf8Parser.TryParse(text, out fast, out int consumed) && consumed == text.Length && text.Length > 0))
            {
                value = T.CreateTruncating(fast);
                return true;
            }
        }
        if (T.TryParse(text, Style, CultureInfo.InvariantCulture, out value!))
        {
            return true;
        }
        return TryParseSpecial(text, out value);
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> text, out T value)
    {
        value = text switch
        {
            _ when text.SequenceEqual("NaN"u8) => T.NaN,
            _ when text.SequenceEqual("Inf"u8) || text.SequenceEqual("+Inf"u8) || text.SequenceEqual("Infinity"u8) || text.SequenceEqual("+Infinity"u8) => T.PositiveInfinity,
            _ when text.SequenceEqual("-Inf"u8) || text.SequenceEqual("-Infinity"u8) => T.NegativeInfinity,
            _ => T.Zero,
        };
        return !T.IsZero(value);
    }
}

/// <summary><c>true</c> or <c>false</c>, ignoring ASCII case (Scala's <c>String.toBoolean</c>).</summary>
internal readonly struct BooleanParser : IValueParser<bool>
{
    public bool TryParse(ReadOnlySpan<byte> text, out bool value)
    {
        if (Ascii.EqualsIgnoreCase(text, "true"u8))
        {
            value = true;
            return true;
        }
        value = false;
        return Ascii.EqualsIgnoreCase(text, "false"u8);
    }
}

/// <summary>Dates as days since 1970-01-01 through a <see cref="DateFormat"/>.</summary>
/// <summary>
/// A decimal number (<c>-12.50</c>, <c>1e3</c>) as the 128-bit unscaled value of <paramref name="type"/>, rounded
/// HALF_UP to its scale; text that needs more digits than its precision does not parse (a malformed value, as Spark).
/// </summary>
internal readonly struct DecimalParser(DecimalType type) : IValueParser<Int128>
{
    public bool TryParse(ReadOnlySpan<byte> text, out Int128 value)
    {
        value = default;
        if (text.Length > 256)
        {
            return false;
        }
        Span<char> chars = stackalloc char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }
        return DecimalValues.TryParse(chars, type.Precision, type.Scale, out value);
    }
}

internal readonly struct DateParser(DateFormat format) : IValueParser<int>
{
    public bool TryParse(ReadOnlySpan<byte> text, out int value) => format.TryParse(text, out value);
}

/// <summary>Timestamps as microseconds since the epoch through a <see cref="TimestampFormat"/>.</summary>
internal readonly struct TimestampParser(TimestampFormat format) : IValueParser<long>
{
    public bool TryParse(ReadOnlySpan<byte> text, out long value) => format.TryParse(text, out value);
}
