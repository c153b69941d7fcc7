namespace Rdd.Sql.Arrow.Types;

/// <summary>Unsigned 8-bit integers (.NET <c>byte</c>).</summary>
internal sealed class UInt8Type : FixedWidthType
{
    public static readonly UInt8Type Default = new();

    private UInt8Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.UInt8;

    public override string Name => "uint8";

    public override int BitWidth => 8;
}
