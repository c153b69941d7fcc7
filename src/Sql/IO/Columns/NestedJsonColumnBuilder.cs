using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.IO.Json;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// An array or struct column read from JSON, as Spark's JSON source reads them with a given schema: a JSON array
/// for an <c>array</c>, an object for a <c>struct</c> (fields matched by name, others ignored, missing ones null),
/// nested to any depth, with numbers, strings, booleans and decimals as leaves. Each staged value is parsed whole
/// (a malformed one makes the record malformed, naming why) and kept as the .NET values <see cref="ValueColumns"/>
/// builds the Arrow column from: nested JSON is rare enough in this engine's inputs that the value-at-a-time path is
/// kept simple, unlike the flat columns' straight-to-buffer builders.
/// </summary>
internal sealed class NestedJsonColumnBuilder(DataType type) : ColumnBuilder(type)
{
    private readonly List<object?> _values = [];
    private object? _staged;
    private string? _error;

    public override string? StagingError => _error;

    protected override bool TryStageValue(ReadOnlySpan<byte> text)
    {
        _error = null;
        try
        {
            var reader = new Utf8JsonReader(text, JsonLines.ReaderOptions);
            reader.Read();
            byte[] scratch = [];
            _staged = Read(ref reader, DataType, ref scratch, out _error);
            return _error is null;
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            _error = e.Message;
            return false;
        }
    }

    /// <summary>The value the reader is on, as a value of <paramref name="type"/>; sets <paramref name="error"/> when it is not one.</summary>
    private static object? Read(ref Utf8JsonReader reader, DataType type, ref byte[] scratch, out string? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        switch (type)
        {
            case Types.ArrayType array when reader.TokenType == JsonTokenType.StartArray:
            {
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, array.ElementType, ref scratch, out error));
                    if (error is not null) return null;
                }
                return items.ToArray();
            }
            case StructType structType when reader.TokenType == JsonTokenType.StartObject:
            {
                var fields = new object?[structType.Count];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = System.Text.Encoding.UTF8.GetString(JsonLines.Unescaped(ref reader, ref scratch));
                    reader.Read();
                    int field = structType.IndexOf(name);
                    if (field < 0)
                    {
                        reader.Skip();
                        continue;
                    }
                    fields[field] = Read(ref reader, structType[field].DataType, ref scratch, out error);
                    if (error is not null) return null;
                }
                return fields;
            }
            case StringType when reader.TokenType == JsonTokenType.String:
                return System.Text.Encoding.UTF8.GetString(JsonLines.Unescaped(ref reader, ref scratch));
            case BooleanType when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                return reader.TokenType == JsonTokenType.True;
            case ByteType or ShortType or IntegerType or LongType when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long integer):
                return type switch
                {
                    ByteType => (object)checked((sbyte)integer),
                    ShortType => checked((short)integer),
                    IntegerType => checked((int)integer),
                    _ => integer,
                };
            case FloatType or DoubleType when reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double real):
                return type is FloatType ? (object)(float)real : real;
            case DecimalType when reader.TokenType is JsonTokenType.Number or JsonTokenType.String:
                return decimal.Parse(JsonLines.Unescaped(ref reader, ref scratch), NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                error = $"a JSON {reader.TokenType} is not a {type.SimpleString} value";
                return null;
        }
    }

    protected override void CommitValue() => _values.Add(_staged);

    protected override void CommitNull() => _values.Add(null);

    protected override ArrayData BuildData(int length, int nullCount, ArrowBuffer validity)
    {
        // Null rows are null values, so the built column's validity is the committed one.
        var column = ValueColumns.Build(DataType, _values, "json", null);
        _values.Clear();
        return column.Data;
    }
}
