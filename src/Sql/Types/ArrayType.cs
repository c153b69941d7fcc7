namespace Rdd.Sql.Types;

/// <summary>
/// Sequences of values of one <see cref="ElementType"/>, SQL <c>array&lt;int&gt;</c> as in Spark (Arrow <c>list</c>; a
/// <c>large_list</c> or <c>fixed_size_list</c> read from a file becomes a list). A row holds an array value as
/// <c>object?[]</c> of the element type's .NET values (a nested struct as a <see cref="Row"/>), read typed with
/// <c>Row.Get&lt;int[]&gt;</c> or <c>Row.Get&lt;List&lt;int&gt;&gt;</c>.
/// </summary>
public sealed class ArrayType : DataType
{
    /// <summary>An array of <paramref name="elementType"/>, whose elements may be null unless <paramref name="containsNull"/> is false.</summary>
    public ArrayType(DataType elementType, bool containsNull = true)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ElementType = elementType;
        ContainsNull = containsNull;
    }

    /// <summary>The type of the elements.</summary>
    public DataType ElementType { get; }

    /// <summary>Whether an element may be null.</summary>
    public bool ContainsNull { get; }

    /// <inheritdoc/>
    public override string TypeName => "array";

    /// <inheritdoc/>
    public override string SimpleString => $"array<{ElementType.SimpleString}>";

    /// <inheritdoc/>
    public override bool Equals(DataType? other) =>
        other is ArrayType a && a.ContainsNull == ContainsNull && a.ElementType.Equals(ElementType);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(typeof(ArrayType), ElementType, ContainsNull);
}
