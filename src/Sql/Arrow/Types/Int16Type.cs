namespace Rdd.Sql.Arrow.Types;

/// <summary>Signed 16-bit integers (.NET <c>short</c>).</summary>
internal sealed class Int16Type : FixedWidthType
{
    public static readonly Int16Type Default = new();

    private Int16Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Int16;

    public override string Name => "int16";

    public override int BitWidth => 16;
}
