namespace Rdd.Sql.Types;

/// <summary>Byte strings (.NET <c>byte[]</c>; Arrow <c>binary</c>).</summary>
public sealed class BinaryType : DataType
{
    private BinaryType()
    {
    }

    /// <summary>The only instance.</summary>
    public static BinaryType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "binary";
}
