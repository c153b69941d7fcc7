using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// A struct array: a validity bitmap and one child array per field. As in Arrow's C++ and Java libraries the
/// children keep their own offset and a slice of the struct only moves the struct's offset, so
/// <see cref="Field(int)"/> returns the child window that lines up with this array's slots.
/// </summary>
internal sealed class StructArray : ArrowArray
{
    private readonly ArrowArray?[] _fields;

    public StructArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not Types.StructType type)
        {
            throw new ArgumentException($"A StructArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        if (data.Children.Length != type.Fields.Count)
        {
            throw new InvalidDataException($"A {type} array needs {type.Fields.Count} child arrays, not {data.Children.Length}.");
        }
        foreach (var child in data.Children)
        {
            if (child.Length < data.Offset + data.Length)
            {
                throw new InvalidDataException($"A {type} array of {data.Offset + data.Length} slots has a child of only {child.Length}.");
            }
        }
        _fields = new ArrowArray?[type.Fields.Count];
    }

    public Types.StructType StructType => (Types.StructType)Type;

    /// <summary>The child array of field <paramref name="index"/>, aligned with this array's slots.</summary>
    public ArrowArray Field(int index)
    {
        return _fields[index] ??= ArrowArrayFactory.Create(Data.Children[index].Slice(Offset, Length));
    }

    /// <summary>The child array of the field called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No field has that name.</exception>
    public ArrowArray Field(string name)
    {
        int index = StructType.IndexOf(name);
        return index >= 0 ? Field(index) : throw new ArgumentException($"{Type} has no field '{name}'.", nameof(name));
    }

    public override StructArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    /// <summary>A struct array of <paramref name="fields"/> (each as long as <paramref name="length"/>) with an optional validity bitmap.</summary>
    public static StructArray Create(Types.StructType type, IReadOnlyList<ArrowArray> fields, int length, byte[]? validity = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(fields);
        int nullCount = validity is null ? 0 : length - BitUtility.CountBits(validity, 0, length);
        var buffers = new Memory.ArrowBuffer[] { nullCount == 0 ? Memory.ArrowBuffer.Empty : new Memory.ArrowBuffer(validity) };
        return new StructArray(new ArrayData(type, length, 0, nullCount, buffers, [.. fields.Select(f => f.Data)]));
    }
}
