using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// Dates and timestamps between their Arrow physical values and .NET: <c>date32</c> days since 1970-01-01 as
/// <see cref="DateOnly"/>, and timestamps, 64-bit counts of a unit since the Unix epoch, as <see cref="DateTime"/> of
/// kind UTC when the type has a time zone (Spark <c>timestamp</c>), Unspecified when it has none
/// (<c>timestamp_ntz</c>). Apache.Arrow's own accessors answer with <see cref="DateTimeOffset"/>, which loses that
/// distinction.
/// </summary>
internal static class ArrowTemporal
{
    private static readonly int s_epochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static DateOnly ToDate(int days) => DateOnly.FromDayNumber(s_epochDayNumber + days);

    public static int ToDays(DateOnly date) => date.DayNumber - s_epochDayNumber;

    /// <summary>The instant <paramref name="value"/> counts; throws when outside DateTime's years 1-9999.</summary>
    public static DateTime ToDateTime(long value, ArrowTypes.TimestampType type)
    {
        long ticks = type.Unit switch
        {
            ArrowTypes.TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
            ArrowTypes.TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
            ArrowTypes.TimeUnit.Microsecond => checked(value * TimeSpan.TicksPerMicrosecond),
            // 100 ns ticks: floor so instants before the epoch round down like the others.
            _ => Math.DivRem(value, 100L, out long remainder) - (remainder < 0 ? 1 : 0),
        };
        var kind = IsZoned(type) ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), kind);
    }

    /// <summary>
    /// The count of <paramref name="type"/>'s unit for <paramref name="value"/>. Local times become UTC for
    /// a zoned type; sub-unit ticks are truncated toward the past.
    /// </summary>
    public static long FromDateTime(DateTime value, ArrowTypes.TimestampType type)
    {
        if (IsZoned(type) && value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }
        long ticks = value.Ticks - DateTime.UnixEpoch.Ticks;
        return type.Unit switch
        {
            ArrowTypes.TimeUnit.Second => Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long r) - (r < 0 ? 1 : 0),
            ArrowTypes.TimeUnit.Millisecond => Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out long r) - (r < 0 ? 1 : 0),
            ArrowTypes.TimeUnit.Microsecond => Math.DivRem(ticks, TimeSpan.TicksPerMicrosecond, out long r) - (r < 0 ? 1 : 0),
            _ => checked(ticks * 100),
        };
    }

    /// <summary>Whether the timestamp type names a zone: its values are UTC instants (Spark <c>timestamp</c>).</summary>
    public static bool IsZoned(ArrowTypes.TimestampType type) => !string.IsNullOrEmpty(type.Timezone);
}
