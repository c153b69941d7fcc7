namespace Rdd.Sql.Arrow.Types;

/// <summary>Days since 1970-01-01 as a signed 32-bit integer (.NET <c>DateOnly</c>).</summary>
internal sealed class Date32Type : FixedWidthType
{
    public static readonly Date32Type Default = new();

    private Date32Type()
    {
    }

    public override ArrowTypeId TypeId => ArrowTypeId.Date32;

    public override string Name => "date32[day]";

    public override int BitWidth => 32;
}
