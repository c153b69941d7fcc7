using System.Text.Encodings.Web;
using System.Text.Json;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Json;

/// <summary>
/// Writes record batches as JSON lines, one object per row in schema order, as Spark's JSON writer does:
/// null fields left out (unless <see cref="JsonOptions.IgnoreNullFields"/> is off), doubles always with a
/// fraction or exponent (so that inference reads them back as double) and <c>"NaN"</c>/<c>"Infinity"</c> as
/// strings, dates and timestamps as ISO strings (or the configured patterns), binary as base64. Non-ASCII
/// text is written as UTF-8, not escaped.
/// </summary>
internal sealed class JsonWriter : IDisposable
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly OutputBuffer _output;
    private readonly Utf8JsonWriter _json;
    private readonly StructType _schema;
    private readonly JsonEncodedText[] _names;
    private readonly bool _ignoreNullFields;
    private readonly TemporalFormats _formats;
    private readonly byte[] _scratch = new byte[64];
    private bool _disposed;

    public JsonWriter(Stream output, StructType schema, JsonOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= JsonOptions.Default;
        options.Validate();
        foreach (var field in schema)
        {
            ArrowTypeMapping.ToArrowType(field.DataType);
        }
        _stream = output;
        _leaveOpen = leaveOpen;
        _output = new OutputBuffer(output);
        _json = new Utf8JsonWriter(_output, s_writerOptions);
        _schema = schema;
        _names = [.. schema.Select(f => JsonEncodedText.Encode(f.Name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];
        _ignoreNullFields = options.IgnoreNullFields;
        _formats = options.CreateTemporalFormats();
    }

    /// <summary>Appends the rows of <paramref name="batch"/>, whose columns must match the schema given at construction.</summary>
    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.ColumnCount != _schema.Count)
        {
            throw new ArgumentException($"The batch has {batch.ColumnCount} columns, the schema {_schema.Count}.", nameof(batch));
        }
        batch = ArrowArrayNormalizer.Normalize(batch);
        var columns = batch.Columns;
        for (int row = 0; row < batch.Length; row++)
        {
            _json.WriteStartObject();
            for (int c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                if (column.IsNull(row))
                {
                    if (!_ignoreNullFields)
                    {
                        _json.WriteNull(_names[c]);
                    }
                    continue;
                }
                _json.WritePropertyName(_names[c]);
                WriteValue(column, _schema[c].DataType, row);
            }
            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            _output.Write((byte)'\n');
            _output.FlushIfFull();
        }
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        _json.Flush();
        _output.Flush();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            Flush();
        }
        finally
        {
            _json.Dispose();
            _output.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    private void WriteValue(ArrowArray column, DataType type, int row)
    {
        switch (type)
        {
            case ByteType:
                _json.WriteNumberValue(((PrimitiveArray<sbyte>)column).Values[row]);
                break;
            case ShortType:
                _json.WriteNumberValue(((PrimitiveArray<short>)column).Values[row]);
                break;
            case IntegerType:
                _json.WriteNumberValue(((PrimitiveArray<int>)column).Values[row]);
                break;
            case LongType:
                _json.WriteNumberValue(((PrimitiveArray<long>)column).Values[row]);
                break;
            case FloatType:
                float single = ((PrimitiveArray<float>)column).Values[row];
                WriteFloating(float.IsFinite(single), NumberFormatting.FormatSingle(single, _scratch));
                break;
            case DoubleType:
                double value = ((PrimitiveArray<double>)column).Values[row];
                WriteFloating(double.IsFinite(value), NumberFormatting.FormatDouble(value, _scratch));
                break;
            case BooleanType:
                _json.WriteBooleanValue(((BooleanArray)column).GetBit(row));
                break;
            case StringType:
                _json.WriteStringValue(((StringArray)column).GetBytes(row));
                break;
            case BinaryType:
                _json.WriteBase64StringValue(((BinaryArray)column).GetBytes(row));
                break;
            case DateType:
                _json.WriteStringValue(_scratch.AsSpan(0, _formats.Date.Format(((Date32Array)column).Values[row], _scratch)));
                break;
            case TimestampType:
                _json.WriteStringValue(_scratch.AsSpan(0, _formats.Timestamp.Format(((TimestampArray)column).Values[row], _scratch)));
                break;
            case UserDefinedType:
                WriteStorage((StructArray)column, row);
                break;
            case DecimalType decimalType:
                _json.WriteRawValue(_scratch.AsSpan(0, DecimalValues.FormatUtf8(ArrayValues.Unscaled((Decimal128Array)column, row), decimalType.Scale, _scratch)), skipInputValidation: true);
                break;
            case ArrayType arrayType:
            {
                // Spark writes an array's null items as null (only struct fields are left out).
                var list = (ListArray)column;
                var items = (ArrowArray)list.Values;
                _json.WriteStartArray();
                for (int i = list.ValueOffsets[row], end = list.ValueOffsets[row + 1]; i < end; i++)
                {
                    if (items.IsNull(i))
                    {
                        _json.WriteNullValue();
                    }
                    else
                    {
                        WriteValue(items, arrayType.ElementType, i);
                    }
                }
                _json.WriteEndArray();
                break;
            }
            case StructType structType:
            {
                var structArray = (StructArray)column;
                _json.WriteStartObject();
                for (int f = 0; f < structType.Count; f++)
                {
                    var child = structArray.Field(f);
                    if (child.IsNull(row))
                    {
                        if (!_ignoreNullFields)
                        {
                            _json.WriteNull(structType[f].Name);
                        }
                        continue;
                    }
                    _json.WritePropertyName(structType[f].Name);
                    WriteValue(child, structType[f].DataType, row);
                }
                _json.WriteEndObject();
                break;
            }
            default:
                _json.WriteStringValue(_scratch.AsSpan(0, _formats.TimestampNtz.Format(((TimestampArray)column).Values[row], _scratch)));
                break;
        }
    }

    /// <summary>
    /// A user-defined type's stored struct as a JSON object, as Spark writes a UDT (its SQL struct):
    /// <c>{"type":1,"values":[1.0,2.0]}</c>; null fields are left out like top-level ones.
    /// </summary>
    private void WriteStorage(StructArray storage, int row)
    {
        _json.WriteStartObject();
        var fields = storage.StructType.Fields;
        for (int f = 0; f < fields.Count; f++)
        {
            var child = storage.Field(f);
            if (child.IsNull(row))
            {
                if (!_ignoreNullFields)
                {
                    _json.WriteNull(fields[f].Name);
                }
                continue;
            }
            _json.WritePropertyName(fields[f].Name);
            switch (child)
            {
                case ListArray list:
                    _json.WriteStartArray();
                    if (list.ListType.ValueDataType is Apache.Arrow.Types.DoubleType)
                    {
                        foreach (double value in list.GetValues<double>(row))
                        {
                            WriteFloating(double.IsFinite(value), NumberFormatting.FormatDouble(value, _scratch));
                        }
                    }
                    else
                    {
                        foreach (int value in list.GetValues<int>(row))
                        {
                            _json.WriteNumberValue(value);
                        }
                    }
                    _json.WriteEndArray();
                    break;
                case PrimitiveArray<double> doubles:
                    WriteFloating(double.IsFinite(doubles.Values[row]), NumberFormatting.FormatDouble(doubles.Values[row], _scratch));
                    break;
                case PrimitiveArray<sbyte> bytes:
                    _json.WriteNumberValue(bytes.Values[row]);
                    break;
                case PrimitiveArray<int> ints:
                    _json.WriteNumberValue(ints.Values[row]);
                    break;
                case PrimitiveArray<long> longs:
                    _json.WriteNumberValue(longs.Values[row]);
                    break;
                default:
                    throw new NotSupportedException($"JSON cannot hold the stored field {fields[f]}.");
            }
        }
        _json.WriteEndObject();
    }

    /// <summary>Finite numbers as JSON numbers; NaN and infinities as strings (JSON has no literal for them).</summary>
    private void WriteFloating(bool finite, int length)
    {
        if (finite)
        {
            _json.WriteRawValue(_scratch.AsSpan(0, length), skipInputValidation: true);
        }
        else
        {
            _json.WriteStringValue(_scratch.AsSpan(0, length));
        }
    }
}
