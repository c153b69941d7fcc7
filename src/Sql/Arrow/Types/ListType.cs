namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Arrow's variable-length <c>list&lt;item&gt;</c>, with offsets into one child array. The child is a
/// fixed-width number type: lists carry the values and indices of ML vectors (list&lt;double&gt;,
/// list&lt;int32&gt;).
/// </summary>
internal sealed class ListType : ArrowType
{
    /// <summary><c>list&lt;item: double&gt;</c>, the values of a vector.</summary>
    public static readonly ListType Default = new(new Field("item", DoubleType.Default, nullable: true));

    /// <summary><c>list&lt;item: int32&gt;</c>, the indices of a sparse vector.</summary>
    public static readonly ListType Int32 = new(new Field("item", Int32Type.Default, nullable: true));

    public ListType(Field valueField)
    {
        ArgumentNullException.ThrowIfNull(valueField);
        if (valueField.Type is not FixedWidthType || valueField.Type is BooleanType)
        {
            throw new NotSupportedException($"Lists of numbers are supported, not list<{valueField.Type}>.");
        }
        ValueField = valueField;
    }

    public Field ValueField { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.List;

    public override string Name => $"list<{ValueField.Name}: {ValueField.Type}>";

    public override bool Equals(ArrowType? other) =>
        other is ListType list && list.ValueField.Type.Equals(ValueField.Type)
        && list.ValueField.IsNullable == ValueField.IsNullable && list.ValueField.Name == ValueField.Name;

    public override int GetHashCode() => HashCode.Combine(TypeId, ValueField.Name, ValueField.Type);
}
