namespace Rdd.Sql.Types;

/// <summary>IEEE 754 double precision (.NET <c>double</c>; Arrow <c>float64</c>).</summary>
public sealed class DoubleType : DataType
{
    private DoubleType()
    {
    }

    /// <summary>The only instance.</summary>
    public static DoubleType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "double";
}
