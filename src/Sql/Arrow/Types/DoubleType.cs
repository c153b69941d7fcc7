namespace Rdd.Sql.Arrow.Types;

/// <summary>IEEE 754 double precision (.NET <c>double</c>).</summary>
internal sealed class DoubleType : FixedWidthType
{
    public static readonly DoubleType Default = new();

    private DoubleType()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Double;

    public override string Name => "double";

    public override int BitWidth => 64;
}
