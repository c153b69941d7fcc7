namespace Rdd.Sql.Arrow.Types;

/// <summary>UTF-8 strings with 32-bit offsets (Arrow <c>utf8</c>).</summary>
internal sealed class StringType : ArrowType
{
    public static readonly StringType Default = new();

    private StringType()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.String;

    public override string Name => "utf8";
}
