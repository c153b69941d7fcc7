using System.Globalization;
using System.Numerics;

namespace Rdd.Sql.Types;

/// <summary>
/// Arithmetic on decimal values as the engine stores them, 128-bit unscaled integers (Arrow decimal128) whose
/// scale is in the column type: rescaling with Spark's HALF_UP rounding, the precision check that makes an
/// overflowing result null (Spark without ANSI mode), conversion to and from .NET <see cref="decimal"/>, text and
/// double. The 128-bit path covers every in-range operand; an intermediate result past 128 bits (a product of two
/// 20-digit values, a dividend scaled up by many digits) is computed once more with <see cref="BigInteger"/>.
/// </summary>
internal static class DecimalValues
{
    private static readonly Int128[] s_powers = Powers();

    /// <summary>The largest magnitude that can be multiplied by 10^i without leaving 128 bits (a table: Int128 division is slow).</summary>
    private static readonly Int128[] s_scaleLimits = [.. s_powers.Select(p => Int128.MaxValue / p)];

    private static Int128[] Powers()
    {
        var powers = new Int128[DecimalType.MaxPrecision + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    /// <summary>10 to the <paramref name="exponent"/> (0 … 38).</summary>
    public static Int128 Pow10(int exponent) => s_powers[exponent];

    /// <summary>Whether <paramref name="unscaled"/> has at most <paramref name="precision"/> digits.</summary>
    public static bool Fits(Int128 unscaled, int precision) => unscaled > -s_powers[precision] && unscaled < s_powers[precision];

    /// <summary>
    /// <paramref name="unscaled"/> at <paramref name="fromScale"/> re-expressed at <paramref name="toScale"/>
    /// (rounding HALF_UP when digits are dropped); false when the result has more than <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryRescale(Int128 unscaled, int fromScale, int toScale, int precision, out Int128 result)
    {
        if (toScale == fromScale)
        {
            result = unscaled;
        }
        else if (toScale > fromScale)
        {
            int up = toScale - fromScale;
            if (up > DecimalType.MaxPrecision || Int128.Abs(unscaled) > s_scaleLimits[up])
            {
                result = default;
                return false;
            }
            result = unscaled * s_powers[up];
        }
        else
        {
            int down = fromScale - toScale;
            result = down > DecimalType.MaxPrecision ? 0 : DivideHalfUp(unscaled, s_powers[down]);
        }
        return Fits(result, precision);
    }

    /// <summary><paramref name="dividend"/> / <paramref name="divisor"/> rounded HALF_UP (halves away from zero).</summary>
    public static Int128 DivideHalfUp(Int128 dividend, Int128 divisor)
    {
        var quotient = Int128.DivRem(dividend, divisor);
        if (quotient.Remainder == 0)
        {
            return quotient.Quotient;
        }
        // |remainder| * 2 >= |divisor| rounds away from zero; the doubling cannot overflow since |remainder| < |divisor|.
        var twice = Int128.Abs(quotient.Remainder);
        bool up = twice >= Int128.Abs(divisor) - twice;
        bool negative = (dividend < 0) != (divisor < 0);
        return up ? quotient.Quotient + (negative ? -1 : 1) : quotient.Quotient;
    }

    private static BigInteger DivideHalfUp(BigInteger dividend, BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(dividend, divisor, out var remainder);
        if (remainder.IsZero)
        {
            return quotient;
        }
        bool up = BigInteger.Abs(remainder) * 2 >= BigInteger.Abs(divisor);
        return up ? quotient + ((dividend.Sign < 0) != (divisor.Sign < 0) ? -1 : 1) : quotient;
    }

    /// <summary>a (scale <paramref name="scaleA"/>) ± b (scale <paramref name="scaleB"/>) at <paramref name="scale"/>; false on overflow.</summary>
    public static bool TryAdd(Int128 a, int scaleA, Int128 b, int scaleB, bool subtract, int precision, int scale, out Int128 result)
    {
        int common = Math.Max(scaleA, scaleB);
        if (TryRescale(a, scaleA, common, DecimalType.MaxPrecision, out var x) && TryRescale(b, scaleB, common, DecimalType.MaxPrecision, out var y))
        {
            // Two values below 10^38 sum below 2^128 / 2: no overflow.
            return TryRescale(subtract ? x - y : x + y, common, scale, precision, out result);
        }
        var big = subtract
            ? (BigInteger)a * BigInteger.Pow(10, common - scaleA) - (BigInteger)b * BigInteger.Pow(10, common - scaleB)
            : (BigInteger)a * BigInteger.Pow(10, common - scaleA) + (BigInteger)b * BigInteger.Pow(10, common - scaleB);
        return TryNarrow(big, common, scale, precision, out result);
    }

    /// <summary>a × b, whose exact scale is the sum of theirs, at <paramref name="scale"/>; false on overflow.</summary>
    public static bool TryMultiply(Int128 a, int scaleA, Int128 b, int scaleB, int precision, int scale, out Int128 result)
    {
        int exact = scaleA + scaleB;
        if (a > long.MinValue && a <= long.MaxValue && b > long.MinValue && b <= long.MaxValue && exact <= DecimalType.MaxPrecision)
        {
            return TryRescale(a * b, exact, scale, precision, out result);
        }
        return TryNarrow((BigInteger)a * (BigInteger)b, exact, scale, precision, out result);
    }

    /// <summary>a / b at <paramref name="scale"/>, rounded HALF_UP; false on overflow or division by zero.</summary>
    public static bool TryDivide(Int128 a, int scaleA, Int128 b, int scaleB, int precision, int scale, out Int128 result)
    {
        if (b == 0)
        {
            result = default;
            return false;
        }
        // a/10^sa ÷ b/10^sb = (a × 10^(scale − sa + sb) / b) / 10^scale.
        int shift = scale - scaleA + scaleB;
        if (shift >= 0 && shift <= DecimalType.MaxPrecision && Int128.Abs(a) <= s_scaleLimits[shift])
        {
            result = DivideHalfUp(a * s_powers[shift], b);
            return Fits(result, precision);
        }
        var quotient = shift >= 0
            ? DivideHalfUp((BigInteger)a * BigInteger.Pow(10, shift), (BigInteger)b)
            : DivideHalfUp((BigInteger)a, (BigInteger)b * BigInteger.Pow(10, -shift));
        return TryNarrow(quotient, scale, scale, precision, out result);
    }

    /// <summary>a % b (the sign of a, as Java's BigDecimal.remainder) at <paramref name="scale"/>; false on overflow or a zero divisor.</summary>
    public static bool TryRemainder(Int128 a, int scaleA, Int128 b, int scaleB, int precision, int scale, out Int128 result)
    {
        int common = Math.Max(scaleA, scaleB);
        result = default;
        if (b == 0 || !TryRescale(a, scaleA, common, DecimalType.MaxPrecision, out var x) || !TryRescale(b, scaleB, common, DecimalType.MaxPrecision, out var y))
        {
            return false;
        }
        return TryRescale(x % y, common, scale, precision, out result);
    }

    private static bool TryNarrow(BigInteger value, int fromScale, int toScale, int precision, out Int128 result)
    {
        if (toScale < fromScale)
        {
            value = DivideHalfUp(value, BigInteger.Pow(10, fromScale - toScale));
        }
        else
        {
            value *= BigInteger.Pow(10, toScale - fromScale);
        }
        if (BigInteger.Abs(value) >= BigInteger.Pow(10, precision))
        {
            result = default;
            return false;
        }
        result = (Int128)value;
        return true;
    }

    /// <summary>The value as a .NET <see cref="decimal"/> with the same scale, when it has one (at most 96 bits of digits, scale ≤ 28 once trailing zeros go).</summary>
    public static bool TryToDecimal(Int128 unscaled, int scale, out decimal value)
    {
        bool negative = unscaled < 0;
        var magnitude = (UInt128)(negative ? -unscaled : unscaled);
        while ((scale > 28 || magnitude >> 96 != 0) && scale > 0 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }
        if (scale > 28 || magnitude >> 96 != 0)
        {
            value = default;
            return false;
        }
        value = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);
        return true;
    }

    /// <summary>The value as a .NET <see cref="decimal"/>.</summary>
    /// <exception cref="OverflowException">The value has more significant digits than a .NET decimal holds.</exception>
    public static decimal ToDecimal(Int128 unscaled, int scale) =>
        TryToDecimal(unscaled, scale, out var value)
            ? value
            : throw new OverflowException(
                $"The decimal value {ToString(unscaled, scale)} has more significant digits than a .NET decimal holds (28 to 29); cast it to a narrower decimal, a double or a string to read it.");

    /// <summary>A .NET decimal at <paramref name="scale"/> (HALF_UP); false when it needs more than <paramref name="precision"/> digits.</summary>
    public static bool TryFromDecimal(decimal value, int precision, int scale, out Int128 unscaled)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
        int valueScale = (bits[3] >> 16) & 0xFF;
        return TryRescale(bits[3] < 0 ? -magnitude : magnitude, valueScale, scale, precision, out unscaled);
    }

    /// <summary>Plain text with exactly <paramref name="scale"/> fractional digits, as Spark prints decimals (<c>-1.50</c>, <c>0.001</c>).</summary>
    public static string ToString(Int128 unscaled, int scale)
    {
        string digits = Int128.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = unscaled < 0 ? "-" : "";
        if (scale == 0)
        {
            return sign + digits;
        }
        digits = digits.PadLeft(scale + 1, '0');
        return sign + digits[..^scale] + "." + digits[^scale..];
    }

    /// <summary>
    /// The text of <see cref="ToString(Int128, int)"/> written as UTF-8 into <paramref name="destination"/> (at least
    /// 42 bytes), without allocating; returns its length.
    /// </summary>
    public static int FormatUtf8(Int128 unscaled, int scale, Span<byte> destination)
    {
        int at = 0;
        if (unscaled < 0)
        {
            destination[at++] = (byte)'-';
        }
        Span<byte> digits = stackalloc byte[40];
        ((UInt128)(unscaled < 0 ? -unscaled : unscaled)).TryFormat(digits, out int count, default, CultureInfo.InvariantCulture);
        int whole = count - scale;
        if (whole <= 0)
        {
            destination[at++] = (byte)'0';
        }
        else
        {
            digits[..whole].CopyTo(destination[at..]);
            at += whole;
        }
        if (scale > 0)
        {
            destination[at++] = (byte)'.';
            for (int z = whole; z < 0; z++)
            {
                destination[at++] = (byte)'0';
            }
            var fraction = digits[Math.Max(whole, 0)..count];
            fraction.CopyTo(destination[at..]);
            at += fraction.Length;
        }
        return at;
    }

    /// <summary>The nearest double (exact division when both parts are exact in a double, else through the text).</summary>
    public static double ToDouble(Int128 unscaled, int scale) =>
        scale <= 22 && Int128.Abs(unscaled) < ((Int128)1 << 53)
            ? (double)unscaled / Math.Pow(10, scale)
            : double.Parse(ToString(unscaled, scale), CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a decimal number (<c>-12.5</c>, <c>1e3</c>, <c>+.5</c>, surrounding spaces allowed) at
    /// <paramref name="scale"/> (HALF_UP); false when it is not a number or needs more than <paramref name="precision"/> digits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, int precision, int scale, out Int128 unscaled)
    {
        unscaled = default;
        text = text.Trim();
        int i = 0;
        bool negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        var digits = new BigInteger();
        Int128 small = 0;
        int significant = 0;
        int fraction = 0;
        bool anyDigit = false, point = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c is >= '0' and <= '9')
            {
                anyDigit = true;
                if (point)
                {
                    fraction++;
                }
                if (significant > 0 || c != '0')
                {
                    significant++;
                    if (significant <= DecimalType.MaxPrecision)
                    {
                        small = small * 10 + (c - '0');
                    }
                    else
                    {
                        digits = (significant == DecimalType.MaxPrecision + 1 ? (BigInteger)small : digits) * 10 + (c - '0');
                    }
                }
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }
        if (!anyDigit)
        {
            return false;
        }
        int exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!int.TryParse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
            i = text.Length;
        }
        if (i != text.Length)
        {
            return false;
        }
        // value = digits × 10^(exponent − fraction)
        int valueScale = fraction - exponent;
        if (significant <= DecimalType.MaxPrecision && valueScale is >= -DecimalType.MaxPrecision and <= 2 * DecimalType.MaxPrecision)
        {
            if (valueScale >= 0)
            {
                return valueScale - scale <= DecimalType.MaxPrecision
                    ? TryRescale(negative ? -small : small, valueScale, scale, precision, out unscaled)
                    : Zero(out unscaled);
            }
            var big = (BigInteger)small * BigInteger.Pow(10, -valueScale);
            return TryNarrow(negative ? -big : big, 0, scale, precision, out unscaled);
        }
        var value = significant <= DecimalType.MaxPrecision ? (BigInteger)small : digits;
        return valueScale > scale + 2 * DecimalType.MaxPrecision + 1
            ? Zero(out unscaled)
            : valueScale >= 0
                ? TryNarrow(negative ? -value : value, valueScale, scale, precision, out unscaled)
                : TryNarrow((negative ? -value : value) * BigInteger.Pow(10, -valueScale), 0, scale, precision, out unscaled);
    }

    private static bool Zero(out Int128 unscaled)
    {
        unscaled = 0;
        return true;
    }

    /// <summary>A double at <paramref name="scale"/>, from its shortest round-trip text as Spark does (HALF_UP); false for NaN, ±∞ or overflow.</summary>
    public static bool TryFromDouble(double value, int precision, int scale, out Int128 unscaled)
    {
        unscaled = default;
        Span<char> text = stackalloc char[32];
        return double.IsFinite(value) && value.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture)
            && TryParse(text[..length], precision, scale, out unscaled);
    }

    /// <summary>The type of a decimal result with <paramref name="precision"/> digits and <paramref name="scale"/>, Spark's <c>adjustPrecisionScale</c> (precision loss allowed).</summary>
    public static DecimalType Adjust(int precision, int scale)
    {
        if (precision <= DecimalType.MaxPrecision)
        {
            return new DecimalType(precision, scale);
        }
        int integerDigits = precision - scale;
        int minScale = Math.Min(scale, 6);
        return new DecimalType(DecimalType.MaxPrecision, Math.Max(DecimalType.MaxPrecision - integerDigits, minScale));
    }

    /// <summary>Spark's <c>DecimalType.bounded</c>: precision and scale capped at 38.</summary>
    public static DecimalType Bounded(int precision, int scale) =>
        new(Math.Min(precision, DecimalType.MaxPrecision), Math.Min(scale, DecimalType.MaxPrecision));

    /// <summary>The decimal an integer type widens to in decimal arithmetic (Spark's <c>DecimalType.forType</c>), or null.</summary>
    public static DecimalType? ForIntegral(DataType type) => type switch
    {
        ByteType => new DecimalType(3, 0),
        ShortType => new DecimalType(5, 0),
        IntegerType => new DecimalType(10, 0),
        LongType => new DecimalType(20, 0),
        DecimalType d => d,
        _ => null,
    };
}
