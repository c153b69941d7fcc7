using System.Buffers;
using System.Text;
using Apache.Arrow;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Csv;

/// <summary>
/// Writes record batches as CSV text (UTF-8, <c>\n</c> line ends), as Spark's CSV writer does: a header line
/// when <see cref="CsvOptions.Header"/>, nulls as <see cref="CsvOptions.NullValue"/> (empty), empty strings as
/// <c>""</c>, numbers in invariant culture (doubles always with a fraction or exponent), dates and timestamps
/// in ISO form (or the configured patterns). A field is quoted when it contains the delimiter, the quote, a
/// line break or (first character) the comment character; inside quotes the quote and the escape are
/// escaped with <see cref="CsvOptions.Escape"/> (a doubled quote when that is the quote itself).
/// </summary>
internal sealed class CsvWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly OutputBuffer _output;
    private readonly StructType _schema;
    private readonly byte _delimiter;
    private readonly byte _quote;
    private readonly byte _escape;
    private readonly byte _comment;
    private readonly bool _quoteAll;
    private readonly byte[] _nullValue;
    private readonly SearchValues<byte> _needsQuotes;
    private readonly TemporalFormats _formats;
    private bool _disposed;

    public CsvWriter(Stream output, StructType schema, CsvOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= CsvOptions.Default;
        options.Validate();
        EnsureWritable(schema);
        _stream = output;
        _leaveOpen = leaveOpen;
        _output = new OutputBuffer(output);
        _schema = schema;
        _delimiter = (byte)options.Delimiter;
        _quote = (byte)options.Quote;
        _escape = options.Escape == '\0' ? _quote : (byte)options.Escape;
        _comment = (byte)options.Comment;
        _quoteAll = options.QuoteAll;
        _nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        _needsQuotes = SearchValues.Create([_delimiter, _quote, (byte)'\r', (byte)'\n']);
        _formats = options.CreateTemporalFormats();
        if (options.Header)
        {
            for (int i = 0; i < schema.Count; i++)
            {
                if (i > 0)
                {
                    _output.Write(_delimiter);
                }
                WriteText(Encoding.UTF8.GetBytes(schema[i].Name));
            }
            _output.Write((byte)'\n');
        }
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
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    _output.Write(_delimiter);
                }
                WriteValue(columns[c], _schema[c].DataType, row);
            }
            _output.Write((byte)'\n');
            _output.FlushIfFull();
        }
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
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
            _output.Dispose();
            if (!_leaveOpen)
            {
                _stream.Dispose();
            }
        }
    }

    /// <summary>Refuses, before any work, a schema with a column CSV cannot hold (binary, vectors), naming the column.</summary>
    /// <exception cref="NotSupportedException">Such a column.</exception>
    public static void EnsureWritable(StructType schema)
    {
        foreach (var field in schema)
        {
            if (field.DataType is BinaryType || !IsWritable(field.DataType))
            {
                throw new NotSupportedException($"CSV cannot hold {field.DataType.SimpleString} data (column '{field.Name}').");
            }
        }
    }

    private static bool IsWritable(DataType type) =>
        type is ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or BooleanType
            or StringType or DateType or TimestampType or TimestampNtzType or DecimalType;

    private void WriteValue(ArrowArray column, DataType type, int row)
    {
        if (column.IsNull(row))
        {
            _output.Write(_nullValue);
            return;
        }
        if (type is StringType)
        {
            var text = ((StringArray)column).GetBytes(row);
            if (text.IsEmpty)
            {
                _output.Write(_quote);
                _output.Write(_quote);
            }
            else
            {
                WriteText(text);
            }
            return;
        }
        if (_quoteAll)
        {
            _output.Write(_quote);
        }
        var destination = _output.GetSpan(64);
        int written = type switch
        {
            ByteType => NumberFormatting.FormatInt64(((PrimitiveArray<sbyte>)column).Values[row], destination),
            ShortType => NumberFormatting.FormatInt64(((PrimitiveArray<short>)column).Values[row], destination),
            IntegerType => NumberFormatting.FormatInt64(((PrimitiveArray<int>)column).Values[row], destination),
            LongType => NumberFormatting.FormatInt64(((PrimitiveArray<long>)column).Values[row], destination),
            FloatType => NumberFormatting.FormatSingle(((PrimitiveArray<float>)column).Values[row], destination),
            DoubleType => NumberFormatting.FormatDouble(((PrimitiveArray<double>)column).Values[row], destination),
            BooleanType => FormatBoolean(((BooleanArray)column).GetBit(row), destination),
            DateType => _formats.Date.Format(((Date32Array)column).Values[row], destination),
            TimestampType => _formats.Timestamp.Format(((TimestampArray)column).Values[row], destination),
            DecimalType d => DecimalValues.FormatUtf8(Execution.Kernels.ArrayValues.Unscaled((Decimal128Array)column, row), d.Scale, destination),
            _ => _formats.TimestampNtz.Format(((TimestampArray)column).Values[row], destination),
        };
        _output.Advance(written);
        if (_quoteAll)
        {
            _output.Write(_quote);
        }
    }

    private static int FormatBoolean(bool value, Span<byte> destination)
    {
        var text = value ? "true"u8 : "false"u8;
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>Text, quoted and escaped when it has to be.</summary>
    private void WriteText(ReadOnlySpan<byte> text)
    {
        bool quote = _quote != 0 && (_quoteAll || text.IsEmpty || text.ContainsAny(_needsQuotes) || (_comment != 0 && text[0] == _comment));
        if (!quote)
        {
            _output.Write(text);
            return;
        }
        _output.Write(_quote);
        while (true)
        {
            int special = _escape == _quote ? text.IndexOf(_quote) : text.IndexOfAny(_quote, _escape);
            if (special < 0)
            {
                _output.Write(text);
                break;
            }
            _output.Write(text[..special]);
            _output.Write(_escape);
            _output.Write(text[special]);
            text = text[(special + 1)..];
        }
        _output.Write(_quote);
    }
}
