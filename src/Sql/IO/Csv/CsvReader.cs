using System.Text;
using Apache.Arrow;
using Rdd.Core.IO;
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
internal sealed class CsvReader : LineRecordReader
{
    private readonly CsvSyntax _syntax;
    private readonly CsvScratch _scratch = new();
    private readonly ParseMode _mode;
    private readonly byte _comment;
    private readonly byte[] _nullValue;
    private readonly byte[] _emptyValue;
    private readonly bool _emptyValueIsNull;
    private readonly int _lastColumn;
    private readonly bool _checkHeader;
    private bool _skipHeader;

    /// <param name="split">The byte range to read.</param>
    /// <param name="schema">The schema of the file's records, in field order.</param>
    /// <param name="options">Parsing options; <see cref="CsvOptions.InferSchema"/> is ignored here.</param>
    /// <param name="columns">Indices into <paramref name="schema"/> of the columns to produce, in output order; null for all.</param>
    /// <param name="batchSize">Maximum rows per batch.</param>
    /// <param name="ct">Checked while reading.</param>
    public CsvReader(FileSplit split, StructType schema, CsvOptions options, IReadOnlyList<int>? columns = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
        : base(split, schema, Selected(schema, options, columns), options.CreateTemporalFormats(), batchSize, ct)
    {

        _syntax = CsvSyntax.From(options);
        _mode = options.Mode;
        _comment = (byte)options.Comment;
        _nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        _emptyValue = Encoding.UTF8.GetBytes(options.EmptyValue);
        _emptyValueIsNull = options.EmptyValue == options.NullValue;
        _skipHeader = options.Header && split.Start == 0;
        _checkHeader = !options.EnforceSchema;
        _lastColumn = System.Array.FindLastIndex(Slots, slot => slot >= 0);
    }

    private static int[] Selected(StructType schema, CsvOptions options, IReadOnlyList<int>? columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var selected = ColumnSelection.Resolve(schema, columns);
        foreach (int column in selected)
        {
            if (schema[column].DataType is BinaryType or UserDefinedType)
            {
                throw new NotSupportedException($"CSV cannot hold {schema[column].DataType.SimpleString} data (column '{schema[column].Name}').");
            }
        }
        return selected;
    }

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

    protected override bool TryAddRecord(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty || (_comment != 0 && line[0] == _comment))
        {
            return false;
        }
        if (_skipHeader)
        {
            _skipHeader = false;
            if (_checkHeader)
            {
                CheckHeader(line);
            }
            return false;
        }
        return ParseRecord(line);
    }

    /// <summary>
    /// With <c>enforceSchema=false</c>: the header must name the schema's columns, by position, ignoring case
    /// (Spark's <c>CSVHeaderChecker</c>, whose messages these are).
    /// </summary>
    /// <exception cref="ArgumentException">The header does not match (Spark's IllegalArgumentException).</exception>
    private void CheckHeader(ReadOnlySpan<byte> line)
    {
        var fields = new CsvFieldReader(line, _syntax, _scratch);
        var header = new List<string>();
        while (fields.TryRead(out var value, out _))
        {
            header.Add(Encoding.UTF8.GetString(value));
        }
        var names = Schema.FieldNames;
        if (header.Count != names.Count)
        {
            throw new ArgumentException(
                "Number of column in CSV header is not equal to number of fields in the schema:\n"
                + $" Header length: {header.Count}, schema size: {names.Count}\nCSV file: {Split.Path}");
        }
        for (int i = 0; i < names.Count; i++)
        {
            if (!string.Equals(header[i], names[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    "CSV header does not conform to the schema.\n"
                    + $" Header: {string.Join(", ", header)}\n Schema: {string.Join(", ", names)}\n"
                    + $"Expected: {names[i]} but found: {header[i]}\nCSV file: {Split.Path}");
            }
        }
    }

    /// <summary>Parses one record into the builders; false when it was dropped.</summary>
    private bool ParseRecord(ReadOnlySpan<byte> line)
    {
        var fields = new CsvFieldReader(line, _syntax, _scratch);
        int column = 0;
        while (column <= _lastColumn && fields.TryRead(out var value, out bool quoted))
        {
            int slot = Slots[column];
            if (slot >= 0 && !Stage(Builders[slot], value, quoted))
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
            if (fieldCount != Schema.Count || fields.Unterminated)
            {
                if (_mode == ParseMode.FailFast)
                {
                    throw fields.Unterminated
                        ? Malformed("a quoted field is not closed on its line (a record is one line; quoted fields cannot contain line breaks)")
                        : Malformed($"expected {Schema.Count} fields, found {fieldCount}");
                }
                DiscardAll();
                return false;
            }
        }
        foreach (var builder in Builders)
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
        foreach (var builder in Builders)
        {
            builder.Discard();
        }
    }

    private MalformedRecordException BadValue(int column, ReadOnlySpan<byte> value)
    {
        var field = Schema[column];
        string text = MalformedRecordException.Shorten(value);
        return new MalformedRecordException("CSV", Split.Path, CurrentLineNumber(),
            $"'{text}' is not a valid {field.DataType.SimpleString}", field.Name, column + 1, text);
    }

    private MalformedRecordException Malformed(string problem) =>
        new("CSV", Split.Path, CurrentLineNumber(), problem);

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
