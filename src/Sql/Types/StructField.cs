namespace Rdd.Sql;

/// <summary>One column of a <see cref="StructType"/>: its name, type and whether it may hold nulls.</summary>
/// <param name="Name">The column name; any string, compared case-insensitively when resolving references.</param>
/// <param name="DataType">The column's type.</param>
/// <param name="Nullable">Whether values may be null (true unless a source guarantees otherwise).</param>
public sealed record StructField(string Name, DataType DataType, bool Nullable = true)
{
    /// <summary>The column name.</summary>
    public string Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The column's type.</summary>
    public DataType DataType { get; init; } = DataType ?? throw new ArgumentNullException(nameof(DataType));

    /// <summary>Spark's form, <c>StructField(name,int,true)</c>.</summary>
    public override string ToString() => $"StructField({Name},{DataType.SimpleString},{(Nullable ? "true" : "false")})";
}
