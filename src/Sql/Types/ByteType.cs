namespace Rdd.Sql.Types;

/// <summary>Signed 8-bit integers, SQL <c>tinyint</c> (.NET <c>sbyte</c>; Arrow <c>int8</c>).</summary>
public sealed class ByteType : DataType
{
    private ByteType()
    {
    }

    /// <summary>The only instance.</summary>
    public static ByteType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "byte";

    /// <inheritdoc/>
    public override string SimpleString => "tinyint";
}
