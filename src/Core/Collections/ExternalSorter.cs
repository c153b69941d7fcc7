using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// Sorts records by key within a memory budget (the sorting half of Spark's ExternalSorter): records are
/// buffered in parallel key and value arrays; when the estimated size would exceed the budget the buffer is
/// sorted, written as a run to a spill file and emptied, and <see cref="Sorted"/> merges the runs with what
/// is left in memory (<see cref="StableMerge"/>). The sort is stable, descending included: equal keys come
/// out in insertion order, because each run is sorted stably and the merge prefers earlier runs.
/// </summary>
internal sealed class ExternalSorter<TKey, TValue> : IDisposable
{
    private const int MinimumCapacity = 64;
    private const long ObjectOverhead = 3 * 24 + 64;

    private static readonly bool s_tracksReferences = EntrySize.HasReferences<TKey, TValue>();

    // Key, value and the sort's permutation slot: the permutation is allocated at the first sort, but
    // budgeted from the start so that sorting never overshoots the budget.
    private static readonly long s_bytesPerSlot = Unsafe.SizeOf<TKey>() + Unsafe.SizeOf<TValue>() + sizeof(int);

    private readonly IComparer<TKey> _comparer;
    private readonly bool _descending;
    private readonly long _memoryBytes;
    private readonly string _spillDirectory;
    private readonly TaskMetrics _metrics;
    private readonly SizeTracker _tracker = new();
    private readonly List<SpillFile> _spills = [];
    private TKey[] _keys = new TKey[MinimumCapacity];
    private TValue[] _values = new TValue[MinimumCapacity];
    private int[] _order = [];
    private int _count;
    private bool _iterated;
    private bool _disposed;

    public ExternalSorter(IComparer<TKey> comparer, bool descending, long memoryBytes, string spillDirectory, TaskMetrics metrics)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(spillDirectory);
        ArgumentNullException.ThrowIfNull(metrics);
        _comparer = comparer ?? Comparer<TKey>.Default;
        _descending = descending;
        _memoryBytes = memoryBytes;
        _spillDirectory = spillDirectory;
        _metrics = metrics;
    }

    /// <summary>How many runs one merge reads at once; more spills are first merged in groups of this many.</summary>
    public int MaxMergeWidth { get; init; } = SpillFile.DefaultMergeWidth;

    /// <summary>How many sorted runs were spilled (merge passes not counted).</summary>
    public int SpillCount { get; private set; }

    /// <summary>Bytes held in memory: the buffer's arrays plus the estimated objects its records reference.</summary>
    public long EstimatedBytes => _keys.Length * s_bytesPerSlot + ObjectOverhead + (s_tracksReferences ? _tracker.EstimatedBytes : 0);

    public void Insert(TKey key, TValue value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_iterated) throw new InvalidOperationException("The sorter cannot take records once iterated.");
        if (_count == _keys.Length) MakeRoom();
        _keys[_count] = key;
        _values[_count] = value;
        _count++;
        if (!s_tracksReferences) return;
        if (_tracker.CountUpdate()) _tracker.Sample(EntrySize.SampleReferenced<TKey, TValue>(_keys, _values, _count));
        if (EstimatedBytes > _memoryBytes) Spill();
    }

    /// <summary>
    /// Every record, sorted by key (descending when asked), equal keys in insertion order. Call once; the
    /// spill files are deleted when the enumeration ends or is disposed.
    /// </summary>
    public IEnumerable<(TKey, TValue)> Sorted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_iterated) throw new InvalidOperationException("Sorted can be called only once.");
        _iterated = true;
        return _spills.Count == 0 ? InMemory() : Merged();
    }

    public void Dispose()
    {
        _disposed = true;
        SpillFile.DeleteAll(_spills);
    }

    /// <summary>The buffer is full: grow it if the budget allows the old and new arrays side by side, spill otherwise.</summary>
    private void MakeRoom()
    {
        int capacity = SizeTracker.GrowthCapacity(_keys.Length, s_bytesPerSlot, EstimatedBytes, _memoryBytes, MinimumCapacity);
        if (capacity <= _keys.Length)
        {
            Spill();
            return;
        }
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _values, capacity);
        _order = [];
    }

    /// <summary>
    /// Sorts the buffer stably: the keys are sorted in place carrying their positions (Array.Sort's fast
    /// path for primitive keys), then each run of equal keys is put back in position order, as
    /// the in-memory sort does. Record i of the result is (_keys[i], _values[_order[i]]).
    /// </summary>
    private void SortBuffer()
    {
        if (_order.Length < _count) _order = new int[_keys.Length];
        var order = _order;
        for (int i = 0; i < _count; i++) order[i] = i;
        Array.Sort(_keys, order, 0, _count, _comparer);
        if (_descending)
        {
            Array.Reverse(_keys, 0, _count);
            Array.Reverse(order, 0, _count);
        }
        for (int runStart = 0; runStart < _count;)
        {
            int runEnd = runStart + 1;
            while (runEnd < _count && _comparer.Compare(_keys[runStart], _keys[runEnd]) == 0) runEnd++;
            // Keys equal under the comparer may still differ: they move with their positions.
            if (runEnd - runStart > 1) Array.Sort(order, _keys, runStart, runEnd - runStart);
            runStart = runEnd;
        }
    }

    private void Spill()
    {
        SortBuffer();
        SpillFile file;
        using (var writer = SpillWriter<(TKey, TValue)>.Create(_spillDirectory))
        {
            for (int i = 0; i < _count; i++) writer.Write((_keys[i], _values[_order[i]]));
            file = writer.Complete();
        }
        _spills.Add(file);
        _metrics.SpilledBytes += file.Length;
        SpillCount++;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>()) Array.Clear(_keys, 0, _count);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<TValue>()) Array.Clear(_values, 0, _count);
        _count = 0;
        _tracker.Reset();
    }

    private IEnumerable<(TKey, TValue)> InMemory()
    {
        SortBuffer();
        for (int i = 0; i < _count; i++) yield return (_keys[i], _values[_order[i]]);
    }

    private IEnumerable<(TKey, TValue)> SortedBuffer()
    {
        for (int i = 0; i < _count; i++) yield return (_keys[i], _values[_order[i]]);
    }

    private IEnumerable<(TKey, TValue)> Merged()
    {
        try
        {
            bool inMemory = _count > 0;
            if (inMemory) SortBuffer();
            SpillFile.MergeDown(_spills, MaxMergeWidth - (inMemory ? 1 : 0), MaxMergeWidth, MergeSpills);
            var runs = new List<IEnumerator<(TKey, TValue)>>(_spills.Count + 1);
            foreach (var spill in _spills) runs.Add(spill.Read<(TKey, TValue)>().GetEnumerator());
            if (inMemory) runs.Add(SortedBuffer().GetEnumerator());
            foreach (var record in StableMerge.Merge(runs, _comparer, _descending)) yield return record;
        }
        finally
        {
            SpillFile.DeleteAll(_spills);
        }
    }

    /// <summary>Merges consecutive runs into one (a pass of a multi-pass merge); its bytes count as spilled.</summary>
    private SpillFile MergeSpills(IReadOnlyList<SpillFile> group)
    {
        var runs = new List<IEnumerator<(TKey, TValue)>>(group.Count);
        foreach (var spill in group) runs.Add(spill.Read<(TKey, TValue)>().GetEnumerator());
        using var writer = SpillWriter<(TKey, TValue)>.Create(_spillDirectory);
        foreach (var record in StableMerge.Merge(runs, _comparer, _descending)) writer.Write(record);
        var file = writer.Complete();
        _metrics.SpilledBytes += file.Length;
        return file;
    }
}
