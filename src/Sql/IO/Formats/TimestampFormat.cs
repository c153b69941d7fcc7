using System.Globalization;
using System.Text;

namespace Rdd.Sql.IO.Formats;

/// <summary>
/// Reads and writes timestamps as microseconds since the Unix epoch (Arrow's <c>timestamp[us]</c>). For a
/// zoned <c>timestamp</c> the value is a UTC instant: text without an offset is read as UTC (the session time
/// zone of this engine) and text is written in UTC with a <c>Z</c>. For <c>timestamp_ntz</c> the value is a
/// wall-clock time and text with an offset is rejected.
/// </summary>
/// <remarks>
/// The default reads what Spark's lenient default parser reads: <c>yyyy-M-d</c>, optionally followed by
/// <c>T</c> or a space and <c>H:m[:s[.fraction]]</c> (fraction up to 9 digits, truncated to microseconds),
/// optionally followed by <c>Z</c>, <c>UTC</c> or an offset <c>±h[h][[:]mm]</c>. It writes
/// <c>yyyy-MM-ddTHH:mm:ss.SSS</c> (six fraction digits when the microseconds are not whole milliseconds), plus
/// <c>Z</c> when zoned: Spark's default <c>yyyy-MM-dd'T'HH:mm:ss.SSSXXX</c> without losing precision.
/// </remarks>
internal sealed class TimestampFormat
{
    /// <summary>Spark's default <c>timestampFormat</c>.</summary>
    public const string DefaultPattern = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]";

    /// <summary>Spark's default <c>timestampNTZFormat</c>.</summary>
    public const string DefaultNtzPattern = "yyyy-MM-dd'T'HH:mm:ss[.SSS]";

    /// <summary>Room for any timestamp this class writes.</summary>
    public const int MaxLength = 64;

    private const long MicrosPerDay = 86_400_000_000L;

    private readonly string[]? _formats;

    private TimestampFormat(bool zoned, string[]? formats)
    {
        IsZoned = zoned;
        _formats = formats;
    }

    public static TimestampFormat Iso { get; } = new(zoned: true, null);

    public static TimestampFormat IsoNtz { get; } = new(zoned: false, null);

    /// <summary>True for <c>timestamp</c> (UTC instants), false for <c>timestamp_ntz</c>.</summary>
    public bool IsZoned { get; }

    /// <summary>The format for a Spark pattern; null or the default pattern gives the ISO format.</summary>
    public static TimestampFormat Create(string? pattern, bool zoned) => pattern switch
    {
        null or DefaultPattern or DefaultNtzPattern => zoned ? Iso : IsoNtz,
        _ => new TimestampFormat(zoned, DateTimePattern.ToDotNetFormats(pattern)),
    };

    public bool TryParse(ReadOnlySpan<byte> text, out long micros)
    {
        if (_formats is null)
        {
            return IsoDateTime.TryParseTimestamp(text, IsZoned, out micros);
        }
        micros = 0;
        Span<char> chars = stackalloc char[128];
        var styles = IsZoned ? DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal : DateTimeStyles.None;
        if (text.Length > chars.Length || !Encoding.UTF8.TryGetChars(text, chars, out int length)
            || !DateTime.TryParseExact(chars[..length], _formats, CultureInfo.InvariantCulture, styles, out var parsed))
        {
            return false;
        }
        micros = Math.DivRem(parsed.Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond, out long remainder) - (remainder < 0 ? 1 : 0);
        return true;
    }

    /// <summary>Writes the timestamp into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the byte count.</summary>
    public int Format(long micros, Span<byte> destination)
    {
        long days = Math.DivRem(micros, MicrosPerDay, out long timeOfDay);
        if (timeOfDay < 0)
        {
            days--;
            timeOfDay += MicrosPerDay;
        }
        var moment = new DateTime(checked(DateTime.UnixEpoch.Ticks + days * TimeSpan.TicksPerDay + timeOfDay * TimeSpan.TicksPerMicrosecond),
            IsZoned ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        if (_formats is null)
        {
            return IsoDateTime.FormatTimestamp(moment, (int)(timeOfDay % 1_000_000), IsZoned, destination);
        }
        return moment.TryFormat(destination, out int written, _formats[0], CultureInfo.InvariantCulture)
            ? written
            : throw new FormatException($"A timestamp does not fit the format '{_formats[0]}' in {destination.Length} bytes.");
    }
}
