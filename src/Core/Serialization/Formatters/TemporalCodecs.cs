namespace Rdd.Core.Serialization;

// Dates and times. DateTime uses the spec's timestamp extension (type -1), which is an instant: a Local
// value is converted to UTC, an Unspecified one is taken as UTC, and values always read back with
// Kind = Utc (DateTime equality ignores Kind, so Utc and Unspecified values compare equal after a
// round trip). Ticks round-trip exactly. The spec has no date-only or duration type, so DateOnly is its
// day number, TimeOnly and TimeSpan their ticks, and DateTimeOffset the pair [timestamp, offset minutes].

internal readonly struct DateTimeCodec : IScalarCodec<DateTime>
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    public static void Write(MessagePackWriter writer, DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }
        var ticks = value.Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TicksPerSecond;
        }
        writer.WriteTimestamp(seconds, (uint)(remainder * 100));
    }

    public static DateTime Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        var (seconds, nanoseconds) = reader.ReadTimestamp();
        const long MinSeconds = -62_135_596_800L; // DateTime.MinValue relative to the Unix epoch
        const long MaxSeconds = 253_402_300_799L;      // DateTime.MaxValue relative to the Unix epoch
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            MessagePackErrors.ThrowInvalid(start, $"timestamp {seconds}s is outside the range of DateTime.");
        }
        return new DateTime(DateTime.UnixEpoch.Ticks + seconds * TicksPerSecond + nanoseconds / 100, DateTimeKind.Utc);
    }
}

internal readonly struct DateTimeOffsetCodec : IScalarCodec<DateTimeOffset>
{
    public static void Write(MessagePackWriter writer, DateTimeOffset value)
    {
        writer.WriteArrayHeader(2);
        DateTimeCodec.Write(writer, value.UtcDateTime);
        writer.WriteInt64((long)value.Offset.TotalMinutes);
    }

    public static DateTimeOffset Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        if (reader.ReadArrayHeader() != 2)
        {
            MessagePackErrors.ThrowInvalid(start, "a DateTimeOffset is an array of [timestamp, offset minutes].");
        }
        var utc = DateTimeCodec.Read(ref reader);
        var offset = TimeSpan.FromMinutes(reader.ReadInt32());
        return new DateTimeOffset(utc).ToOffset(offset);
    }
}

internal readonly struct DateOnlyCodec : IScalarCodec<DateOnly>
{
    public static void Write(MessagePackWriter writer, DateOnly value) => writer.WriteInt64(value.DayNumber);

    public static DateOnly Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        var dayNumber = reader.ReadInt32();
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            MessagePackErrors.ThrowInvalid(start, $"day number {dayNumber} is outside the range of DateOnly.");
        }
        return DateOnly.FromDayNumber(dayNumber);
    }
}

internal readonly struct TimeOnlyCodec : IScalarCodec<TimeOnly>
{
    public static void Write(MessagePackWriter writer, TimeOnly value) => writer.WriteInt64(value.Ticks);

    public static TimeOnly Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        var ticks = reader.ReadInt64();
        if (ticks < 0 || ticks > TimeOnly.MaxValue.Ticks)
        {
            MessagePackErrors.ThrowInvalid(start, $"{ticks} ticks is outside the range of TimeOnly.");
        }
        return new TimeOnly(ticks);
    }
}

internal readonly struct TimeSpanCodec : IScalarCodec<TimeSpan>
{
    public static void Write(MessagePackWriter writer, TimeSpan value) => writer.WriteInt64(value.Ticks);

    public static TimeSpan Read(ref MessagePackReader reader) => new(reader.ReadInt64());
}
