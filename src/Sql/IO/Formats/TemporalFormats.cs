namespace Rdd.Sql.IO.Formats;

/// <summary>The date, timestamp and timestamp_ntz formats of one read or write (Spark's <c>dateFormat</c>, <c>timestampFormat</c>, <c>timestampNTZFormat</c>).</summary>
internal sealed record TemporalFormats(DateFormat Date, TimestampFormat Timestamp, TimestampFormat TimestampNtz)
{
    /// <summary>ISO formats throughout.</summary>
    public static TemporalFormats Iso { get; } = new(DateFormat.Iso, TimestampFormat.Iso, TimestampFormat.IsoNtz);

    /// <summary>The formats for Spark patterns; null patterns mean the ISO defaults.</summary>
    public static TemporalFormats Create(string? datePattern, string? timestampPattern, string? timestampNtzPattern) =>
        datePattern is null && timestampPattern is null && timestampNtzPattern is null
            ? Iso
            : new(DateFormat.Create(datePattern), TimestampFormat.Create(timestampPattern, zoned: true), TimestampFormat.Create(timestampNtzPattern, zoned: false));
}
