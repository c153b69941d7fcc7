namespace Rdd.Sql.Arrow.Types;

/// <summary>Booleans, bit-packed like a validity bitmap.</summary>
internal sealed class BooleanType : FixedWidthType
{
    public static readonly BooleanType Default = new();

    private BooleanType()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Boolean;

    public override string Name => "bool";

    public override int BitWidth => 1;
}
