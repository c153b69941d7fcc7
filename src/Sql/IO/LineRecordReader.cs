using Apache.Arrow;
using Rdd.Core.IO;
using Rdd.Sql.IO.Columns;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO;

/// <summary>
/// The part of the line-based readers (CSV, JSON lines) that does not depend on the format: UTF-8 lines of
/// one <see cref="FileSplit"/> from <see cref="LineCursor"/> (Hadoop's split rules), a byte-order mark
/// dropped at the start of a file, one column builder per requested column, and batches of at most the batch
/// size rows (or 256 MiB of input). A subclass turns one line into one staged-and-committed row.
/// </summary>
internal abstract class LineRecordReader : IDisposable
{
    /// <summary>
    /// Rows per batch unless told otherwise: the order of Spark's columnar batches (10,000 rows in its cache, 4,096
    /// in its vectorized readers). It keeps every per-batch temporary an operator allocates (a long or double
    /// column is 64 KiB) under the 85 KB large-object threshold, so temporaries die young in gen 0 instead of
    /// each one pushing the GC towards a full collection.
    /// </summary>
    public const int DefaultBatchSize = 8 * 1024;

    // A batch also ends after this many bytes of input, far from the 2 GiB a string column's offsets can address.
    private const long MaxBatchBytes = 256L * 1024 * 1024;

    private readonly LineCursor _cursor;
    private readonly Schema _arrowSchema;
    private readonly int _batchSize;
    private bool _atFileStart;
    private bool _finished;
    private int _previousBatchRows;
    private long _firstLineNumber = -1;

    protected LineRecordReader(FileSplit split, StructType schema, int[] selected, TemporalFormats formats, int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Split = split;
        Schema = schema;
        _batchSize = batchSize;
        _atFileStart = split.Start == 0;
        Slots = new int[schema.Count];
        System.Array.Fill(Slots, -1);
        Builders = new ColumnBuilder[selected.Length];
        for (int i = 0; i < selected.Length; i++)
        {
            Slots[selected[i]] = i;
            Builders[i] = ColumnBuilder.Create(schema[selected[i]].DataType, formats);
        }
        _arrowSchema = ArrowTypeMapping.ToArrowSchema(new StructType(selected.Select(c => schema[c])));
        _cursor = new LineCursor(split.ToTextFileSplit(), ct);
    }

    protected FileSplit Split { get; }

    /// <summary>The schema of the file's records, in field order.</summary>
    protected StructType Schema { get; }

    /// <summary>For each schema column, the index of its builder, or -1 when the column is not produced.</summary>
    protected int[] Slots { get; }

    /// <summary>One builder per requested column, in output order.</summary>
    protected ColumnBuilder[] Builders { get; }

    /// <summary>Bytes read from the file so far (compressed bytes for gzip), for input metrics.</summary>
    public long BytesRead => _cursor.BytesRead;

    /// <summary>Lines read so far, blank, comment, header and dropped lines included.</summary>
    public long LinesRead => _cursor.LinesRead;

    /// <summary>Adds the record of <paramref name="line"/> to the builders; false when the line holds no row (blank, comment, header, dropped).</summary>
    protected abstract bool TryAddRecord(ReadOnlySpan<byte> line);

    /// <summary>The next batch of at most the batch size rows, or null at the end of the split.</summary>
    public RecordBatch? ReadNextBatch()
    {
        if (_finished)
        {
            return null;
        }
        if (_previousBatchRows > 0)
        {
            foreach (var builder in Builders)
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
            if (TryAddRecord(line))
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
        var arrays = new ArrowArray[Builders.Length];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = Builders[i].Build();
        }
        return new RecordBatch(_arrowSchema, arrays, rows);
    }

    /// <summary>The 1-based line number of the line just read, in the whole file (worked out only when an error needs it).</summary>
    protected long CurrentLineNumber()
    {
        if (_firstLineNumber < 0)
        {
            _firstLineNumber = Split.FirstLineNumber();
        }
        return _firstLineNumber + _cursor.LinesRead - 1;
    }

    public void Dispose()
    {
        _cursor.Dispose();
        foreach (var builder in Builders)
        {
            builder.Dispose();
        }
    }
}
