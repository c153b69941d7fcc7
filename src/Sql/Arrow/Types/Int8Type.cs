namespace Rdd.Sql.Arrow.Types;

/// <summary>Signed 8-bit integers (.NET <c>sbyte</c>).</summary>
internal sealed class Int8Type : FixedWidthType
{
    public static readonly Int8Type Default = new();

    private Int8Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Int8;

    public override string Name => "int8";

    public override int BitWidth => 8;
}
