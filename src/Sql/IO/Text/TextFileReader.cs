using Apache.Arrow;
using Rdd.Core.IO;
using Rdd.Sql.IO.Columns;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Text;

/// <summary>
/// Reads the lines of one <see cref="FileSplit"/> as Spark's text source does: one row per line (empty lines
/// included, terminators excluded) in a single string column <c>value</c>. The bytes go into the column as
/// they are; no string is made per line.
/// </summary>
internal sealed class TextFileReader : IDisposable
{
    public const int DefaultBatchSize = 64 * 1024;

    private const long MaxBatchBytes = 256L * 1024 * 1024;

    // Declared before the fields below: static initializers run in textual order.
    /// <summary>The schema of every text read: <c>value string</c>.</summary>
    public static StructType ValueSchema { get; } = new(new StructField("value", StringType.Instance));

    private static readonly Apache.Arrow.Schema s_valueSchema = ArrowTypeMapping.ToArrowSchema(ValueSchema);

    private static readonly Apache.Arrow.Schema s_noColumns = new([], null);

    private readonly LineCursor _cursor;
    private readonly StringColumnBuilder? _builder;
    private readonly int _batchSize;
    private bool _atFileStart;

    /// <param name="split">The byte range to read.</param>
    /// <param name="includeValue">False for batches without a column, only a row count (all a <c>count()</c> needs).</param>
    /// <param name="batchSize">Maximum rows per batch.</param>
    /// <param name="ct">Checked while reading.</param>
    public TextFileReader(FileSplit split, bool includeValue = true, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _atFileStart = split.Start == 0;
        _builder = includeValue ? new StringColumnBuilder(0) : null;
        _cursor = new LineCursor(split.ToTextFileSplit(), ct);
    }

    /// <summary>Bytes read from the file so far (compressed bytes for gzip), for input metrics.</summary>
    public long BytesRead => _cursor.BytesRead;

    /// <summary>Lines read so far.</summary>
    public long LinesRead => _cursor.LinesRead;

    /// <summary>The batches of <paramref name="split"/>, read lazily (the file is opened on the first MoveNext).</summary>
    public static IEnumerable<RecordBatch> Read(FileSplit split, bool includeValue = true, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return Enumerate(split, includeValue, batchSize, ct);
    }

    /// <summary>The next batch of at most the batch size rows, or null at the end of the split.</summary>
    public RecordBatch? ReadNextBatch()
    {
        int rows = 0;
        long bytes = 0;
        while (rows < _batchSize && bytes < MaxBatchBytes && _cursor.TryReadLineUtf8(out var line))
        {
            if (_atFileStart)
            {
                line = ByteOrderMark.Skip(line);
                _atFileStart = false;
            }
            if (_builder is not null)
            {
                _builder.TryStage(line);
                _builder.Commit();
            }
            bytes += line.Length;
            rows++;
        }
        if (rows == 0)
        {
            return null;
        }
        return _builder is null ? new RecordBatch(s_noColumns, [], rows) : new RecordBatch(s_valueSchema, [_builder.Build()], rows);
    }

    public void Dispose()
    {
        _cursor.Dispose();
        _builder?.Dispose();
    }

    private static IEnumerable<RecordBatch> Enumerate(FileSplit split, bool includeValue, int batchSize, CancellationToken ct)
    {
        using var reader = new TextFileReader(split, includeValue, batchSize, ct);
        while (reader.ReadNextBatch() is { } batch)
        {
            yield return batch;
        }
    }
}
