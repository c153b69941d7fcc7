namespace Rdd.Sql.Arrow.Types;

/// <summary>Opaque byte strings with 32-bit offsets (Arrow <c>binary</c>; .NET <c>byte[]</c>).</summary>
internal sealed class BinaryType : ArrowType
{
    public static readonly BinaryType Default = new();

    private BinaryType()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Binary;

    public override string Name => "binary";
}
