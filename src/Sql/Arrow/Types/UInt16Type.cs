namespace Rdd.Sql.Arrow.Types;

/// <summary>Unsigned 16-bit integers (.NET <c>ushort</c>).</summary>
internal sealed class UInt16Type : FixedWidthType
{
    public static readonly UInt16Type Default = new();

    private UInt16Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.UInt16;

    public override string Name => "uint16";

    public override int BitWidth => 16;
}
