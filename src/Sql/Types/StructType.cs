using System.Collections;
using System.Collections.ObjectModel;
using System.Text;

namespace Rdd.Sql;

/// <summary>
/// The schema of a DataFrame, and the type of a struct column (SQL <c>struct&lt;a:int,b:string&gt;</c>, Arrow
/// <c>struct</c>; a row holds a struct value as a <see cref="Row"/>): an immutable, ordered list of <see cref="StructField"/>s. Names may repeat (a
/// join can produce two <c>id</c> columns); <see cref="IndexOf"/> resolves a name case-insensitively, as Spark
/// does by default. Equality compares names (ordinally), types and nullability, field by field.
/// </summary>
public sealed class StructType : DataType, IReadOnlyList<StructField>, IEquatable<StructType>
{
    private readonly StructField[] _fields;
    private readonly ReadOnlyCollection<StructField> _view;
    private ReadOnlyCollection<string>? _fieldNames;

    /// <summary>A schema of the given fields, in order.</summary>
    public StructType(IEnumerable<StructField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var field in _fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
        }
        _view = Array.AsReadOnly(_fields);
    }

    /// <summary>A schema of the given fields, in order.</summary>
    public StructType(params StructField[] fields)
        : this((IEnumerable<StructField>)fields)
    {
    }

    /// <summary>The fields, in order.</summary>
    public IReadOnlyList<StructField> Fields => _view;

    /// <summary>The field names, in order.</summary>
    public IReadOnlyList<string> FieldNames => _fieldNames ??= Array.AsReadOnly(Array.ConvertAll(_fields, f => f.Name));

    /// <summary>Number of fields.</summary>
    public int Count => _fields.Length;

    /// <summary>The field at <paramref name="index"/>.</summary>
    public StructField this[int index] => _fields[index];

    /// <summary>The field <see cref="IndexOf"/> resolves <paramref name="name"/> to.</summary>
    /// <exception cref="ArgumentException">No field has that name; the message lists the fields.</exception>
    public StructField this[string name]
    {
        get
        {
            int index = IndexOf(name);
            return index >= 0
                ? _fields[index]
                : throw new ArgumentException($"No field '{name}'; the fields are {string.Join(", ", FieldNames)}.", nameof(name));
        }
    }

    /// <summary>
    /// The index of the field called <paramref name="name"/>, or -1. Names match case-insensitively (Spark's
    /// default resolution); when several fields match that way, an exact (ordinal) match decides.
    /// </summary>
    /// <exception cref="ArgumentException">Several fields match case-insensitively and none exactly.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int found = -1;
        bool ambiguous = false;
        for (int i = 0; i < _fields.Length; i++)
        {
            string candidate = _fields[i].Name;
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return i;
            }
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                ambiguous |= found >= 0;
                found = found < 0 ? i : found;
            }
        }
        return ambiguous
            ? throw new ArgumentException($"Field name '{name}' is ambiguous; it matches {string.Join(", ", FieldNames.Where(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))}.", nameof(name))
            : found;
    }

    /// <summary>A new schema with <paramref name="field"/> appended.</summary>
    public StructType Add(StructField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new StructType([.. _fields, field]);
    }

    /// <summary>A new schema with a field appended.</summary>
    public StructType Add(string name, DataType dataType, bool nullable = true) => Add(new StructField(name, dataType, nullable));

    /// <inheritdoc/>
    public override string TypeName => "struct";

    /// <summary>Spark's <c>simpleString</c>: <c>struct&lt;a:int,b:string&gt;</c>.</summary>
    public override string SimpleString => $"struct<{string.Join(",", _fields.Select(f => $"{f.Name}:{f.DataType.SimpleString}"))}>";

    /// <summary>
    /// The schema as Spark's <c>printSchema</c> shows it, using each type's <see cref="DataType.TypeName"/>:
    /// <code>
    /// root
    ///  |-- id: integer (nullable = true)
    ///  |-- name: string (nullable = false)
    /// </code>
    /// Every line, the last included, ends with <c>\n</c>.
    /// </summary>
    public string TreeString()
    {
        var text = new StringBuilder("root\n");
        AppendTree(text, this, " |");
        return text.ToString();
    }

    /// <summary>Spark's nesting: a struct's fields and an array's <c>element</c> one level deeper, prefixed <c> |   </c>.</summary>
    private static void AppendTree(StringBuilder text, StructType type, string prefix)
    {
        foreach (var field in type._fields)
        {
            text.Append(prefix).Append("-- ").Append(field.Name).Append(": ").Append(field.DataType.TypeName)
                .Append(" (nullable = ").Append(field.Nullable ? "true" : "false").Append(")\n");
            AppendNested(text, field.DataType, prefix + "    |");
        }
    }

    private static void AppendNested(StringBuilder text, DataType type, string prefix)
    {
        switch (type)
        {
            case StructType nested:
                AppendTree(text, nested, prefix);
                break;
            case Types.ArrayType array:
                text.Append(prefix).Append("-- element: ").Append(array.ElementType.TypeName)
                    .Append(" (containsNull = ").Append(array.ContainsNull ? "true" : "false").Append(")\n");
                AppendNested(text, array.ElementType, prefix + "    |");
                break;
        }
    }

    /// <inheritdoc/>
    public IEnumerator<StructField> GetEnumerator() => ((IEnumerable<StructField>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(StructType? other) => other is not null && _fields.AsSpan().SequenceEqual(other._fields);

    /// <inheritdoc/>
    public override bool Equals(DataType? other) => other is StructType structType && Equals(structType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
        {
            hash.Add(field);
        }
        return hash.ToHashCode();
    }
}
