namespace Rdd.Sql.Arrow.Types;

/// <summary>Signed 64-bit integers (.NET <c>long</c>).</summary>
internal sealed class Int64Type : FixedWidthType
{
    public static readonly Int64Type Default = new();

    private Int64Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Int64;

    public override string Name => "int64";

    public override int BitWidth => 64;
}
