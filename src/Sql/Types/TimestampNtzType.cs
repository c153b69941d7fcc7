namespace Rdd.Sql.Types;

/// <summary>Wall-clock date-times without a time zone, microsecond precision (.NET <c>DateTime</c> of kind Unspecified; Arrow <c>timestamp[us]</c> without a time zone).</summary>
public sealed class TimestampNtzType : DataType
{
    private TimestampNtzType()
    {
    }

    /// <summary>The only instance.</summary>
    public static TimestampNtzType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "timestamp_ntz";
}
