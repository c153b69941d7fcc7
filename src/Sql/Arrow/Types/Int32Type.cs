namespace Rdd.Sql.Arrow.Types;

/// <summary>Signed 32-bit integers (.NET <c>int</c>).</summary>
internal sealed class Int32Type : FixedWidthType
{
    public static readonly Int32Type Default = new();

    private Int32Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Int32;

    public override string Name => "int32";

    public override int BitWidth => 32;
}
