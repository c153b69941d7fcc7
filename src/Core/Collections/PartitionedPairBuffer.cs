using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// Records of a map task without map-side combining, kept in arrival order and grouped by reduce partition
/// (Spark's PartitionedPairBuffer): parallel key and value arrays, plus one link per record chaining the
/// records of each partition, so a partition is read in arrival order without sorting or copying, at four
/// bytes per record.
/// </summary>
internal sealed class PartitionedPairBuffer<TKey, TValue>
{
    private readonly int[] _heads;
    private readonly int[] _tails;
    private readonly int[] _counts;
    private TKey[] _keys;
    private TValue[] _values;
    private int[] _next;
    private int _count;

    public PartitionedPairBuffer(int partitions, int capacity)
    {
        _heads = new int[partitions];
        _tails = new int[partitions];
        _counts = new int[partitions];
        _heads.AsSpan().Fill(-1);
        _tails.AsSpan().Fill(-1);
        _keys = new TKey[Math.Max(capacity, 1)];
        _values = new TValue[_keys.Length];
        _next = new int[_keys.Length];
    }

    public int Count => _count;

    public int Capacity => _keys.Length;

    /// <summary>Bytes one more slot of capacity costs.</summary>
    public static long BytesPerSlot => Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<TValue>() + sizeof(int);

    /// <summary>Bytes of the buffer's own arrays.</summary>
    public long AllocatedBytes => _keys.Length * BytesPerSlot + 12L * _heads.Length + 6 * 24;

    /// <summary>Appends a record to <paramref name="partition"/>; doubles the capacity when full.</summary>
    public void Add(int partition, TKey key, TValue value)
    {
        if (_count == _keys.Length) Resize(Math.Min(_keys.Length * 2, Array.MaxLength));
        int index = _count++;
        _keys[index] = key;
        _values[index] = value;
        _next[index] = -1;
        int tail = _tails[partition];
        if (tail < 0) _heads[partition] = index;
        else _next[tail] = index;
        _tails[partition] = index;
        _counts[partition]++;
    }

    public void Resize(int capacity)
    {
        if (capacity <= _count) throw new ArgumentOutOfRangeException(nameof(capacity), "The capacity must exceed the count.");
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _values, capacity);
        Array.Resize(ref _next, capacity);
    }

    public int CountIn(int partition) => _counts[partition];

    /// <summary>The index of the first record of <paramref name="partition"/>, -1 when it has none.</summary>
    public int First(int partition) => _heads[partition];

    /// <summary>The index of the record after <paramref name="index"/> in its partition, -1 after the last.</summary>
    public int Next(int index) => _next[index];

    public TKey KeyAt(int index) => _keys[index];

    public TValue ValueAt(int index) => _values[index];

    /// <summary>Heap bytes the records reference, estimated from a sample (see <see cref="EntrySize"/>).</summary>
    public long SampleReferencedBytes() => EntrySize.SampleReferenced<TKey, TValue>(_keys, _values, _count);

    /// <summary>Empties the buffer, keeping its capacity.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>()) Array.Clear(_keys, 0, _count);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TValue>()) Array.Clear(_values, 0, _count);
        _heads.AsSpan().Fill(-1);
        _tails.AsSpan().Fill(-1);
        Array.Clear(_counts);
        _count = 0;
    }
}
