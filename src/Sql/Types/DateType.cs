namespace Rdd.Sql.Types;

/// <summary>Calendar dates without a time zone (.NET <c>DateOnly</c>; Arrow <c>date32</c>, days since 1970-01-01).</summary>
public sealed class DateType : DataType
{
    private DateType()
    {
    }

    /// <summary>The only instance.</summary>
    public static DateType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "date";
}
