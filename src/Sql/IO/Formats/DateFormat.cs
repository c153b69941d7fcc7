using System.Globalization;
using System.Text;

namespace Rdd.Sql.IO.Formats;

/// <summary>
/// Reads and writes dates as days since 1970-01-01 (Arrow's date32). The default is ISO <c>yyyy-MM-dd</c>,
/// parsed by hand from UTF-8 (1- or 2-digit month and day accepted, as Spark's default parser does); a custom
/// Spark pattern (the <c>dateFormat</c> option) goes through <see cref="DateTimePattern"/>.
/// </summary>
internal sealed class DateFormat
{
    /// <summary>Spark's default <c>dateFormat</c>.</summary>
    public const string DefaultPattern = "yyyy-MM-dd";

    /// <summary>Room for any date this class writes.</summary>
    public const int MaxLength = 64;

    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    private readonly string[]? _formats;

    private DateFormat(string[]? formats) => _formats = formats;

    public static DateFormat Iso { get; } = new(null);

    /// <summary>The format for a Spark pattern; null or the default pattern gives <see cref="Iso"/>.</summary>
    public static DateFormat Create(string? pattern) =>
        pattern is null or DefaultPattern ? Iso : new DateFormat(DateTimePattern.ToDotNetFormats(pattern));

    public bool TryParse(ReadOnlySpan<byte> text, out int days)
    {
        if (_formats is null)
        {
            int end = IsoDateTime.ParseDate(text, out days);
            return end == text.Length;
        }
        days = 0;
        Span<char> chars = stackalloc char[128];
        if (text.Length > chars.Length || !Encoding.UTF8.TryGetChars(text, chars, out int length)
            || !DateTime.TryParseExact(chars[..length], _formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }
        days = DateOnly.FromDateTime(parsed).DayNumber - s_epochDayNumber;
        return true;
    }

    /// <summary>Writes the date into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes); returns the byte count.</summary>
    public int Format(int days, Span<byte> destination)
    {
        var date = DateOnly.FromDayNumber(checked(s_epochDayNumber + days));
        if (_formats is null)
        {
            return IsoDateTime.FormatDate(date, destination);
        }
        return date.ToDateTime(TimeOnly.MinValue).TryFormat(destination, out int written, _formats[0], CultureInfo.InvariantCulture)
            ? written
            : throw new FormatException($"The date {date:yyyy-MM-dd} does not fit the format '{_formats[0]}' in {destination.Length} bytes.");
    }
}
