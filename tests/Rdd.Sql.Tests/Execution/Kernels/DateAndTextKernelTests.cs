using System.Globalization;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Execution.Kernels;

/// <summary>
/// The date, format and text kernels over arrays sliced at an offset and holding NULLs, each value checked against
/// .NET's own calendar and string routines (the SQL comparison tests check the same functions against DuckDB on
/// whole, unsliced columns).
/// </summary>
public sealed class DateAndTextKernelTests
{
    private static readonly DateOnly?[] s_dates =
    [
        new DateOnly(1999, 1, 1), null, new DateOnly(2024, 1, 31), new DateOnly(2023, 3, 31), null, new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29), new DateOnly(2020, 12, 31),
    ];

    private static readonly string?[] s_strings = ["skip", "hello world", null, "ça va très BIEN", "", "a.b.c.d", null, "x"];

    /// <summary>Rows 1..7 of <paramref name="array"/>: a slice at offset 1, as a filter or limit leaves it.</summary>
    private static T Sliced<T>(T array) where T : IArrowArray => (T)ArrowArrayFactory.Slice(array, 1, array.Length - 1);

    private static PrimitiveArray<int> Dates() => Sliced((PrimitiveArray<int>)ValueColumns.Build(DataTypes.Date, s_dates.Cast<object?>().ToList(), "d"));

    private static StringArray Strings() => Sliced((StringArray)ValueColumns.Build(DataTypes.String, s_strings.Cast<object?>().ToList(), "s"));

    private static object?[] Values(ArrowArray array) => [.. Enumerable.Range(0, array.Length).Select(i => ArrayValues.Get(array, i))];

    private static object?[] Expected<T>(IEnumerable<T?> inputs, Func<T, object?> f) where T : struct => [.. inputs.Skip(1).Select(v => v is { } x ? f(x) : null)];

    private static object?[] Expected(IEnumerable<string?> inputs, Func<string, object?> f) => [.. inputs.Skip(1).Select(v => v is null ? null : f(v))];

    [Fact]
    public void DateKernels_SlicedWithNulls_AgreeWithDateOnly()
    {
        var dates = Dates();
        var months = (PrimitiveArray<int>)KernelArrays.Constant(DataTypes.Integer, -13, dates.Length);

        Assert.Equal(Expected(s_dates, d => d.AddMonths(-13)), Values(DateKernels.AddMonths(dates, months)));
        Assert.Equal(Expected(s_dates, d => d.AddMonths(2).AddDays(-5)), Values(DateKernels.Shift(dates, 2, -5, 0)));
        Assert.Equal(Expected(s_dates, d => new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month))), Values(DateKernels.LastDay(dates)));
        Assert.Equal(Expected(s_dates, d => new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1)), Values(DateKernels.TruncDate(dates, TruncUnit.Quarter)));
        Assert.Equal(Expected(s_dates, d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))), Values(DateKernels.TruncDate(dates, TruncUnit.Week)));
        Assert.Equal(Expected(s_dates, d => (object)ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue))), Values(DateKernels.Part(dates, DatePart.WeekOfYear)));
        Assert.Equal(Expected(s_dates, d => (object)((int)d.DayOfWeek + 1)), Values(DateKernels.Part(dates, DatePart.DayOfWeek)));
        Assert.Equal(Expected(s_dates, d => (object)(d.DayNumber - new DateOnly(2000, 1, 1).DayNumber)),
            Values(DateKernels.DiffDays(dates, (PrimitiveArray<int>)KernelArrays.Constant(DataTypes.Date, new DateOnly(2000, 1, 1), dates.Length))));
    }

    [Fact]
    public void AddMonths_PastYear9999_IsNull()
    {
        var dates = (PrimitiveArray<int>)KernelArrays.Constant(DataTypes.Date, new DateOnly(9999, 11, 30), 2);
        var months = (PrimitiveArray<int>)ValueColumns.Build(DataTypes.Integer, [1, 2], "m");

        Assert.Equal([new DateOnly(9999, 12, 30), null], Values(DateKernels.AddMonths(dates, months)));
    }

    [Fact]
    public void TimestampKernels_BeforeAndAfterTheEpoch_UseFloorArithmetic()
    {
        DateTime?[] times = [null, new DateTime(1969, 12, 31, 23, 59, 58, 500, DateTimeKind.Utc), new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc), null];
        var array = Sliced((PrimitiveArray<long>)ValueColumns.Build(DataTypes.Timestamp, times.Cast<object?>().ToList(), "t"));

        Assert.Equal(Expected(times, t => (object)t.Hour), Values(DateKernels.TimePart(array, TimePart.Hour)));
        Assert.Equal(Expected(times, t => (object)t.Second), Values(DateKernels.TimePart(array, TimePart.Second)));
        Assert.Equal(Expected(times, t => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc)), Values(DateKernels.TruncTimestamp(array, TruncUnit.Hour)));
        Assert.Equal(Expected(times, t => t.AddMonths(1).AddMinutes(-90)), Values(DateKernels.Shift(array, 1, 0, -90 * 60_000_000L)));
        Assert.Equal(Expected(times, t => (object)t.ToString("dd/MM/yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture)),
            Values(DateFormatKernels.Format(array, DatePattern.ToDotNet("dd/MM/yyyy HH:mm:ss.SSS"))));
    }

    [Theory]
    [InlineData("yyyy-MM-dd", "yyyy\\-MM\\-dd")]
    [InlineData("dd/MM/yy h:mm a", "dd\\/MM\\/yy\\ h\\:mm\\ tt")]
    [InlineData("EEE, d MMM yyyy 'at' HH'h'", "ddd\\,\\ d\\ MMM\\ yyyy\\ \\a\\t\\ HH\\h")]
    [InlineData("''yy''", "\\'yy\\'")]
    [InlineData("d", "%d")]
    public void DatePattern_TranslatesSparkLettersAndQuotes(string spark, string dotNet) => Assert.Equal(dotNet, DatePattern.ToDotNet(spark));

    [Fact]
    public void Parse_SlicedStrings_NullForNonMatching()
    {
        string?[] texts = ["junk", "06.05.2024", null, "31.02.2024", "01.01.1970", "1.1.1970"];
        var array = Sliced((StringArray)ValueColumns.Build(DataTypes.String, texts.Cast<object?>().ToList(), "s"));

        Assert.Equal([new DateOnly(2024, 5, 6), null, null, new DateOnly(1970, 1, 1), null], Values(DateFormatKernels.Parse(array, DatePattern.ToDotNet("dd.MM.yyyy"), toTimestamp: false)));
    }

    [Fact]
    public void TextKernels_SlicedWithNulls_CountCharactersNotBytes()
    {
        var strings = Strings();

        Assert.Equal(Expected(s_strings, s => s.Length >= 6 ? s[..6] : s.PadLeft(6, '*')), Values(TextKernels.Pad(strings, 6, "*"u8.ToArray(), left: true)));
        Assert.Equal(Expected(s_strings, s => s.Length >= 12 ? s[..12] : (s + string.Concat(Enumerable.Repeat("é-", 12)))[..12]), Values(TextKernels.Pad(strings, 12, "é-"u8.ToArray(), left: false)));
        Assert.Equal(Expected(s_strings, s => new string(s.Reverse().ToArray())), Values(TextKernels.Reverse(strings)));
        Assert.Equal(Expected(s_strings, s => (object)(s.IndexOf('r', StringComparison.Ordinal) + 1)), Values(TextKernels.Locate(strings, "r"u8.ToArray(), 1)));
        Assert.Equal(Expected(s_strings, s => (object)(s.Length < 3 || s.IndexOf('r', 2) < 0 ? 0 : s.IndexOf('r', 2) + 1)), Values(TextKernels.Locate(strings, "r"u8.ToArray(), 3)));
        Assert.Equal(Expected(s_strings, s => string.Join(' ', s.ToLowerInvariant().Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]))), Values(TextKernels.InitCap(strings)));
        Assert.Equal(Expected(s_strings, s => s.Replace("è", "E", StringComparison.Ordinal).Replace("a", "", StringComparison.Ordinal)), Values(TextKernels.Translate(strings, "èa", "E")));
        Assert.Equal(Expected(s_strings, s => string.Join('.', s.Split('.').TakeLast(2))), Values(TextKernels.SubstringIndex(strings, "."u8.ToArray(), -2)));
        Assert.Equal(Expected(s_strings, s => (object)(s.Length == 0 ? 0 : char.ConvertToUtf32(s, 0))), Values(TextKernels.FirstCodePoint(strings)));
    }

    [Fact]
    public void Split_SlicedStrings_KeepsTrailingEmptiesAndNulls()
    {
        string?[] texts = ["skip", "a,b,,", null, "", ",x"];
        var array = Sliced((StringArray)ValueColumns.Build(DataTypes.String, texts.Cast<object?>().ToList(), "s"));

        var split = RegexKernels.Split(array, new System.Text.RegularExpressions.Regex(","), emptyPattern: false, limit: -1);

        Assert.Equal([new object?[] { "a", "b", "", "" }, null, new object?[] { "" }, new object?[] { "", "x" }], Values(split));
    }
}
