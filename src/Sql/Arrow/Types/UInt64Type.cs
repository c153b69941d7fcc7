namespace Rdd.Sql.Arrow.Types;

/// <summary>Unsigned 64-bit integers (.NET <c>ulong</c>).</summary>
internal sealed class UInt64Type : FixedWidthType
{
    public static readonly UInt64Type Default = new();

    private UInt64Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.UInt64;

    public override string Name => "uint64";

    public override int BitWidth => 64;
}
