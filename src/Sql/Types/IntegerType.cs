namespace Rdd.Sql.Types;

/// <summary>Signed 32-bit integers, SQL <c>int</c> (.NET <c>int</c>; Arrow <c>int32</c>, and <c>uint16</c> on read).</summary>
public sealed class IntegerType : DataType
{
    private IntegerType()
    {
    }

    /// <summary>The only instance.</summary>
    public static IntegerType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "integer";

    /// <inheritdoc/>
    public override string SimpleString => "int";
}
