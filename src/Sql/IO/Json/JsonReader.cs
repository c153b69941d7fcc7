using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Rdd.Core.IO;
using Rdd.Sql.IO.Columns;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Json;

/// <summary>
/// Reads JSON lines (one object per line) of one <see cref="FileSplit"/> into Arrow record batches. Each
/// line's UTF-8 span goes through <see cref="Utf8JsonReader"/>; keys are matched to schema columns as bytes
/// (trying the column after the previous match first, since records usually repeat one key order) and values
/// are parsed straight into <see cref="ColumnBuilder"/>s. Keys outside the schema or not requested are
/// skipped, missing keys are null, a repeated key keeps its last value.
/// </summary>
/// <remarks>
/// Value conversion follows Spark's JSON parser: integer columns take integer numbers; floating-point columns
/// take numbers and the strings <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>; boolean columns take
/// <c>true</c>/<c>false</c>; date and timestamp columns take strings in the configured format; binary columns
/// take base64 strings; string columns take any value, numbers, booleans, nested objects and arrays as their
/// JSON text. A value of the wrong kind makes the record malformed: in PERMISSIVE mode that value is null
/// (the rest of the record is kept); a line that is not a JSON object gives a row of nulls.
/// </remarks>
internal sealed class JsonReader : LineRecordReader
{
    private readonly ParseMode _mode;
    private readonly byte[][] _names;
    private byte[] _scratch = new byte[256];
    private int _nextColumnGuess;

    /// <inheritdoc cref="CsvReader(FileSplit, StructType, CsvOptions, IReadOnlyList{int}?, int, CancellationToken)"/>
    public JsonReader(FileSplit split, StructType schema, JsonOptions options, IReadOnlyList<int>? columns = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
        : base(split, schema, Selected(schema, options, columns), options.CreateTemporalFormats(), batchSize, ct)
    {
        _mode = options.Mode;
        _names = [.. schema.Select(f => Encoding.UTF8.GetBytes(f.Name))];
    }

    private static int[] Selected(StructType schema, JsonOptions options, IReadOnlyList<int>? columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ColumnSelection.Resolve(schema, columns);
    }

    /// <summary>The batches of <paramref name="split"/>, read lazily (the file is opened on the first MoveNext).</summary>
    public static IEnumerable<RecordBatch> Read(FileSplit split, StructType schema, JsonOptions options, IReadOnlyList<int>? columns = null,
        int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        return Enumerate(split, schema, options, columns, batchSize, ct);
    }

    protected override bool TryAddRecord(ReadOnlySpan<byte> line) => !JsonLines.IsBlank(line) && ParseRecord(line);

    private bool ParseRecord(ReadOnlySpan<byte> line)
    {
        string? syntaxError;
        try
        {
            var reader = new Utf8JsonReader(line, JsonLines.ReaderOptions);
            syntaxError = ParseObject(ref reader, line, out bool keep);
            if (syntaxError is null)
            {
                if (!keep)
                {
                    DiscardAll();
                    return false;
                }
                CommitAll();
                return true;
            }
        }
        catch (JsonException e)
        {
            syntaxError = e.Message;
        }
        if (_mode == ParseMode.FailFast)
        {
            throw new MalformedRecordException("JSON", Split.Path, CurrentLineNumber(), syntaxError);
        }
        DiscardAll();
        if (_mode == ParseMode.DropMalformed)
        {
            return false;
        }
        CommitAll();
        return true;
    }

    /// <summary>
    /// Stages the object's values; returns a syntax problem, or null with <paramref name="keep"/> false when
    /// a value of the wrong kind means the record is dropped.
    /// </summary>
    private string? ParseObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, out bool keep)
    {
        keep = true;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the line is not a JSON object";
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int column = FindColumn(JsonLines.Unescaped(ref reader, ref _scratch));
            reader.Read();
            int slot = column < 0 ? -1 : Slots[column];
            if (slot < 0)
            {
                reader.Skip();
                continue;
            }
            if (!Stage(ref reader, line, Builders[slot]))
            {
                if (_mode == ParseMode.FailFast)
                {
                    throw BadValue(ref reader, line, column);
                }
                if (_mode == ParseMode.DropMalformed)
                {
                    keep = false;
                    return null;
                }
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "the JSON object is not complete";
        }
        // Anything but whitespace after the object makes Read throw.
        return reader.Read() ? "there is more than one JSON value on the line" : null;
    }

    /// <summary>Stages the current value into <paramref name="builder"/>; false when it is of the wrong kind or does not parse.</summary>
    private bool Stage(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, ColumnBuilder builder)
    {
        var type = builder.DataType;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                builder.StageNull();
                return true;
            case JsonTokenType.String:
                return type is not (ByteType or ShortType or IntegerType or LongType or BooleanType)
                    && builder.TryStage(JsonLines.Unescaped(ref reader, ref _scratch));
            case JsonTokenType.Number:
                return type is ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or DecimalType or StringType
                    && builder.TryStage(reader.ValueSpan);
            case JsonTokenType.True:
                return type is BooleanType or StringType && builder.TryStage("true"u8);
            case JsonTokenType.False:
                return type is BooleanType or StringType && builder.TryStage("false"u8);
            default:
                // An object or array: its JSON text for a string column, an error otherwise.
                bool isObject = reader.TokenType == JsonTokenType.StartObject;
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                int end = (int)reader.BytesConsumed;
                return (type is StringType || type is UserDefinedType or StructType && isObject || type is ArrayType && !isObject)
                    && builder.TryStage(line[start..end]);
        }
    }

    /// <summary>The schema index of the column called <paramref name="key"/>, or -1.</summary>
    private int FindColumn(ReadOnlySpan<byte> key)
    {
        int guess = _nextColumnGuess;
        if (guess < _names.Length && key.SequenceEqual(_names[guess]))
        {
            _nextColumnGuess = guess + 1;
            return guess;
        }
        for (int i = 0; i < _names.Length; i++)
        {
            if (key.SequenceEqual(_names[i]))
            {
                _nextColumnGuess = i + 1;
                return i;
            }
        }
        return -1;
    }

    private void DiscardAll()
    {
        _nextColumnGuess = 0;
        foreach (var builder in Builders)
        {
            builder.Discard();
        }
    }

    private void CommitAll()
    {
        _nextColumnGuess = 0;
        foreach (var builder in Builders)
        {
            builder.Commit();
        }
    }

    private MalformedRecordException BadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, int column)
    {
        var field = Schema[column];
        string text = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.EndObject or JsonTokenType.EndArray
            ? "(nested JSON)"
            : MalformedRecordException.Shorten(reader.TokenType == JsonTokenType.String ? JsonLines.Unescaped(ref reader, ref _scratch) : reader.ValueSpan);
        string kind = reader.TokenType switch
        {
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            _ => "nested JSON value",
        };
        string? why = Builders[Slots[column]].StagingError;
        return new MalformedRecordException("JSON", Split.Path, CurrentLineNumber(),
            $"the {kind} {text} is not a valid {field.DataType.SimpleString}{(why is null ? "" : ": " + why)}", field.Name, column + 1, text);
    }

    private static IEnumerable<RecordBatch> Enumerate(FileSplit split, StructType schema, JsonOptions options, IReadOnlyList<int>? columns,
        int batchSize, CancellationToken ct)
    {
        using var reader = new JsonReader(split, schema, options, columns, batchSize, ct);
        while (reader.ReadNextBatch() is { } batch)
        {
            yield return batch;
        }
    }
}
