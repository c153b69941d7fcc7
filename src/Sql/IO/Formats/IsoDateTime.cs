namespace Rdd.Sql.IO.Formats;

/// <summary>
/// Hand-written ISO 8601 date and timestamp parsing and formatting over UTF-8, the default path of
/// <see cref="DateFormat"/> and <see cref="TimestampFormat"/>: no string, no culture, no allocation.
/// </summary>
internal static class IsoDateTime
{
    private const long MicrosPerSecond = 1_000_000L;
    private const long MicrosPerDay = 86_400L * MicrosPerSecond;

    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>
    /// Reads <c>yyyy-M-d</c> (4-digit year, 1- or 2-digit month and day) at the start of <paramref name="text"/>;
    /// returns the bytes consumed, or -1 when there is no valid date there.
    /// </summary>
    public static int ParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        int position = 0;
        if (!ReadDigits(text, ref position, 4, 4, out int year) || !Expect(text, ref position, (byte)'-')
            || !ReadDigits(text, ref position, 1, 2, out int month) || !Expect(text, ref position, (byte)'-')
            || !ReadDigits(text, ref position, 1, 2, out int day))
        {
            return -1;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return -1;
        }
        days = new DateOnly(year, month, day).DayNumber - s_epochDayNumber;
        return position;
    }

    /// <summary>
    /// Reads a date, optionally followed by <c>T</c> or a space and <c>H:m[:s[.fraction]]</c>, optionally followed
    /// (when <paramref name="zoned"/>) by <c>Z</c>, <c>UTC</c> or <c>±h[h][[:]mm]</c>; text without an offset is UTC.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, bool zoned, out long micros)
    {
        micros = 0;
        int position = ParseDate(text, out int days);
        if (position < 0)
        {
            return false;
        }
        long value = days * MicrosPerDay;
        if (position < text.Length && (text[position] == (byte)'T' || text[position] == (byte)' '))
        {
            position++;
            if (!ReadDigits(text, ref position, 1, 2, out int hour) || !Expect(text, ref position, (byte)':')
                || !ReadDigits(text, ref position, 1, 2, out int minute) || hour > 23 || minute > 59)
            {
                return false;
            }
            int second = 0;
            long fraction = 0;
            if (position < text.Length && text[position] == (byte)':')
            {
                position++;
                if (!ReadDigits(text, ref position, 1, 2, out second) || second > 59)
                {
                    return false;
                }
                if (position < text.Length && text[position] == (byte)'.' && !ReadFraction(text, ref position, out fraction))
                {
                    return false;
                }
            }
            value += ((hour * 60L + minute) * 60 + second) * MicrosPerSecond + fraction;
        }
        if (position < text.Length)
        {
            if (!zoned || !ReadOffset(text[position..], out int offsetSeconds))
            {
                return false;
            }
            value -= offsetSeconds * MicrosPerSecond;
        }
        micros = value;
        return true;
    }

    public static int FormatDate(DateOnly date, Span<byte> destination)
    {
        WriteDigits(destination, 0, date.Year, 4);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, date.Month, 2);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, date.Day, 2);
        return 10;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss.SSS[SSS][Z]</c>; <paramref name="microsOfSecond"/> picks 3 or 6 digits.</summary>
    public static int FormatTimestamp(DateTime moment, int microsOfSecond, bool zoned, Span<byte> destination)
    {
        int length = FormatDate(DateOnly.FromDateTime(moment), destination);
        destination[length++] = (byte)'T';
        WriteDigits(destination, length, moment.Hour, 2);
        destination[length + 2] = (byte)':';
        WriteDigits(destination, length + 3, moment.Minute, 2);
        destination[length + 5] = (byte)':';
        WriteDigits(destination, length + 6, moment.Second, 2);
        destination[length + 8] = (byte)'.';
        length += 9;
        if (microsOfSecond % 1000 == 0)
        {
            WriteDigits(destination, length, microsOfSecond / 1000, 3);
            length += 3;
        }
        else
        {
            WriteDigits(destination, length, microsOfSecond, 6);
            length += 6;
        }
        if (zoned)
        {
            destination[length++] = (byte)'Z';
        }
        return length;
    }

    private static bool ReadDigits(ReadOnlySpan<byte> text, ref int position, int min, int max, out int value)
    {
        value = 0;
        int start = position;
        while (position < text.Length && position - start < max && (uint)(text[position] - '0') <= 9)
        {
            value = value * 10 + (text[position] - '0');
            position++;
        }
        return position - start >= min;
    }

    private static bool Expect(ReadOnlySpan<byte> text, ref int position, byte expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }
        return false;
    }

    /// <summary>A '.' and 1 to 9 digits, as microseconds (digits past the sixth are truncated).</summary>
    private static bool ReadFraction(ReadOnlySpan<byte> text, ref int position, out long micros)
    {
        position++;
        int start = position;
        micros = 0;
        while (position < text.Length && (uint)(text[position] - '0') <= 9)
        {
            if (position - start < 6)
            {
                micros = micros * 10 + (text[position] - '0');
            }
            position++;
        }
        int digits = position - start;
        for (int i = digits; i < 6; i++)
        {
            micros *= 10;
        }
        return digits is >= 1 and <= 9;
    }

    private static bool ReadOffset(ReadOnlySpan<byte> zone, out int seconds)
    {
        seconds = 0;
        if (zone.SequenceEqual("Z"u8) || zone.SequenceEqual("UTC"u8))
        {
            return true;
        }
        if (zone.Length < 2 || (zone[0] != (byte)'+' && zone[0] != (byte)'-'))
        {
            return false;
        }
        int position = 1;
        if (!ReadDigits(zone, ref position, 1, 2, out int hours))
        {
            return false;
        }
        int minutes = 0;
        if (position < zone.Length)
        {
            if (zone[position] == (byte)':')
            {
                position++;
            }
            if (!ReadDigits(zone, ref position, 2, 2, out minutes) || position != zone.Length)
            {
                return false;
            }
        }
        if (hours > 18 || minutes > 59)
        {
            return false;
        }
        seconds = (hours * 60 + minutes) * 60 * (zone[0] == (byte)'-' ? -1 : 1);
        return true;
    }

    private static void WriteDigits(Span<byte> destination, int start, int value, int count)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
