using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Rdd.Core.IO;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Json;

/// <summary>
/// Works out the schema of JSON lines files as Spark's JsonInferSchema does: every top-level key of every
/// (sampled) object becomes a column, fields sorted by name. Integer numbers are bigint (doubles when
/// beyond bigint, there being no decimal type), other numbers double, <c>true</c>/<c>false</c> boolean,
/// strings string (no date or timestamp detection, Spark's default). Types meet as Spark's: bigint + double
/// = double, equal types stay, anything else is string; nulls leave a type unchanged and a column that is
/// only ever null is a string. An object shaped like the stored struct of a user-defined type (MlLib's vector:
/// <c>{"type":1,"values":[…]}</c>) reads as that type; other nested objects and arrays are not supported as
/// types: such a column is a string holding the value's JSON text.
/// </summary>
/// <remarks>
/// A line that is not a JSON object is ignored in PERMISSIVE and DROPMALFORMED mode and throws a
/// <see cref="MalformedRecordException"/> in FAILFAST mode. Spark would add a <c>_corrupt_record</c> column
/// in PERMISSIVE mode; there is no such column here.
/// </remarks>
internal static class JsonSchemaInference
{
    /// <summary>The schema of <paramref name="files"/> (as <see cref="FileSplit.ListFiles"/> lists them).</summary>
    public static StructType Infer(IReadOnlyList<string> files, JsonOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var splits = FileSplit.Plan(files, Environment.ProcessorCount);
        var partial = SplitParallelism.Map(splits, split => InferSplit(split, options, ct), ct);

        var merged = new InferredColumns();
        foreach (var split in partial)
        {
            merged.MergeFrom(split);
        }
        return merged.ToSchema();
    }

    /// <summary>The columns and types seen in one split.</summary>
    public static InferredColumns InferSplit(FileSplit split, JsonOptions options, CancellationToken ct = default)
    {
        var columns = new InferredColumns();
        var sample = options.SamplingRatio < 1 ? new Random(SampleSeed(split)) : null;
        byte[] scratch = new byte[256];
        var found = new List<(int Column, DataType? Type)>();
        using var cursor = new LineCursor(split.ToTextFileSplit(), ct);
        while (cursor.TryReadLineUtf8(out var line))
        {
            if (split.Start == 0 && cursor.LinesRead == 1)
            {
                line = ByteOrderMark.Skip(line);
            }
            if (JsonLines.IsBlank(line) || (sample is not null && sample.NextDouble() >= options.SamplingRatio))
            {
                continue;
            }
            string? problem;
            try
            {
                var reader = new Utf8JsonReader(line, JsonLines.ReaderOptions);
                problem = InferObject(ref reader, columns, found, ref scratch);
            }
            catch (JsonException e)
            {
                problem = e.Message;
            }
            if (problem is not null && options.Mode == ParseMode.FailFast)
            {
                throw new MalformedRecordException("JSON", split.Path, split.FirstLineNumber() + cursor.LinesRead - 1, problem);
            }
        }
        return columns;
    }

    /// <summary>The type a JSON value suggests; null for a JSON null.</summary>
    public static DataType? InferValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True or JsonTokenType.False:
                return BooleanType.Instance;
            case JsonTokenType.Number:
                var number = reader.ValueSpan;
                return JsonLines.IsIntegerLiteral(number) && Utf8Parser.TryParse(number, out long _, out int consumed) && consumed == number.Length
                    ? LongType.Instance
                    : DoubleType.Instance;
            case JsonTokenType.String:
                return StringType.Instance;
            case JsonTokenType.StartObject:
                var type = MatchUserDefinedType(reader);
                reader.Skip();
                return (DataType?)type ?? StringType.Instance;
            default:
                reader.Skip();
                return StringType.Instance;
        }
    }

    /// <summary>
    /// The registered user-defined type whose stored struct this object is (its keys are all fields of the
    /// storage, the required ones present): how a vector column written by Spark or Rdd reads back as vectors.
    /// </summary>
    private static UserDefinedType? MatchUserDefinedType(Utf8JsonReader probe)
    {
        var keys = new List<string>();
        byte[] scratch = [];
        while (probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
        {
            keys.Add(Encoding.UTF8.GetString(JsonLines.Unescaped(ref probe, ref scratch)));
            probe.Read();
            probe.Skip();
        }
        foreach (var type in UserDefinedTypes.All)
        {
            var fields = type.StorageType.Fields;
            if (keys.All(k => fields.Any(f => f.Name == k)) && fields.All(f => f.IsNullable || keys.Contains(f.Name)))
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>Spark's JSON <c>compatibleType</c>: null only when both are.</summary>
    public static DataType? Merge(DataType? left, DataType? right)
    {
        if (left is null || right is null || left == right)
        {
            return left ?? right;
        }
        return (left, right) is (LongType, DoubleType) or (DoubleType, LongType) ? DoubleType.Instance : StringType.Instance;
    }

    private static string? InferObject(ref Utf8JsonReader reader, InferredColumns columns, List<(int Column, DataType? Type)> found, ref byte[] scratch)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return "the line is not a JSON object";
        }
        // Values are recorded only once the whole line has proved to be valid JSON.
        found.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int column = columns.GetOrAdd(JsonLines.Unescaped(ref reader, ref scratch));
            reader.Read();
            found.Add((column, InferValue(ref reader)));
        }
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return "the JSON object is not complete";
        }
        if (reader.Read())
        {
            return "there is more than one JSON value on the line";
        }
        foreach (var (column, type) in found)
        {
            columns.Observe(column, type);
        }
        return null;
    }

    private static int SampleSeed(FileSplit split)
    {
        uint hash = 2166136261;
        foreach (char c in split.Path)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)(hash ^ (uint)split.Start ^ (uint)(split.Start >> 32));
    }
}
