using System.Text;
using Rdd.Core.IO;
using Rdd.Sql.IO.Columns;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Csv;

/// <summary>
/// Works out the schema of CSV files as Spark's CSVInferSchema does. Column names come from the first
/// non-blank line of the first file (the header, or <c>_c0</c>, <c>_c1</c> ... without one). Without
/// <see cref="CsvOptions.InferSchema"/> every column is a string; with it the files are read in parallel
/// splits and each value moves its column's type along Spark's chain: int → bigint → double → date →
/// timestamp → boolean → string, starting from the type so far. Null and empty values leave the type
/// unchanged; a column with no value at all is a string. Types meet by widening (int + bigint = bigint,
/// int or bigint + double = double, date + timestamp = timestamp), anything else meets as string.
/// </summary>
/// <remarks>
/// Differences from Spark: integers beyond bigint infer as double (there is no decimal type), and dates are
/// inferred (Spark's <c>inferDate</c> option, off by default there).
/// </remarks>
internal static class CsvSchemaInference
{
    /// <summary>The schema of <paramref name="files"/> (as <see cref="FileSplit.ListFiles"/> lists them).</summary>
    public static StructType Infer(IReadOnlyList<string> files, CsvOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string[]? first = ReadFirstRecord(files, options, ct);
        if (first is null)
        {
            return new StructType();
        }
        string[] names = ColumnNames(first, options);
        if (!options.InferSchema)
        {
            return new StructType(names.Select(n => new StructField(n, StringType.Instance)));
        }

        var splits = FileSplit.Plan(files, Environment.ProcessorCount);
        var partial = SplitParallelism.Map(splits, split => InferSplit(split, names.Length, options, ct), ct);

        var types = new DataType?[names.Length];
        foreach (var split in partial)
        {
            for (int c = 0; c < types.Length; c++)
            {
                types[c] = Merge(types[c], split[c]);
            }
        }
        return new StructType(names.Select((n, c) => new StructField(n, types[c] ?? StringType.Instance)));
    }

    /// <summary>
    /// The types seen in one split for the first <paramref name="columnCount"/> fields of each record; null
    /// where a column had no value. Extra fields are ignored.
    /// </summary>
    public static DataType?[] InferSplit(FileSplit split, int columnCount, CsvOptions options, CancellationToken ct = default)
    {
        var types = new DataType?[columnCount];
        var syntax = CsvSyntax.From(options);
        var scratch = new CsvScratch();
        var formats = options.CreateTemporalFormats();
        byte[] nullValue = Encoding.UTF8.GetBytes(options.NullValue);
        byte[] emptyValue = Encoding.UTF8.GetBytes(options.EmptyValue);
        byte comment = (byte)options.Comment;
        bool skipHeader = options.Header && split.Start == 0;
        var sample = options.SamplingRatio < 1 ? new Random(SampleSeed(split)) : null;

        using var cursor = new LineCursor(split.ToTextFileSplit(), ct);
        while (cursor.TryReadLineUtf8(out var line))
        {
            if (split.Start == 0 && cursor.LinesRead == 1)
            {
                line = ByteOrderMark.Skip(line);
            }
            if (line.IsEmpty || (comment != 0 && line[0] == comment))
            {
                continue;
            }
            if (skipHeader)
            {
                skipHeader = false;
                continue;
            }
            if (sample is not null && sample.NextDouble() >= options.SamplingRatio)
            {
                continue;
            }
            var fields = new CsvFieldReader(line, syntax, scratch);
            for (int c = 0; c < columnCount && fields.TryRead(out var value, out bool quoted); c++)
            {
                if (value.IsEmpty)
                {
                    if (!quoted)
                    {
                        continue;
                    }
                    value = emptyValue;
                }
                if (value.SequenceEqual(nullValue) || types[c] is StringType)
                {
                    continue;
                }
                types[c] = Merge(types[c], InferField(types[c], value, formats));
            }
        }
        return types;
    }

    /// <summary>The type a non-null value suggests, given the column's type so far (null: none yet).</summary>
    public static DataType InferField(DataType? soFar, ReadOnlySpan<byte> value, TemporalFormats formats) => soFar switch
    {
        null or IntegerType => TryInteger(value, formats),
        LongType => TryLong(value, formats),
        DoubleType => TryDouble(value, formats),
        DateType => TryDate(value, formats),
        TimestampType => TryTimestamp(value, formats),
        BooleanType => TryBoolean(value),
        _ => StringType.Instance,
    };

    /// <summary>The narrowest type both <paramref name="left"/> and <paramref name="right"/> widen to; null only when both are.</summary>
    public static DataType? Merge(DataType? left, DataType? right)
    {
        if (left is null || right is null || left == right)
        {
            return left ?? right;
        }
        return (left, right) switch
        {
            (IntegerType, LongType) or (LongType, IntegerType) => LongType.Instance,
            (IntegerType or LongType, DoubleType) or (DoubleType, IntegerType or LongType) => DoubleType.Instance,
            (DateType, TimestampType) or (TimestampType, DateType) => TimestampType.Instance,
            _ => StringType.Instance,
        };
    }

    /// <summary>
    /// Column names from the first record, as Spark's <c>makeSafeHeader</c>: a header's empty (or null-valued)
    /// names become <c>_c&lt;i&gt;</c>, and names that repeat (ignoring case) get their index appended.
    /// </summary>
    public static string[] ColumnNames(IReadOnlyList<string> firstRecord, CsvOptions options)
    {
        var names = new string[firstRecord.Count];
        if (!options.Header)
        {
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = $"_c{i}";
            }
            return names;
        }
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in firstRecord)
        {
            if (!string.IsNullOrEmpty(name) && name != options.NullValue)
            {
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        for (int i = 0; i < names.Length; i++)
        {
            string name = firstRecord[i];
            names[i] = string.IsNullOrEmpty(name) || name == options.NullValue ? $"_c{i}"
                : counts[name] > 1 ? $"{name}{i}"
                : name;
        }
        return names;
    }

    /// <summary>The fields of the first non-blank, non-comment line of the first file that has one; null when none has.</summary>
    public static string[]? ReadFirstRecord(IReadOnlyList<string> files, CsvOptions options, CancellationToken ct = default)
    {
        var syntax = CsvSyntax.From(options);
        var scratch = new CsvScratch();
        byte comment = (byte)options.Comment;
        foreach (string file in files)
        {
            using var cursor = new LineCursor(FileSplit.WholeFile(file).ToTextFileSplit(), ct);
            while (cursor.TryReadLineUtf8(out var line))
            {
                if (cursor.LinesRead == 1)
                {
                    line = ByteOrderMark.Skip(line);
                }
                if (line.IsEmpty || (comment != 0 && line[0] == comment))
                {
                    continue;
                }
                var fields = new CsvFieldReader(line, syntax, scratch);
                var record = new List<string>();
                while (fields.TryRead(out var value, out _))
                {
                    record.Add(Encoding.UTF8.GetString(value));
                }
                return [.. record];
            }
        }
        return null;
    }

    private static DataType TryInteger(ReadOnlySpan<byte> value, TemporalFormats formats) =>
        default(IntegerParser<int>).TryParse(value, out _) ? IntegerType.Instance : TryLong(value, formats);

    private static DataType TryLong(ReadOnlySpan<byte> value, TemporalFormats formats) =>
        default(IntegerParser<long>).TryParse(value, out _) ? LongType.Instance : TryDouble(value, formats);

    private static DataType TryDouble(ReadOnlySpan<byte> value, TemporalFormats formats) =>
        default(FloatingParser<double>).TryParse(value, out _) ? DoubleType.Instance : TryDate(value, formats);

    private static DataType TryDate(ReadOnlySpan<byte> value, TemporalFormats formats) =>
        formats.Date.TryParse(value, out _) ? DateType.Instance : TryTimestamp(value, formats);

    private static DataType TryTimestamp(ReadOnlySpan<byte> value, TemporalFormats formats) =>
        formats.Timestamp.TryParse(value, out _) ? TimestampType.Instance : TryBoolean(value);

    private static DataType TryBoolean(ReadOnlySpan<byte> value) =>
        default(BooleanParser).TryParse(value, out _) ? BooleanType.Instance : StringType.Instance;

    /// <summary>A seed that depends only on the split, so a sampled inference gives the same schema every run.</summary>
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
