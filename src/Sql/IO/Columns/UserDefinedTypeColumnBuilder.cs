using System.Buffers.Text;
using System.Text.Json;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.IO.Json;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// A user-defined-type column read from JSON: each value is the JSON object of the type's stored struct, as Spark
/// writes a UDT (<c>{"type":1,"values":[1.0,2.0]}</c>). Fields are matched by name (others are ignored, missing
/// ones are null), integers and doubles parse as in top-level columns, lists are JSON arrays; the type then checks
/// the staged value (<see cref="UserDefinedType.CheckStorage"/>), so a malformed vector is a malformed record that
/// names its line and column, not a failure later.
/// </summary>
internal sealed class UserDefinedTypeColumnBuilder : ColumnBuilder
{
    private readonly UserDefinedType _type;
    private readonly ArrowTypes.StructType _storage;
    private readonly object?[] _staged;
    private readonly List<object?[]?> _rows = [];
    private string? _error;

    public UserDefinedTypeColumnBuilder(UserDefinedType type)
        : base(type)
    {
        _type = type;
        _storage = type.StorageType;
        _staged = new object?[_storage.Fields.Count];
    }

    public override string? StagingError => _error;

    protected override bool TryStageValue(ReadOnlySpan<byte> text)
    {
        System.Array.Clear(_staged);
        _error = null;
        try
        {
            var reader = new Utf8JsonReader(text, JsonLines.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail("not a JSON object");
            }
            byte[] scratch = [];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = System.Text.Encoding.UTF8.GetString(JsonLines.Unescaped(ref reader, ref scratch));
                reader.Read();
                int field = _storage.GetFieldIndex(name, StringComparer.Ordinal);
                if (field < 0)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType == JsonTokenType.Null)
                {
                    _staged[field] = null;
                    continue;
                }
                var value = ReadField(ref reader, _storage.Fields[field].DataType);
                if (value is null)
                {
                    return Fail($"field '{name}' is not a valid {_storage.Fields[field].DataType}");
                }
                _staged[field] = value;
            }
        }
        catch (JsonException e)
        {
            return Fail(e.Message);
        }
        for (int f = 0; f < _staged.Length; f++)
        {
            if (_staged[f] is null && !_storage.Fields[f].IsNullable)
            {
                return Fail($"field '{_storage.Fields[f].Name}' is missing");
            }
        }
        _error = _type.CheckStorage(_staged);
        return _error is null;
    }

    private bool Fail(string why)
    {
        _error = why;
        return false;
    }

    private static object? ReadField(ref Utf8JsonReader reader, ArrowTypes.IArrowType type)
    {
        switch (type)
        {
            case ArrowTypes.ListType list:
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }
                bool doubles = list.ValueField.DataType is ArrowTypes.DoubleType;
                var ints = new List<int>();
                var reals = new List<double>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (doubles)
                    {
                        if (ReadDouble(ref reader) is not double d)
                        {
                            return null;
                        }
                        reals.Add(d);
                    }
                    else
                    {
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int i))
                        {
                            return null;
                        }
                        ints.Add(i);
                    }
                }
                return doubles ? reals.ToArray() : ints.ToArray();
            }
            case ArrowTypes.DoubleType:
                return ReadDouble(ref reader);
            case ArrowTypes.FixedWidthType:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long l) ? l : null;
            default:
                return null;
        }
    }

    private static double? ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out double d) ? d : null;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            // Spark writes non-finite doubles as strings.
            return reader.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" or "+Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => null,
            };
        }
        return null;
    }

    protected override void CommitValue() => _rows.Add((object?[])_staged.Clone());

    protected override void CommitNull() => _rows.Add(null);

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity)
    {
        var rows = _rows.ToArray();
        _rows.Clear();
        var children = new ArrayData[_storage.Fields.Count];
        for (int f = 0; f < children.Length; f++)
        {
            children[f] = BuildField(_storage.Fields[f].DataType, rows, f);
        }
        return new ArrayData(_storage, length, nullCount, 0, [validity], children);
    }

    private static ArrayData BuildField(ArrowTypes.IArrowType type, object?[]?[] rows, int field)
    {
        using var validity = new ValidityBuilder();
        foreach (var row in rows)
        {
            if (row?[field] is null)
            {
                validity.AppendNull();
            }
            else
            {
                validity.AppendValid();
            }
        }
        int nullCount = validity.NullCount;
        var bitmap = validity.Build();
        switch (type)
        {
            case ArrowTypes.ListType list:
            {
                var offsets = new BufferBuilder<int>(rows.Length + 1);
                offsets.Append(0);
                var child = list.ValueField.DataType is ArrowTypes.DoubleType
                    ? ListValues<double>(list.ValueField.DataType, rows, field, offsets)
                    : ListValues<int>(list.ValueField.DataType, rows, field, offsets);
                return new ArrayData(type, rows.Length, nullCount, 0, [nullCount == 0 ? ArrowBuffer.Empty : bitmap, offsets.Build()], [child]);
            }
            case ArrowTypes.DoubleType:
                return Fixed(type, rows, field, nullCount, bitmap, static v => (double)v);
            case ArrowTypes.Int8Type:
                return Fixed(type, rows, field, nullCount, bitmap, static v => checked((sbyte)(long)v));
            case ArrowTypes.Int16Type:
                return Fixed(type, rows, field, nullCount, bitmap, static v => checked((short)(long)v));
            case ArrowTypes.Int32Type:
                return Fixed(type, rows, field, nullCount, bitmap, static v => checked((int)(long)v));
            case ArrowTypes.Int64Type:
                return Fixed(type, rows, field, nullCount, bitmap, static v => (long)v);
            default:
                throw new NotSupportedException($"No JSON column of stored {Types.ArrowTypeMapping.Describe(type)}.");
        }
    }

    /// <summary>The child array of a list field: every row's items back to back, the offsets appended as it goes.</summary>
    private static ArrayData ListValues<T>(ArrowTypes.IArrowType itemType, object?[]?[] rows, int field, BufferBuilder<int> offsets)
        where T : unmanaged
    {
        using var values = new BufferBuilder<T>();
        int total = 0;
        foreach (var row in rows)
        {
            if (row?[field] is T[] items)
            {
                values.Append(items);
                total += items.Length;
            }
            offsets.Append(total);
        }
        return new ArrayData(itemType, total, 0, 0, [ArrowBuffer.Empty, values.Build()]);
    }

    private static ArrayData Fixed<T>(ArrowTypes.IArrowType type, object?[]?[] rows, int field, int nullCount, ArrowBuffer bitmap, Func<object, T> convert)
        where T : unmanaged
    {
        var values = new BufferBuilder<T>(rows.Length);
        foreach (var row in rows)
        {
            values.Append(row?[field] is { } v ? convert(v) : default);
        }
        return new ArrayData(type, rows.Length, nullCount, 0, [nullCount == 0 ? ArrowBuffer.Empty : bitmap, values.Build()]);
    }
}
