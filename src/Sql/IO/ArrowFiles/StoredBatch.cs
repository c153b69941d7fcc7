using Apache.Arrow;
using MessagePack;
using Rdd.Core.Storage;

namespace Rdd.Sql.IO.ArrowFiles;

/// <summary>
/// A record batch as the block store and shuffles hold it: the cached partitions of <c>DataFrame.Cache()</c> and the
/// slices an exchange moves are Rdds of these. Batches move as objects; this envelope tells the memory accounting
/// the bytes the batch's buffers hold (<see cref="IReportsHeapSize"/>, instead of a reflective walk of
/// Apache.Arrow's object graph) and gives the batch a MessagePack form for the times it goes to a file (a map
/// output over the memory budget, a spill, an evicted cache block, MapReduce mode): one Arrow IPC stream
/// (<see cref="StoredBatchFormatter"/>).
/// </summary>
[MessagePackFormatter(typeof(StoredBatchFormatter))]
internal sealed class StoredBatch(RecordBatch batch) : IReportsHeapSize
{
    // The envelope, the RecordBatch, its column list and, per array, the array, ArrayData and buffer array
    // objects: a few dozen bytes each, negligible beside the buffers but not zero for a batch of a few rows.
    private const long ObjectOverheadBytes = 96;
    private const long ArrayOverheadBytes = 160;

    public RecordBatch Batch { get; } = batch ?? throw new ArgumentNullException(nameof(batch));

    /// <summary>
    /// The bytes of every buffer the columns reference (children and Arrow dictionaries included). Buffers shared by
    /// two columns count twice: the figure is a memory budget's estimate, and overcounting a rare shared buffer is
    /// the safe side. Dictionary codes (<see cref="Execution.Caching.DictionaryCodes"/>) are not counted: their dictionary is shared by every batch of a
    /// cached partition and every slice taken from them (counting it per batch would count it thousands of times),
    /// and the codes stand in for hashing work, not data.
    /// </summary>
    public long HeapBytes
    {
        get
        {
            long bytes = ObjectOverheadBytes;
            foreach (var column in Batch.Arrays)
            {
                bytes += BufferBytes(column.Data);
            }
            return bytes;
        }
    }

    private static long BufferBytes(ArrayData data)
    {
        long bytes = ArrayOverheadBytes;
        foreach (var buffer in data.Buffers ?? [])
        {
            bytes += buffer.Length;
        }
        foreach (var child in data.Children ?? [])
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
