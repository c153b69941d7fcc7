using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Timestamps as 64-bit counts of the type's unit since the Unix epoch, read as <see cref="DateTime"/>:
/// kind UTC when the type has a time zone (Spark <c>timestamp</c>), Unspecified when it has none
/// (<c>timestamp_ntz</c>).
/// </summary>
internal sealed class TimestampArray : PrimitiveArray<long>
{
    public TimestampArray(ArrayData data)
        : base(data)
    {
        TimestampType = data.Type as TimestampType
            ?? throw new ArgumentException($"A TimestampArray cannot hold {data.Type} values.", nameof(data));
    }

    public TimestampType TimestampType { get; }

    /// <summary>The instant at <paramref name="index"/>, or null; throws when outside DateTime's years 1-9999.</summary>
    public DateTime? GetDateTime(int index) => IsValid(index) ? ToDateTime(Values[index], TimestampType) : null;

    public override TimestampArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    public static DateTime ToDateTime(long value, TimestampType type)
    {
        long ticks = type.Unit switch
        {
            TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
            TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
            TimeUnit.Microsecond => checked(value * TimeSpan.TicksPerMicrosecond),
            // 100 ns ticks: floor so instants before the epoch round down like the others.
            _ => Math.DivRem(value, 100L, out long remainder) - (remainder < 0 ? 1 : 0),
        };
        var kind = type.Timezone is null ? DateTimeKind.Unspecified : DateTimeKind.Utc;
        return new DateTime(checked(DateTime.UnixEpoch.Ticks + ticks), kind);
    }

    /// <summary>
    /// The count of <paramref name="type"/>'s unit for <paramref name="value"/>. Local times become UTC for
    /// a zoned type; sub-unit ticks are truncated toward the past.
    /// </summary>
    public static long FromDateTime(DateTime value, TimestampType type)
    {
        if (type.Timezone is not null && value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }
        long ticks = value.Ticks - DateTime.UnixEpoch.Ticks;
        return type.Unit switch
        {
            TimeUnit.Second => Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long r) - (r < 0 ? 1 : 0),
            TimeUnit.Millisecond => Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out long r) - (r < 0 ? 1 : 0),
            TimeUnit.Microsecond => Math.DivRem(ticks, TimeSpan.TicksPerMicrosecond, out long r) - (r < 0 ? 1 : 0),
            _ => checked(ticks * 100),
        };
    }

    public new sealed class Builder(TimestampType type, int capacity = 0)
        : PrimitiveArrayBuilder<long, TimestampArray, Builder>(type, capacity)
    {
        public Builder Append(DateTime value) => Append(FromDateTime(value, type));

        public Builder Append(DateTime? value) => value.HasValue ? Append(value.GetValueOrDefault()) : AppendNull();

        protected override TimestampArray Create(ArrayData data) => new(data);
    }
}
