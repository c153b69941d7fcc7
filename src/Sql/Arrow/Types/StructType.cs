namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Arrow's <c>struct&lt;…&gt;</c>: one child array per field, all as long as the struct array. It stores the
/// values of user-defined types (an ML vector is Spark's <c>struct&lt;type, size, indices, values&gt;</c>).
/// </summary>
internal sealed class StructType : ArrowType
{
    public StructType(IReadOnlyList<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = [.. fields];
    }

    public IReadOnlyList<Field> Fields { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.Struct;

    public override string Name => $"struct<{string.Join(", ", Fields.Select(f => $"{f.Name}: {f.Type}"))}>";

    /// <summary>The position of the field called <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    public override bool Equals(ArrowType? other) =>
        other is StructType s && s.Fields.Count == Fields.Count
        && Fields.Zip(s.Fields).All(p => p.First.Name == p.Second.Name && p.First.IsNullable == p.Second.IsNullable && p.First.Type.Equals(p.Second.Type));

    public override int GetHashCode() => HashCode.Combine(TypeId, Fields.Count);
}
