using MessagePack;
using Rdd.Core.Storage;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Equal-length columns under one <see cref="Schema"/>: the unit Arrow moves between operators and through
/// IPC. Immutable; <see cref="Slice"/> shares every buffer.
/// </summary>
/// <remarks>
/// Shuffles move batches as objects; the MessagePack form (<see cref="RecordBatchFormatter"/>) is for the
/// shuffles that write files, and the shuffle's memory accounting reads <see cref="IReportsHeapSize.HeapBytes"/>
/// rather than walking the object graph.
/// </remarks>
[MessagePackFormatter(typeof(RecordBatchFormatter))]
internal sealed class RecordBatch : IReportsHeapSize
{
    private readonly ArrowArray[] _columns;

    public RecordBatch(Schema schema, IEnumerable<ArrowArray> columns, int length)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _columns = [.. columns];
        if (_columns.Length != schema.FieldCount)
        {
            throw new ArgumentException($"The schema has {schema.FieldCount} fields but {_columns.Length} columns were given.", nameof(columns));
        }
        for (int i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i] ?? throw new ArgumentNullException(nameof(columns));
            var field = schema.GetField(i);
            if (column.Length != length)
            {
                throw new ArgumentException($"Column '{field.Name}' has {column.Length} rows, the batch {length}.", nameof(columns));
            }
            if (!column.Type.Equals(field.Type))
            {
                throw new ArgumentException($"Column '{field.Name}' is {column.Type} but its field says {field.Type}.", nameof(columns));
            }
        }
        Schema = schema;
        Length = length;
    }

    public Schema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    public int ColumnCount => _columns.Length;

    public IReadOnlyList<ArrowArray> Columns => _columns;

    public ArrowArray Column(int index) => _columns[index];

    /// <summary>The first column called <paramref name="name"/>.</summary>
    public ArrowArray Column(string name)
    {
        int index = Schema.IndexOf(name);
        return index >= 0
            ? _columns[index]
            : throw new ArgumentException($"No column '{name}'; the columns are {string.Join(", ", Schema.Fields.Select(f => f.Name))}.", nameof(name));
    }

    /// <summary>Rows [offset, offset + length) without copying any buffer.</summary>
    public RecordBatch Slice(int offset, int length)
    {
        ArrayData.CheckSliceRange(Length, offset, length);
        return new RecordBatch(Schema, _columns.Select(c => c.Slice(offset, length)), length);
    }

    /// <summary>
    /// The bytes of every buffer the columns reference (children and dictionaries included), plus a small
    /// allowance per array object. Buffers shared by two columns count twice: the figure is a memory budget's
    /// estimate, and overcounting a rare shared buffer is the safe side.
    /// </summary>
    long IReportsHeapSize.HeapBytes
    {
        get
        {
            long bytes = ObjectOverheadBytes;
            foreach (var column in _columns)
            {
                bytes += BufferBytes(column.Data);
            }
            return bytes;
        }
    }

    // A RecordBatch, its column array and, per array, the ArrowArray, ArrayData and buffer array objects:
    // a few dozen bytes each, negligible beside the buffers but not zero for a batch of a few rows.
    private const long ObjectOverheadBytes = 64;
    private const long ArrayOverheadBytes = 160;

    private static long BufferBytes(ArrayData data)
    {
        long bytes = ArrayOverheadBytes;
        foreach (var buffer in data.Buffers)
        {
            bytes += buffer.Length;
        }
        foreach (var child in data.Children)
        {
            bytes += BufferBytes(child);
        }
        if (data.Dictionary is { } dictionary)
        {
            bytes += BufferBytes(dictionary);
        }
        return bytes;
    }
}
