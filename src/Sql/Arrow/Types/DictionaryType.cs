namespace Rdd.Sql.Arrow.Types;

/// <summary>
/// Dictionary-encoded strings: each row holds a signed 32-bit index into a separate <c>utf8</c> array of
/// distinct values, the layout low-cardinality string columns get from Arrow writers (and pandas'
/// categoricals). The index and value types are fixed to the one combination this layer supports; they are
/// still exposed so callers never hard-code them.
/// </summary>
internal sealed class DictionaryType : ArrowType
{
    public static readonly DictionaryType Default = new(isOrdered: false);

    public DictionaryType(bool isOrdered) => IsOrdered = isOrdered;

    public Int32Type IndexType => Int32Type.Default;

    public StringType ValueType => StringType.Default;

    /// <summary>Whether the dictionary order is meaningful (an ordered categorical).</summary>
    public bool IsOrdered { get; }

    public override ArrowTypeId TypeId => ArrowTypeId.Dictionary;

    public override string Name => IsOrdered ? "dictionary<values=utf8, indices=int32, ordered>" : "dictionary<values=utf8, indices=int32>";

    public override bool Equals(ArrowType? other) => other is DictionaryType dictionary && dictionary.IsOrdered == IsOrdered;

    public override int GetHashCode() => HashCode.Combine(TypeId, IsOrdered);
}
