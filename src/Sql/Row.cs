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
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }
        throw new InvalidCastException($"The value at {i} is a {value.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <inheritdoc />
    public bool Equals(Row? other) =>
        other is not null && _values.Length == other._values.Length
        && _values.Zip(other._values).All(p => ValueEquals(p.First, p.Second));

    private static bool ValueEquals(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Row other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value is byte[] bytes ? bytes.Length : value);
        }
        return hash.ToHashCode();
    }

    /// <summary>Spark's row text: <c>[1,a,null]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", _values.Select(ValueFormatter.Format)) + "]";
}
