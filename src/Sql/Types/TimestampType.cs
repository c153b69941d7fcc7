namespace Rdd.Sql.Types;

/// <summary>Instants with microsecond precision (.NET <c>DateTime</c> of kind UTC; Arrow <c>timestamp[us, tz=UTC]</c>, and any zoned timestamp on read).</summary>
public sealed class TimestampType : DataType
{
    private TimestampType()
    {
    }

    /// <summary>The only instance.</summary>
    public static TimestampType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "timestamp";
}
