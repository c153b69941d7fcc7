namespace Rdd.Sql.Types;

/// <summary>True or false (.NET <c>bool</c>; Arrow <c>bool</c>).</summary>
public sealed class BooleanType : DataType
{
    private BooleanType()
    {
    }

    /// <summary>The only instance.</summary>
    public static BooleanType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "boolean";
}
