namespace Rdd.Sql.Types;

/// <summary>IEEE 754 single precision (.NET <c>float</c>; Arrow <c>float32</c>).</summary>
public sealed class FloatType : DataType
{
    private FloatType()
    {
    }

    /// <summary>The only instance.</summary>
    public static FloatType Instance { get; } = new();

    /// <inheritdoc/>
    public override string TypeName => "float";
}
