using System.Globalization;
using System.Text;
using Rdd.Sql.IO.Formats;

namespace Rdd.Sql.Tests.IO.Formats;

public class TemporalFormatTests
{
    [Theory]
    [InlineData("1970-01-01", 0)]
    [InlineData("1969-12-31", -1)]
    [InlineData("2024-2-9", 19762)]
    [InlineData("0001-01-01", -719162)]
    [InlineData("9999-12-31", 2932896)]
    public void IsoDate_Parses(string text, int days)
    {
        Assert.True(DateFormat.Iso.TryParse(Encoding.UTF8.GetBytes(text), out int parsed));
        Assert.Equal(days, parsed);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("24-01-01")]
    [InlineData("2024-01-01T00:00")]
    [InlineData("2024/01/01")]
    [InlineData("")]
    public void IsoDate_Rejects(string text) => Assert.False(DateFormat.Iso.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("1970-01-01", 0L)]
    [InlineData("1970-01-01T00:00:01", 1_000_000L)]
    [InlineData("1970-01-01 00:00:00.5", 500_000L)]
    [InlineData("1970-01-01T00:00:00.123456789", 123_456L)]
    [InlineData("1970-01-01T01:00:00+01:00", 0L)]
    [InlineData("1970-01-01T01:00:00+0100", 0L)]
    [InlineData("1970-01-01T00:00:00-2", 7_200_000_000L)]
    [InlineData("1970-01-01T00:00Z", 0L)]
    [InlineData("1969-12-31T23:59:59.999999UTC", -1L)]
    public void IsoTimestamp_Parses(string text, long micros)
    {
        Assert.True(TimestampFormat.Iso.TryParse(Encoding.UTF8.GetBytes(text), out long parsed));
        Assert.Equal(micros, parsed);
    }

    [Theory]
    [InlineData("1970-01-01T24:00:00")]
    [InlineData("1970-01-01T10")]
    [InlineData("1970-01-01T10:00:00.")]
    [InlineData("1970-01-01T10:00:00+25:00")]
    [InlineData("1970-01-01T10:00:00 junk")]
    public void IsoTimestamp_Rejects(string text) => Assert.False(TimestampFormat.Iso.TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void IsoTimestampNtz_RejectsOffsets()
    {
        Assert.True(TimestampFormat.IsoNtz.TryParse("2024-01-01T10:00:00"u8, out _));
        Assert.False(TimestampFormat.IsoNtz.TryParse("2024-01-01T10:00:00Z"u8, out _));
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999Z")]
    [InlineData(1_704_067_200_123_000L, "2024-01-01T00:00:00.123Z")]
    public void IsoTimestamp_Formats(long micros, string text)
    {
        var buffer = new byte[TimestampFormat.MaxLength];
        Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, TimestampFormat.Iso.Format(micros, buffer)));
        Assert.True(TimestampFormat.Iso.TryParse(Encoding.UTF8.GetBytes(text), out long back));
        Assert.Equal(micros, back);
    }

    [Theory]
    [InlineData("dd/MM/yyyy", "dd/MM/yyyy")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-ddTHH:mm:ss.fff")]
    [InlineData("yyyy-MM-dd HH:mm[:ss]", "yyyy-MM-dd HH:mm:ss|yyyy-MM-dd HH:mm")]
    [InlineData("h:mm a, EEEE d MMM yy", "h:mm tt, dddd d MMM yy")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-ddTHH:mm:ssK")]
    [InlineData("'o''clock' H", "o'clock H")]
    public void DateTimePattern_TranslatesSparkPatterns(string pattern, string expected)
    {
        var formats = DateTimePattern.ToDotNetFormats(pattern);
        // Compare with the escapes removed: the exact escaping is an implementation detail.
        Assert.Equal(expected, string.Join("|", formats.Select(f => f.Replace("\\", "", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("yyyy-QQ")]
    [InlineData("yyyy-MM-dd'T")]
    [InlineData("yyyy[-MM")]
    [InlineData("yyyy]")]
    public void DateTimePattern_Unsupported_Throws(string pattern) =>
        Assert.Throws<FormatException>(() => DateTimePattern.ToDotNetFormats(pattern));

    [Fact]
    public void CustomTimestampFormat_ParsesAndFormatsInUtc()
    {
        var format = TimestampFormat.Create("dd.MM.yyyy HH:mm[:ss]XXX", zoned: true);
        Assert.True(format.TryParse("02.01.2024 10:30+02:00"u8, out long micros));
        var buffer = new byte[TimestampFormat.MaxLength];
        Assert.Equal("02.01.2024 08:30:00Z", Encoding.UTF8.GetString(buffer, 0, format.Format(micros, buffer)));
        Assert.True(format.TryParse("02.01.2024 08:30:00Z"u8, out long again));
        Assert.Equal(micros, again);
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1e21, "1E+21")]
    [InlineData(123456789.0, "123456789.0")]
    [InlineData(123.45, "123.45")]
    [InlineData(-0.05, "-0.05")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.5e-7, "1.5E-07")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void FormatDouble_AlwaysLooksLikeADouble(double value, string text)
    {
        var buffer = new byte[NumberFormatting.MaxLength];
        Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, NumberFormatting.FormatDouble(value, buffer)));
    }

    [Fact]
    public void FormatDouble_RandomValues_RoundTripAndAreAsShortAsTheRuntimes()
    {
        var random = new Random(4);
        var buffer = new byte[NumberFormatting.MaxLength];
        for (int i = 0; i < 50_000; i++)
        {
            double value = (random.Next(3)) switch
            {
                0 => Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 12)), random.Next(0, 8)),
                1 => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
                _ => random.Next(-1000, 1000) / Math.Pow(10, random.Next(0, 7)),
            };
            string text = Encoding.UTF8.GetString(buffer, 0, NumberFormatting.FormatDouble(value, buffer));
            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
            string runtime = value.ToString("R", CultureInfo.InvariantCulture);
            Assert.True(SignificantDigits(text) <= SignificantDigits(runtime), $"{text} vs {runtime}");
        }
    }

    private static int SignificantDigits(string text)
    {
        string mantissa = text.Split('E')[0].Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return Math.Max(1, mantissa.TrimEnd('0').Length);
    }
}
