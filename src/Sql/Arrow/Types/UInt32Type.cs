namespace Rdd.Sql.Arrow.Types;

/// <summary>Unsigned 32-bit integers (.NET <c>uint</c>).</summary>
internal sealed class UInt32Type : FixedWidthType
{
    public static readonly UInt32Type Default = new();

    private UInt32Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.UInt32;

    public override string Name => "uint32";

    public override int BitWidth => 32;
}
