using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// The hash map behind the spilling aggregations (Spark's AppendOnlyMap): keys are only added, never
/// removed, so the entries sit densely in one array in insertion order, chained through per-entry indexes
/// from a power-of-two bucket array. That layout gives what a Dictionary cannot: an exact byte count from
/// the capacity, growth to any capacity the memory budget allows, sampling entries by index, and an
/// in-place sort of the entries by (partition, key hash) when spilling, so a spill needs no second array.
/// Null keys are ordinary entries with hash 0.
/// </summary>
internal sealed partial class AppendOnlyMap<TKey, TValue>
{
    /// <summary>One key and its value. After <see cref="SortForSpill"/>, <see cref="Next"/> holds the entry's partition.</summary>
    internal struct Entry
    {
        public TKey Key;
        public TValue Value;
        public int Hash;
        public int Next;
    }

    private Entry[] _entries;
    private int[] _buckets; // index + 1 of the first entry in the bucket; 0 = empty
    private int _bucketShift;
    private int _count;
    private bool _indexBroken;

    public AppendOnlyMap(int capacity = 16)
    {
        _entries = new Entry[Math.Max(capacity, 1)];
        _buckets = [];
        ResizeBuckets(BucketCountFor(_entries.Length));
    }

    public int Count => _count;

    public int Capacity => _entries.Length;

    /// <summary>The entries, in insertion order until <see cref="SortForSpill"/>; only the first <see cref="Count"/> are live.</summary>
    public Entry[] Entries => _entries;

    /// <summary>Bytes of the map's own arrays: entries and buckets.</summary>
    public long AllocatedBytes => (long)_entries.Length * Unsafe.SizeOf<Entry>() + 4L * _buckets.Length + 64;

    /// <summary>Bytes one more slot of capacity costs, buckets included (at most two buckets per slot).</summary>
    public static long BytesPerSlot => Unsafe.SizeOf<Entry>() + 8;

    /// <summary>The hash entries are bucketed and sorted by: the default comparer's, 0 for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int HashOf(TKey key) => key is null ? 0 : EqualityComparer<TKey>.Default.GetHashCode(key);

    /// <summary>
    /// A reference to the value of <paramref name="key"/>, added with a default value when missing
    /// (<paramref name="exists"/> false). Doubles the capacity when full: owners that budget memory call
    /// <see cref="Resize"/> before that happens.
    /// </summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        if (_indexBroken) ThrowIndexBroken();
        int hash = HashOf(key);
        ref int bucket = ref _buckets[(int)((uint)hash * 0x9E3779B9u >> _bucketShift)];
        var entries = _entries;
        for (int i = bucket - 1; (uint)i < (uint)entries.Length; i = entries[i].Next)
        {
            ref var entry = ref entries[i];
            if (entry.Hash == hash && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
            {
                exists = true;
                return ref entry.Value;
            }
        }
        if (_count == entries.Length)
        {
            Resize(Math.Min(entries.Length * 2, Array.MaxLength));
            return ref GetValueRefOrAddDefault(key, out exists);
        }
        int index = _count++;
        ref var added = ref entries[index];
        added.Key = key;
        added.Hash = hash;
        added.Next = bucket - 1;
        bucket = index + 1;
        exists = false;
        return ref added.Value!;
    }

    /// <summary>Changes the capacity (never below <see cref="Count"/>), rebuilding the buckets when their count changes.</summary>
    public void Resize(int capacity)
    {
        if (_indexBroken) ThrowIndexBroken();
        if (capacity <= _count) throw new ArgumentOutOfRangeException(nameof(capacity), "The capacity must exceed the count.");
        Array.Resize(ref _entries, capacity);
        int buckets = BucketCountFor(capacity);
        if (buckets == _buckets.Length) return;
        ResizeBuckets(buckets);
        for (int i = 0; i < _count; i++)
        {
            ref var entry = ref _entries[i];
            ref int bucket = ref _buckets[(int)((uint)entry.Hash * 0x9E3779B9u >> _bucketShift)];
            entry.Next = bucket - 1;
            bucket = i + 1;
        }
    }

    /// <summary>Heap bytes the live entries reference, estimated from a sample (see <see cref="EntrySize"/>).</summary>
    public long SampleReferencedBytes()
    {
        if (_count == 0 || !EntrySize.HasReferences<TKey, TValue>()) return 0;
        int samples = Math.Min(_count, 32);
        long sampled = 0;
        for (int i = 0; i < samples; i++)
        {
            ref var entry = ref _entries[(int)((long)i * _count / samples)];
            sampled += EntrySize.Referenced(entry.Key, entry.Value);
        }
        return sampled * _count / samples;
    }

    /// <summary>
    /// Sorts the live entries in place by (partition, hash), the order spill files and merges use, and
    /// returns them; <paramref name="partitionOf"/> null puts every entry in partition 0. The hash index is
    /// destroyed (the chain links now hold partitions): only <see cref="Clear"/> makes the map usable again.
    /// </summary>
    public ReadOnlySpan<Entry> SortForSpill(Func<TKey, int>? partitionOf)
    {
        _indexBroken = true;
        var live = _entries.AsSpan(0, _count);
        for (int i = 0; i < live.Length; i++) live[i].Next = partitionOf is null ? 0 : partitionOf(live[i].Key);
        SortByPartitionAndHash(live);
        return live;
    }

    /// <summary>Empties the map, keeping its capacity: the next fill after a spill reuses the arrays.</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<Entry>()) Array.Clear(_entries, 0, _count);
        Array.Clear(_buckets);
        _count = 0;
        _indexBroken = false;
    }

    private void ResizeBuckets(int count)
    {
        _buckets = new int[count];
        _bucketShift = 32 - System.Numerics.BitOperations.Log2((uint)count);
    }

    /// <summary>A power of two at least the capacity (load factor at most 1), and at least 2 so the shift stays below 32.</summary>
    private static int BucketCountFor(int capacity) => (int)Math.Min(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2)), 1 << 30);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowIndexBroken() =>
        throw new InvalidOperationException("The map was sorted for a spill; clear it before adding keys.");
}
