namespace Rdd.Sql.IO.Columns;

/// <summary>
/// Clinger's fast path for decimal text: when the significant digits fit 53 bits (at most 15 of them) and the
/// decimal exponent is within ±22, the mantissa and the power of ten are both exact doubles, so one
/// multiplication or division gives the correctly rounded result. Anything else returns false for the
/// general parser to handle.
/// </summary>
internal static class FastDouble
{
    private static readonly double[] s_powersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
        {
            negative = text[i] == (byte)'-';
            i++;
        }
        ulong mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++, digits++)
        {
            if (!Accumulate(ref mantissa, ref significant, text[i]))
            {
                return false;
            }
        }
        if (i < text.Length && text[i] == (byte)'.')
        {
            for (i++; i < text.Length && (uint)(text[i] - '0') <= 9; i++, digits++)
            {
                if (!Accumulate(ref mantissa, ref significant, text[i]))
                {
                    return false;
                }
                exponent--;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i < text.Length && (text[i] == (byte)'e' || text[i] == (byte)'E'))
        {
            i++;
            bool negativeExponent = false;
            if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }
            int start = i;
            int explicitExponent = 0;
            for (; i < text.Length && (uint)(text[i] - '0') <= 9 && i - start < 4; i++)
            {
                explicitExponent = explicitExponent * 10 + (text[i] - '0');
            }
            if (i == start)
            {
                return false;
            }
            exponent += negativeExponent ? -explicitExponent : explicitExponent;
        }
        if (i != text.Length || significant > 15 || exponent < -22 || exponent > 22)
        {
            return false;
        }
        double result = mantissa;
        result = exponent < 0 ? result / s_powersOfTen[-exponent] : result * s_powersOfTen[exponent];
        value = negative ? -result : result;
        return true;
    }

    /// <summary>Adds a digit; false once there are more significant digits than the fast path takes.</summary>
    private static bool Accumulate(ref ulong mantissa, ref int significant, byte digit)
    {
        if (mantissa == 0 && digit == (byte)'0')
        {
            return true;
        }
        if (++significant > 15)
        {
            return false;
        }
        mantissa = mantissa * 10 + (ulong)(digit - '0');
        return true;
    }
}
