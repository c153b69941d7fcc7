using System.Runtime.CompilerServices;
using Rdd.Core.Collections;

namespace Rdd.Core.Shuffle;

/// <summary>
/// The output of one map task within a memory budget (Spark's sort-based shuffle writer). With an
/// aggregator, values are combined per key in an <see cref="AppendOnlyMap{TKey, TValue}"/>; without,
/// records are appended per reduce partition in a <see cref="PartitionedPairBuffer{TKey, TValue}"/>. Past
/// the budget the buffer is written as a spill file with one segment per reduce partition (combined entries
/// sorted by key hash within a segment) and emptied. <see cref="WriteDataFile"/> merges spills and memory
/// into one data file of per-partition segments, each a run of <c>(key, combiner)</c> records (raw blocks or MessagePack values)
/// that <see cref="ShuffleSegmentReader"/> reads back; a map task that never spilled can hand its records
/// over in memory instead (<see cref="ToBuckets"/>).
/// </summary>
internal sealed class SpillingMapWriter<TKey, TValue, TCombiner> : IDisposable
{
    private const int MinimumCapacity = 64;

    private static readonly bool s_tracksReferences = EntrySize.HasReferences<TKey, TCombiner>();

    private readonly Func<TKey, int> _partitionOf;
    private readonly int _numPartitions;
    private readonly Aggregator<TValue, TCombiner>? _aggregator;
    private readonly long _memoryBytes;
    private readonly string _spillDirectory;
    private readonly TaskMetrics _metrics;
    private readonly AppendOnlyMap<TKey, TCombiner>? _map;
    private readonly PartitionedPairBuffer<TKey, TCombiner>? _buffer;
    private readonly SizeTracker _tracker = new();
    private readonly List<SpillFile> _spills = [];
    private bool _completed;
    private bool _disposed;

    /// <param name="partitionOf">The reduce partition of a key, in [0, <paramref name="numPartitions"/>).</param>
    /// <param name="numPartitions">The number of reduce partitions: segments in the data file.</param>
    /// <param name="aggregator">Combines values per key on the map side; null appends values as they come (then <typeparamref name="TCombiner"/> must be <typeparamref name="TValue"/>).</param>
    /// <param name="memoryBytes">The budget of the in-memory buffer; past it the buffer spills.</param>
    /// <param name="spillDirectory">Where spill files go (created when missing).</param>
    /// <param name="metrics">Receives the bytes spilled and the bytes written.</param>
    public SpillingMapWriter(
        Func<TKey, int> partitionOf,
        int numPartitions,
        Aggregator<TValue, TCombiner>? aggregator,
        long memoryBytes,
        string spillDirectory,
        TaskMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(partitionOf);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numPartitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(spillDirectory);
        ArgumentNullException.ThrowIfNull(metrics);
        if (aggregator is null && typeof(TCombiner) != typeof(TValue))
            throw new ArgumentException("Without an aggregator the combiner type must be the value type.", nameof(aggregator));
        _partitionOf = partitionOf;
        _numPartitions = numPartitions;
        _aggregator = aggregator;
        _memoryBytes = memoryBytes;
        _spillDirectory = spillDirectory;
        _metrics = metrics;
        if (aggregator is null) _buffer = new PartitionedPairBuffer<TKey, TCombiner>(numPartitions, MinimumCapacity);
        else _map = new AppendOnlyMap<TKey, TCombiner>(MinimumCapacity);
    }

    /// <summary>How many spill files are read at once; more are first merged in groups of this many.</summary>
    public int MaxMergeWidth { get; init; } = SpillFile.DefaultMergeWidth;

    /// <summary>Whether the records outgrew the budget at least once (then only <see cref="WriteDataFile"/> can output them).</summary>
    public bool HasSpilled => SpillCount > 0;

    /// <summary>How many times the buffer was spilled (merge passes not counted).</summary>
    public int SpillCount { get; private set; }

    /// <summary>Records in the data file, after combining; set by <see cref="WriteDataFile"/>.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Bytes held in memory: the buffer's arrays plus the estimated objects its records reference.</summary>
    public long EstimatedBytes =>
        (_map?.AllocatedBytes ?? _buffer!.AllocatedBytes) + (s_tracksReferences ? _tracker.EstimatedBytes : 0);

    private int BufferedCount => _map?.Count ?? _buffer!.Count;

    public void Insert(TKey key, TValue value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The map output was already written.");
        if (_map is not null)
        {
            if (_map.Count == _map.Capacity) MakeRoom();
            ref var slot = ref _map.GetValueRefOrAddDefault(key, out bool exists);
            slot = exists ? _aggregator!.MergeValue(slot, value) : _aggregator!.CreateCombiner(value);
        }
        else
        {
            if (_buffer!.Count == _buffer.Capacity) MakeRoom();
            int partition = _partitionOf(key);
            if ((uint)partition >= (uint)_numPartitions) ThrowBadPartition(partition);
            // Without an aggregator TCombiner is TValue (checked by the constructor): a no-op reinterpretation.
            _buffer.Add(partition, key, Unsafe.As<TValue, TCombiner>(ref value));
        }
        if (!s_tracksReferences) return;
        if (_tracker.CountUpdate()) _tracker.Sample(_map?.SampleReferencedBytes() ?? _buffer!.SampleReferencedBytes());
        if (EstimatedBytes > _memoryBytes) Spill();
    }

    /// <summary>
    /// The records as one array per reduce partition, for a map task that never spilled: combined entries
    /// in key insertion order, or the records of each partition in arrival order.
    /// </summary>
    public (TKey, TCombiner)[][] ToBuckets()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (HasSpilled) throw new InvalidOperationException("The writer spilled: its records can only be output with WriteDataFile.");
        if (_completed) throw new InvalidOperationException("The map output was already written.");
        var buckets = new (TKey, TCombiner)[_numPartitions][];
        if (_buffer is not null)
        {
            for (int p = 0; p < _numPartitions; p++)
            {
                var bucket = buckets[p] = _buffer.CountIn(p) == 0 ? [] : new (TKey, TCombiner)[_buffer.CountIn(p)];
                int n = 0;
                for (int i = _buffer.First(p); i >= 0; i = _buffer.Next(i)) bucket[n++] = (_buffer.KeyAt(i), _buffer.ValueAt(i));
            }
            return buckets;
        }
        // Two passes, count then place, so each bucket is allocated once at its size.
        var entries = _map!.Entries;
        var targets = new int[_map.Count];
        var counts = new int[_numPartitions];
        for (int i = 0; i < targets.Length; i++)
        {
            int partition = _partitionOf(entries[i].Key);
            if ((uint)partition >= (uint)_numPartitions) ThrowBadPartition(partition);
            targets[i] = partition;
            counts[partition]++;
        }
        for (int p = 0; p < _numPartitions; p++) buckets[p] = counts[p] == 0 ? [] : new (TKey, TCombiner)[counts[p]];
        Array.Clear(counts);
        for (int i = 0; i < targets.Length; i++)
        {
            int p = targets[i];
            buckets[p][counts[p]++] = (entries[i].Key, entries[i].Value);
        }
        return buckets;
    }

    /// <summary>
    /// Writes every record to <paramref name="path"/>: for each reduce partition in order, a segment of
    /// (key, combiner) records as raw blocks or MessagePack values (<see cref="SpillRecords"/>); segment p is [offsets[p], offsets[p + 1]). Spills are
    /// merged in: combined records of a key from several spills become one record; uncombined records keep
    /// map order (first spill first, memory last). The file is written under a temporary name and renamed
    /// when complete, so a writer that fails or crashes leaves no file that looks valid. Call once.
    /// </summary>
    public long[] WriteDataFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed) throw new InvalidOperationException("The map output was already written.");
        _completed = true;
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Same folder as the target: the final rename stays on one file system, hence atomic.
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        var copyBuffer = _buffer is not null && _spills.Count > 0 ? SpillFile.RentCopyBuffer() : null;
        try
        {
            SpillFile output;
            using (var writer = new SpillWriter<(TKey, TCombiner)>(temp))
            {
                if (_spills.Count == 0) WriteBuffered(writer);
                else if (_map is not null) MergeCombined(writer);
                else ConcatenateAppended(writer, copyBuffer!);
                output = writer.Complete();
            }
            File.Move(temp, path, overwrite: true);
            _metrics.ShuffleBytesWritten += output.Length;
            long records = 0;
            for (int p = 0; p < _numPartitions; p++) records += output.RecordsIn(p);
            RecordsWritten = records;
            return output.Offsets.ToArray();
        }
        catch
        {
            SpillFile.TryDelete(temp);
            throw;
        }
        finally
        {
            if (copyBuffer is not null) SpillFile.ReturnCopyBuffer(copyBuffer);
            SpillFile.DeleteAll(_spills);
            _map?.Clear();
            _buffer?.Clear();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        SpillFile.DeleteAll(_spills);
    }

    /// <summary>The buffer is full: grow it if the budget allows the old and new arrays side by side, spill otherwise.</summary>
    private void MakeRoom()
    {
        int current = _map?.Capacity ?? _buffer!.Capacity;
        long bytesPerSlot = _map is not null ? AppendOnlyMap<TKey, TCombiner>.BytesPerSlot : PartitionedPairBuffer<TKey, TCombiner>.BytesPerSlot;
        int capacity = SizeTracker.GrowthCapacity(current, bytesPerSlot, EstimatedBytes, _memoryBytes, MinimumCapacity);
        if (capacity <= current) Spill();
        else if (_map is not null) _map.Resize(capacity);
        else _buffer!.Resize(capacity);
    }

    private void Spill()
    {
        if (BufferedCount == 0) return;
        SpillFile file;
        using (var writer = SpillWriter<(TKey, TCombiner)>.Create(_spillDirectory))
        {
            WriteBuffered(writer);
            file = writer.Complete();
        }
        _spills.Add(file);
        _metrics.SpilledBytes += file.Length;
        SpillCount++;
        _map?.Clear();
        _buffer?.Clear();
        _tracker.Reset();
    }

    /// <summary>Writes the buffered records as one segment per partition, combined entries sorted by key hash.</summary>
    private void WriteBuffered(SpillWriter<(TKey, TCombiner)> writer)
    {
        if (_buffer is not null)
        {
            for (int p = 0; p < _numPartitions; p++)
            {
                if (p > 0) writer.EndSegment();
                for (int i = _buffer.First(p); i >= 0; i = _buffer.Next(i)) writer.Write((_buffer.KeyAt(i), _buffer.ValueAt(i)));
            }
            return;
        }
        var entries = SortMapByPartition();
        int next = 0;
        for (int p = 0; p < _numPartitions; p++)
        {
            if (p > 0) writer.EndSegment();
            for (; next < entries.Length && entries[next].Next == p; next++) writer.Write((entries[next].Key, entries[next].Value));
        }
    }

    /// <summary>Sorts the map's entries by (partition, hash); each entry's partition is then in its Next field.</summary>
    private ReadOnlySpan<AppendOnlyMap<TKey, TCombiner>.Entry> SortMapByPartition()
    {
        var entries = _map!.SortForSpill(_partitionOf);
        // Sorted by partition, so a partition out of range is at either end.
        if (entries.Length > 0 && ((uint)entries[0].Next >= (uint)_numPartitions || (uint)entries[^1].Next >= (uint)_numPartitions))
            ThrowBadPartition((uint)entries[0].Next >= (uint)_numPartitions ? entries[0].Next : entries[^1].Next);
        return entries;
    }

    /// <summary>Per partition, merges the spills' segments and the memory's entries by key hash, combining equal keys.</summary>
    private void MergeCombined(SpillWriter<(TKey, TCombiner)> writer)
    {
        bool inMemory = _map!.Count > 0;
        SpillFile.MergeDown(_spills, MaxMergeWidth - (inMemory ? 1 : 0), MaxMergeWidth, MergeSpills);
        var memoryStarts = new int[_numPartitions + 1];
        if (inMemory)
        {
            var entries = SortMapByPartition();
            for (int i = 0, p = 0; p <= _numPartitions; p++)
            {
                while (i < entries.Length && entries[i].Next < p) i++;
                memoryStarts[p] = i;
            }
        }
        var runs = new List<IEnumerator<(TKey, TCombiner)>>(_spills.Count + 1);
        for (int p = 0; p < _numPartitions; p++)
        {
            if (p > 0) writer.EndSegment();
            runs.Clear();
            foreach (var spill in _spills) runs.Add(spill.Read<(TKey, TCombiner)>(p).GetEnumerator());
            if (memoryStarts[p] < memoryStarts[p + 1]) runs.Add(MemoryRange(memoryStarts[p], memoryStarts[p + 1]).GetEnumerator());
            foreach (var record in CombiningMerge.Merge(runs, _aggregator!.MergeCombiners)) writer.Write(record);
        }
    }

    private IEnumerable<(TKey, TCombiner)> MemoryRange(int start, int end)
    {
        var entries = _map!.Entries;
        for (int i = start; i < end; i++) yield return (entries[i].Key, entries[i].Value);
    }

    /// <summary>
    /// Per partition, the spills' segments copied as raw bytes (no decoding: uncombined records need no
    /// merge), then the memory's records. Spills beyond the merge width are first concatenated in groups,
    /// which keeps the number of open spill files bounded.
    /// </summary>
    private void ConcatenateAppended(SpillWriter<(TKey, TCombiner)> writer, byte[] copyBuffer)
    {
        SpillFile.MergeDown(_spills, MaxMergeWidth, MaxMergeWidth, group => ConcatenateSpills(group, copyBuffer));
        var buffer = _buffer!;
        for (int p = 0; p < _numPartitions; p++)
        {
            if (p > 0) writer.EndSegment();
            foreach (var spill in _spills) writer.WriteSegment(spill, p, copyBuffer);
            for (int i = buffer.First(p); i >= 0; i = buffer.Next(i)) writer.Write((buffer.KeyAt(i), buffer.ValueAt(i)));
        }
    }

    /// <summary>Concatenates a group of uncombined spills into one, partition by partition, keeping map order; its bytes count as spilled.</summary>
    private SpillFile ConcatenateSpills(IReadOnlyList<SpillFile> group, byte[] copyBuffer)
    {
        using var writer = SpillWriter<(TKey, TCombiner)>.Create(_spillDirectory);
        for (int p = 0; p < _numPartitions; p++)
        {
            if (p > 0) writer.EndSegment();
            foreach (var spill in group) writer.WriteSegment(spill, p, copyBuffer);
        }
        var file = writer.Complete();
        _metrics.SpilledBytes += file.Length;
        return file;
    }

    /// <summary>Merges a group of spills into one, partition by partition (a pass of a multi-pass merge); its bytes count as spilled.</summary>
    private SpillFile MergeSpills(IReadOnlyList<SpillFile> group)
    {
        using var writer = SpillWriter<(TKey, TCombiner)>.Create(_spillDirectory);
        var runs = new List<IEnumerator<(TKey, TCombiner)>>(group.Count);
        for (int p = 0; p < _numPartitions; p++)
        {
            if (p > 0) writer.EndSegment();
            runs.Clear();
            foreach (var spill in group) runs.Add(spill.Read<(TKey, TCombiner)>(p).GetEnumerator());
            foreach (var record in CombiningMerge.Merge(runs, _aggregator!.MergeCombiners)) writer.Write(record);
        }
        var file = writer.Complete();
        _metrics.SpilledBytes += file.Length;
        return file;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowBadPartition(int partition) =>
        throw new InvalidOperationException($"The partition function returned {partition}, outside [0, {_numPartitions}).");
}
