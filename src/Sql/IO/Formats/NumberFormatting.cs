using System.Buffers.Text;
using System.Globalization;

namespace Rdd.Sql.IO.Formats;

/// <summary>
/// Numbers written to CSV and JSON text. Floating-point values use the shortest round-trip form and always
/// show that they are not integers (<c>1.0</c>, not <c>1</c>, as Java's <c>Double.toString</c>), so that schema
/// inference on the written file finds a double again; non-finite values are <c>NaN</c>, <c>Infinity</c>,
/// <c>-Infinity</c>.
/// </summary>
internal static class NumberFormatting
{
    /// <summary>Room for any number this class writes.</summary>
    public const int MaxLength = 32;

    private static readonly double[] s_powersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];

    public static int FormatInt64(long value, Span<byte> destination) =>
        Utf8Formatter.TryFormat(value, destination, out int written) ? written : throw new ArgumentException("Destination too small.", nameof(destination));

    public static int FormatDouble(double value, Span<byte> destination)
    {
        if (TryFormatShortDecimal(value, destination, out int shortLength))
        {
            return shortLength;
        }
        if (!value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("Destination too small.", nameof(destination));
        }
        return double.IsFinite(value) ? EnsureFraction(destination, written) : written;
    }

    public static int FormatSingle(float value, Span<byte> destination)
    {
        if (!value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("Destination too small.", nameof(destination));
        }
        return float.IsFinite(value) ? EnsureFraction(destination, written) : written;
    }

    /// <summary>
    /// The runtime's shortest round-trip formatting costs about 250 ns a value. Most data has few decimals
    /// (prices, measurements): when <c>value = m / 10^k</c> for an integer <c>m &lt; 2^53</c> and <c>k ≤ 6</c>, the
    /// smallest such <c>k</c> gives the shortest round-trip text, written here as <c>m</c> with a decimal point.
    /// The division is exact-then-rounded (Clinger), so the check is the parser's own result.
    /// </summary>
    private static bool TryFormatShortDecimal(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!(Math.Abs(value) < 1e15) || value == 0)
        {
            return false;
        }
        for (int k = 0; k < s_powersOfTen.Length; k++)
        {
            double scaled = Math.Round(value * s_powersOfTen[k]);
            if (Math.Abs(scaled) >= 9007199254740992.0)
            {
                return false;
            }
            if (scaled / s_powersOfTen[k] == value)
            {
                written = WriteScaled((long)scaled, k, destination);
                return true;
            }
        }
        return false;
    }

    /// <summary><paramref name="scaled"/> / 10^<paramref name="decimals"/> in positional notation, at least one digit after the point.</summary>
    private static int WriteScaled(long scaled, int decimals, Span<byte> destination)
    {
        int length = 0;
        if (scaled < 0)
        {
            destination[length++] = (byte)'-';
            scaled = -scaled;
        }
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat((ulong)scaled, digits, out int count);
        int integerDigits = count - decimals;
        if (integerDigits <= 0)
        {
            destination[length++] = (byte)'0';
            destination[length++] = (byte)'.';
            destination.Slice(length, -integerDigits).Fill((byte)'0');
            length += -integerDigits;
            digits[..count].CopyTo(destination[length..]);
            return length + count;
        }
        digits[..integerDigits].CopyTo(destination[length..]);
        length += integerDigits;
        destination[length++] = (byte)'.';
        if (decimals == 0)
        {
            destination[length++] = (byte)'0';
            return length;
        }
        digits[integerDigits..count].CopyTo(destination[length..]);
        return length + decimals;
    }

    private static int EnsureFraction(Span<byte> destination, int written)
    {
        if (destination[..written].IndexOfAny((byte)'.', (byte)'E') >= 0)
        {
            return written;
        }
        destination[written] = (byte)'.';
        destination[written + 1] = (byte)'0';
        return written + 2;
    }
}
