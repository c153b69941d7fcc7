namespace Rdd.Sql.Arrow.Types;

/// <summary>IEEE 754 single precision (.NET <c>float</c>).</summary>
internal sealed class FloatType : FixedWidthType
{
    public static readonly FloatType Default = new();

    private FloatType()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Float;

    public override string Name => "float";

    public override int BitWidth => 32;
}
