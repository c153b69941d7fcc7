namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Signed 64-bit counts of <see cref="Unit"/> since the Unix epoch. With a <see cref="Timezone"/> the
/// values are UTC instants (Spark <c>timestamp</c>, .NET <c>DateTime</c> of kind UTC); without one they are
/// wall-clock times (<c>timestamp_ntz</c>, kind Unspecified).
/// </summary>
internal sealed class TimestampType : FixedWidthType
{
    public TimestampType(TimeUnit unit, string? timezone = null)
    {
        Unit = unit;
        Timezone = string.IsNullOrEmpty(timezone) ? null : timezone;
    }

    public TimeUnit Unit { get; }

    /// <summary>An Olson name (<c>Europe/Paris</c>) or offset (<c>+07:30</c>); null for a naive timestamp.</summary>
    public string? Timezone { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.Timestamp;

    public override int BitWidth => 64;

    public override string Name => Timezone is null ? $"timestamp[{UnitSuffix(Unit)}]" : $"timestamp[{UnitSuffix(Unit)}, tz={Timezone}]";

    public override bool Equals(ArrowType? other) =>
        other is TimestampType timestamp && timestamp.Unit == Unit && timestamp.Timezone == Timezone;

    public override int GetHashCode() => HashCode.Combine(TypeId, Unit, Timezone);

    internal static string UnitSuffix(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };
}
