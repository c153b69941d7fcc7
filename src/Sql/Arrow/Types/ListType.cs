namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Variable-length lists of <c>double</c> (32-bit offsets into one child array): how ML vectors of
/// differing sizes travel. Only <c>double</c> children are supported; the child field keeps its name and
/// nullability so files round-trip.
/// </summary>
internal sealed class ListType : ArrowType
{
    public static readonly ListType Default = new(new Field("item", DoubleType.Default, nullable: true));

    public ListType(Field valueField)
    {
        ArgumentNullException.ThrowIfNull(valueField);
        if (valueField.Type is not DoubleType)
        {
            throw new NotSupportedException($"Only list<double> is supported, not list<{valueField.Type}>.");
        }
        ValueField = valueField;
    }

    public Field ValueField { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.List;

    public override string Name => $"list<{ValueField.Name}: {ValueField.Type}>";

    public override bool Equals(ArrowType? other) =>
        other is ListType list && list.ValueField.IsNullable == ValueField.IsNullable && list.ValueField.Name == ValueField.Name;

    public override int GetHashCode() => HashCode.Combine(TypeId, ValueField.Name);
}
