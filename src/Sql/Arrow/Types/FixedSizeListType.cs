namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Lists of exactly <see cref="ListSize"/> <c>double</c> values each, stored back to back in one child
/// array with no offsets: the compact layout for dense ML vectors (and embeddings) of one dimension.
/// </summary>
internal sealed class FixedSizeListType : ArrowType
{
    public FixedSizeListType(Field valueField, int listSize)
    {
        ArgumentNullException.ThrowIfNull(valueField);
        ArgumentOutOfRangeException.ThrowIfNegative(listSize);
        if (valueField.Type is not DoubleType)
        {
            throw new NotSupportedException($"Only fixed_size_list<double> is supported, not fixed_size_list<{valueField.Type}>.");
        }
        ValueField = valueField;
        ListSize = listSize;
    }

    public FixedSizeListType(int listSize)
        : this(new Field("item", DoubleType.Default, nullable: true), listSize)
    {
    }

    public Field ValueField { get; }

    public int ListSize { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.FixedSizeList;

    public override string Name => $"fixed_size_list<{ValueField.Name}: {ValueField.Type}>[{ListSize}]";

    public override bool Equals(ArrowType? other) =>
        other is FixedSizeListType list && list.ListSize == ListSize
        && list.ValueField.IsNullable == ValueField.IsNullable && list.ValueField.Name == ValueField.Name;

    public override int GetHashCode() => HashCode.Combine(TypeId, ListSize);
}
