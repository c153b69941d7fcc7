namespace Rdd.Sql.Types;

/// <summary>Signed 16-bit integers, SQL <c>smallint</c> (.NET <c>short</c>; Arrow <c>int16</c>, and <c>uint8</c> on read).</summary>
public sealed class ShortType : DataType
{
    private ShortType()
    {
    }

    /// <summary>The only instance.</summary>
    public static ShortType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "short";

    /// <inheritdoc/>
    public override string SimpleString => "smallint";
}
