using System.Globalization;
using Rdd.Sql.Show;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// One row of a <see cref="DataFrame"/> result: the values of its columns as .NET objects (see the type mapping:
/// int → <see cref="int"/>, bigint → <see cref="long"/>, date → <see cref="DateOnly"/>, timestamp →
/// <see cref="DateTime"/>, …; SQL NULL is <c>null</c>). Rows compare by value and print like Spark's
/// <c>[1,a,null]</c>.
/// </summary>
public sealed class Row : IEquatable<Row>
{
    private readonly object?[] _values;

    /// <summary>A row of <paramref name="values"/> with no schema (lookup by name is unavailable).</summary>
    public Row(params object?[] values) : this(values, null)
    {
    }

    internal Row(object?[] values, StructType? schema)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
        Schema = schema;
    }

    /// <summary>The schema of the row, when it came from a <see cref="DataFrame"/>.</summary>
    public StructType? Schema { get; }

    /// <summary>The number of values.</summary>
    public int Length => _values.Length;

    /// <summary>The values, in column order (a copy).</summary>
    public object?[] Values => (object?[])_values.Clone();

    /// <summary>The value at <paramref name="i"/>.</summary>
    public object? this[int i] => _values[i];

    /// <summary>The value of the column named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No column has that name, or the row has no schema.</exception>
    public object? this[string name]
    {
        get
        {
            if (Schema is null)
            {
                throw new ArgumentException("The row has no schema; look values up by position.", nameof(name));
            }
            int index = Schema.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException(
                    $"Column '{name}' does not exist. Available: {string.Join(", ", Schema.FieldNames)}.", nameof(name));
            }
            return _values[index];
        }
    }

    /// <summary>The value at <paramref name="i"/> as <typeparamref name="T"/> (numeric values are converted; null gives default).</summary>
    /// <exception cref="InvalidCastException">The value cannot be converted.</exception>
    public T Get<T>(int i)
    {
        object? value = _values[i];
        if (value is null)
        {
            return default(T) is null ? default! : throw new InvalidCastException($"The value at {i} is null.");
        }
        if (value is T typed)
        {
            return typed;
        }
        return (T)ConvertValue(value, typeof(T), i);
    }

    /// <summary>
    /// A value as <paramref name="type"/>: numbers by <see cref="System.Convert"/>, an array value (<c>object?[]</c>)
    /// as a typed array, <see cref="List{T}"/> or read-only list of the converted items.
    /// </summary>
    private static object ConvertValue(object value, Type type, int i)
    {
        if (type.IsInstanceOfType(value))
        {
            return value;
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        if (value is object?[] items && ItemType(target) is { } itemType)
        {
            var array = System.Array.CreateInstance(itemType, items.Length);
            for (int k = 0; k < items.Length; k++)
            {
                array.SetValue(items[k] is null ? null : ConvertValue(items[k]!, itemType, i), k);
            }
            return target.IsArray || target.IsInterface ? array : Activator.CreateInstance(target, array)!;
        }
        throw new InvalidCastException($"The value at {i} is a {value.GetType().Name}, not a {type.Name}.");
    }

    /// <summary>The item type of an array, <see cref="List{T}"/> or list interface <paramref name="type"/>, or null.</summary>
    private static Type? ItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        if (!type.IsGenericType || type.GetGenericArguments().Length != 1)
        {
            return null;
        }
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>)
            || definition == typeof(IList<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <inheritdoc />
    public bool Equals(Row? other) =>
        other is not null && _values.Length == other._values.Length
        && _values.Zip(other._values).All(p => ValueEquals(p.First, p.Second));

    private static bool ValueEquals(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => ValueEquals(p.First, p.Second)),
        _ => Equals(a, b),
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Row other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value switch
            {
                byte[] bytes => bytes.Length,
                object?[] items => items.Length,
                _ => value,
            });
        }
        return hash.ToHashCode();
    }

    /// <summary>Spark's row text: <c>[1,a,null]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", _values.Select(ValueFormatter.Format)) + "]";
}
