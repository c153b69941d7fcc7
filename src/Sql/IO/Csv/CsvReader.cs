using System.Text;
using Rdd.Core.IO;
using Rdd.Sql.Arrow;
using Rdd.Sql.IO.Columns;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Csv;

/// <summary>
/// Reads the CSV records of one <see cref="FileSplit"/> into Arrow record batches. Lines come from
/// <see cref="LineCursor"/> as UTF-8 spans (Hadoop's split rules, so the splits of a file read each line once);
/// fields are cut by <see cref="CsvFieldReader"/> and parsed straight from the span into
/// <see cref="ColumnBuilder"/>s: no string per field, no object per row. Only the requested columns are parsed;
/// the others are skipped (and, in PERMISSIVE mode, fields after the last requested one are not even cut).
/// </summary>
/// <remarks>
/// Blank lines and comment lines are skipped; with <see cref="CsvOptions.Header"/> the first other line of
/// the split starting at byte 0 is the header and is skipped too. A record with the wrong number of fields,
/// an unclosed quote, or a requested value that does not parse as its column's type is malformed; see
/// <see cref="ParseMode"/> for what happens to it.
/// </remarks>
internal sealed class CsvReader : IDisposable
{
    /// <summary>Rows per batch unless told otherwise.</summary>
    public const int DefaultBatchSize = 64 * 1024;

    // A batch also ends after this many bytes of input, far from the 2 GiB a string column's offsets can address.
    private const long MaxBatchBytes = 256L * 1024 * 1024;

    private readonly FileSplit _split;
    private readonly StructType _schema;
    private readonly LineCursor _cursor;
    private readonly CsvSyntax _syntax;
    private readonly CsvScratch _scratch = new();
    private readonly ParseMode _mode;
    private readonly byte _comment;
    private readonly byte[] _nullValue;
    private readonly byte[] _emptyValue;
    private readonly bool _emptyValueIsNull;
    private readonly int[] _slots;
    private readonly int _lastColumn;
    private readonly ColumnBuilder[] _builders;
    private readonly Schema _arrowSchema;
    private readonly int _batchSize;
    private bool _skipHeader;
    private bool _atFileStart;
    private bool _finished;
    private int _previousBatchRows;
    private long _firstLineNumber = -1;

    /// <param name="split">The byte range to read.</param>
    /// <param name="schema">The schema of the file's records, in field order.</param>
    /// <param name="options">Parsing options; <see cref="CsvOptions.InferSchema"/> is ignored here.</param>
    /// <param name="columns">Indices into <paramref name="schema"/> of the columns to produce, in output order; null for all.</param>
    /// <param name="batchSize">Maximum rows per batch.</param>
    /// <param name="ct">Checked while reading.</param>
    public CsvReader(FileSplit split, StructType schema, CsvOptions options, IReadOnlyList<int>? columns = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        options.Validate();
        var selected = ColumnSelection.Resolve(schema, columns);
        foreach (int column in selected)
        {
            if (schema[column].DataType is BinaryType)
            {
                throw new NotSupportedException($"CSV cannot hold binary data (column '{schema[column].Name}').");
            }
        }

        _split = split;
        _schema = schema;
        _syntax = CsvSyntax.From(options);
        _mode = options.Mode;
        _comment = (byte)options.Comment;
        _nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        _emptyValue = Encoding.UTF8.GetBytes(options.EmptyValue);
        _emptyValueIsNull = options.EmptyValue == options.NullValue;
        _batchSize = batchSize;
        _skipHeader = options.Header && split.Start == 0;
        _atFileStart = split.Start == 0;

        _slots = new int[schema.Count];
        Array.Fill(_slots, -1);
        _lastColumn = -1;
        var formats = options.CreateTemporalFormats();
        _builders = new ColumnBuilder[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            _slots[selected[i]] = i;
            _lastColumn = Math.Max(_lastColumn, selected[i]);
            _builders[i] = ColumnBuilder.Create(schema[selected[i]].DataType, formats);
        }
        _arrowSchema = ArrowTypeMapping.ToArrowSchema(new StructType(selected.Select(c => schema[c])));
        _cursor = new LineCursor(split.ToTextFileSplit(), ct);
    }

    /// <summary>Bytes read from the file so far (compressed bytes for gzip), for input metrics.</summary>
    public long BytesRead => _cursor.BytesRead;

    /// <summary>Lines read so far, blank, comment, header and dropped lines included.</summary>
    public long LinesRead => _cursor.LinesRead;

    /// <summary>The batches of <paramref name="split"/>, read lazily (the file is opened on the first MoveNext).</summary>
    /// <inheritdoc cref="CsvReader(FileSplit, StructType, CsvOptions, IReadOnlyList{int}?, int, CancellationToken)"/>
    public static IEnumerable<RecordBatch> Read(FileSplit split, StructType schema, CsvOptions options, IReadOnlyList<int>? columns = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return Enumerate(split, schema, options, columns, batchSize, ct);
    }

    /// <summary>The next batch of at most the batch size rows, or null at the end of the split.</summary>
    public RecordBatch? ReadNextBatch()
    {
        if (_finished)
        {
            return null;
        }
        if (_previousBatchRows > 0)
        {
            foreach (var builder in _builders)
            {
                builder.Reserve(_previousBatchRows);
            }
        }
        int rows = 0;
        long bytes = 0;
        while (rows < _batchSize && bytes < MaxBatchBytes)
        {
            if (!_cursor.TryReadLineUtf8(out var line))
            {
                _finished = true;
                break;
            }
            if (_atFileStart)
            {
                line = ByteOrderMark.Skip(line);
                _atFileStart = false;
            }
            if (line.IsEmpty || (_comment != 0 && line[0] == _comment))
            {
                continue;
            }
            if (_skipHeader)
            {
                _skipHeader = false;
                continue;
            }
            if (ParseRecord(line))
            {
                // Only kept rows add data, so a run of dropped lines cannot end a batch empty-handed.
                bytes += line.Length;
                rows++;
            }
        }
        if (rows == 0)
        {
            return null;
        }
        _previousBatchRows = rows;
        var arrays = new ArrowArray[_builders.Length];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = _builders[i].Build();
        }
        return new RecordBatch(_arrowSchema, arrays, rows);
    }

    public void Dispose()
    {
        _cursor.Dispose();
        foreach (var builder in _builders)
        {
            builder.Dispose();
        }
    }

    /// <summary>Parses one record into the builders; false when it was dropped.</summary>
    private bool ParseRecord(ReadOnlySpan<byte> line)
    {
        var fields = new CsvFieldReader(line, _syntax, _scratch);
        int column = 0;
        while (column <= _lastColumn && fields.TryRead(out var value, out bool quoted))
        {
            int slot = _slots[column];
            if (slot >= 0 && !Stage(_builders[slot], value, quoted))
            {
                if (_mode == ParseMode.FailFast)
                {
                    throw BadValue(column, value);
                }
                if (_mode == ParseMode.DropMalformed)
                {
                    DiscardAll();
                    return false;
                }
            }
            column++;
        }
        if (_mode != ParseMode.Permissive)
        {
            int fieldCount = column + fields.SkipRest();
            if (fieldCount != _schema.Count || fields.Unterminated)
            {
                if (_mode == ParseMode.FailFast)
                {
                    throw fields.Unterminated
                        ? Malformed("a quoted field is not closed on its line (a record is one line; quoted fields cannot contain line breaks)")
                        : Malformed($"expected {_schema.Count} fields, found {fieldCount}");
                }
                DiscardAll();
                return false;
            }
        }
        foreach (var builder in _builders)
        {
            builder.Commit();
        }
        return true;
    }

    /// <summary>Stages one field; false when it does not parse as the column's type.</summary>
    private bool Stage(ColumnBuilder builder, ReadOnlySpan<byte> value, bool quoted)
    {
        if (value.IsEmpty)
        {
            if (!quoted || _emptyValueIsNull)
            {
                builder.StageNull();
                return true;
            }
            return builder.TryStage(_emptyValue);
        }
        if (value.Length == _nullValue.Length && value.SequenceEqual(_nullValue))
        {
            builder.StageNull();
            return true;
        }
        return builder.TryStage(value);
    }

    private void DiscardAll()
    {
        foreach (var builder in _builders)
        {
            builder.Discard();
        }
    }

    private long CurrentLineNumber()
    {
        if (_firstLineNumber < 0)
        {
            _firstLineNumber = _split.FirstLineNumber();
        }
        return _firstLineNumber + _cursor.LinesRead - 1;
    }

    private MalformedRecordException BadValue(int column, ReadOnlySpan<byte> value)
    {
        var field = _schema[column];
        string text = MalformedRecordException.Shorten(value);
        return new MalformedRecordException("CSV", _split.Path, CurrentLineNumber(),
            $"'{text}' is not a valid {field.DataType.SimpleString}", field.Name, column + 1, text);
    }

    private MalformedRecordException Malformed(string problem) =>
        new("CSV", _split.Path, CurrentLineNumber(), problem);

    private static IEnumerable<RecordBatch> Enumerate(FileSplit split, StructType schema, CsvOptions options, IReadOnlyList<int>? columns,
        int batchSize, CancellationToken ct)
    {
        using var reader = new CsvReader(split, schema, options, columns, batchSize, ct);
        while (reader.ReadNextBatch() is { } batch)
        {
            yield return batch;
        }
    }
}
