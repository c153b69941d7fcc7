using Rdd.Core.Shuffle;

namespace Rdd.Core.Collections;

/// <summary>
/// Combines values by key within a memory budget (Spark's ExternalAppendOnlyMap): an
/// <see cref="AppendOnlyMap{TKey, TValue}"/> of combiners that, when its estimated size would exceed the
/// budget, is sorted by key hash, written to a spill file and emptied. <see cref="Iterate"/> merges the
/// spills and what is left in memory by hash (<see cref="CombiningMerge"/>), so every key comes out once,
/// fully combined, while memory holds one hash group per run. Spill files are deleted once iterated, or
/// by <see cref="Dispose"/>.
/// </summary>
internal sealed class ExternalAppendOnlyMap<TKey, TValue, TCombiner> : IDisposable
{
    private const int MinimumCapacity = 64;

    private static readonly bool s_tracksReferences = EntrySize.HasReferences<TKey, TCombiner>();

    private readonly Aggregator<TValue, TCombiner> _aggregator;
    private readonly long _memoryBytes;
    private readonly string _spillDirectory;
    private readonly TaskMetrics _metrics;
    private readonly AppendOnlyMap<TKey, TCombiner> _map = new(MinimumCapacity);
    private readonly SizeTracker _tracker = new();
    private readonly List<SpillFile> _spills = [];
    private bool _iterated;
    private bool _disposed;

    public ExternalAppendOnlyMap(Aggregator<TValue, TCombiner> aggregator, long memoryBytes, string spillDirectory, TaskMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(spillDirectory);
        ArgumentNullException.ThrowIfNull(metrics);
        _aggregator = aggregator;
        _memoryBytes = memoryBytes;
        _spillDirectory = spillDirectory;
        _metrics = metrics;
    }

    /// <summary>How many runs one merge reads at once; more spills are first merged in groups of this many.</summary>
    public int MaxMergeWidth { get; init; } = SpillFile.DefaultMergeWidth;

    /// <summary>How many times the map spilled its contents (merge passes not counted).</summary>
    public int SpillCount { get; private set; }

    /// <summary>Bytes held in memory: the map's arrays plus the estimated objects its entries reference.</summary>
    public long EstimatedBytes => _map.AllocatedBytes + (s_tracksReferences ? _tracker.EstimatedBytes : 0);

    /// <summary>Adds a value: a new key starts a combiner with CreateCombiner, a known one gets MergeValue.</summary>
    public void Insert(TKey key, TValue value)
    {
        EnsureInsertable();
        if (_map.Count == _map.Capacity) MakeRoom();
        ref var slot = ref _map.GetValueRefOrAddDefault(key, out bool exists);
        slot = exists ? _aggregator.MergeValue(slot, value) : _aggregator.CreateCombiner(value);
        AfterUpdate();
    }

    /// <summary>Adds a combiner built elsewhere (map-side combined data): merged with MergeCombiners when the key is known.</summary>
    public void InsertCombiner(TKey key, TCombiner combiner)
    {
        EnsureInsertable();
        if (_map.Count == _map.Capacity) MakeRoom();
        ref var slot = ref _map.GetValueRefOrAddDefault(key, out bool exists);
        slot = exists ? _aggregator.MergeCombiners(slot, combiner) : combiner;
        AfterUpdate();
    }

    /// <summary>
    /// Every key once with its fully merged combiner: in insertion order when nothing spilled, in key hash
    /// order otherwise. Call once; the spill files are deleted when the enumeration ends or is disposed.
    /// </summary>
    public IEnumerable<(TKey, TCombiner)> Iterate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_iterated) throw new InvalidOperationException("Iterate can be called only once.");
        _iterated = true;
        return _spills.Count == 0 ? InMemory() : Merged();
    }

    public void Dispose()
    {
        _disposed = true;
        SpillFile.DeleteAll(_spills);
    }

    private void EnsureInsertable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_iterated) throw new InvalidOperationException("The map cannot take records once iterated.");
    }

    private void AfterUpdate()
    {
        // Entries without references have a fixed size, which MakeRoom already budgets.
        if (!s_tracksReferences) return;
        if (_tracker.CountUpdate()) _tracker.Sample(_map.SampleReferencedBytes());
        if (EstimatedBytes > _memoryBytes) Spill();
    }

    /// <summary>The map is full: grow it if the budget allows the old and new arrays side by side, spill otherwise.</summary>
    private void MakeRoom()
    {
        int capacity = SizeTracker.GrowthCapacity(
            _map.Capacity, AppendOnlyMap<TKey, TCombiner>.BytesPerSlot, EstimatedBytes, _memoryBytes, MinimumCapacity);
        if (capacity > _map.Capacity) _map.Resize(capacity);
        else Spill();
    }

    private void Spill()
    {
        var entries = _map.SortForSpill(partitionOf: null);
        SpillFile file;
        using (var writer = SpillWriter<(TKey, TCombiner)>.Create(_spillDirectory))
        {
            foreach (ref readonly var entry in entries) writer.Write((entry.Key, entry.Value));
            file = writer.Complete();
        }
        _spills.Add(file);
        _metrics.SpilledBytes += file.Length;
        SpillCount++;
        _map.Clear();
        _tracker.Reset();
    }

    private IEnumerable<(TKey, TCombiner)> InMemory()
    {
        var entries = _map.Entries;
        for (int i = 0; i < _map.Count; i++) yield return (entries[i].Key, entries[i].Value);
    }

    private IEnumerable<(TKey, TCombiner)> Merged()
    {
        try
        {
            bool inMemory = _map.Count > 0;
            if (inMemory) _map.SortForSpill(partitionOf: null);
            SpillFile.MergeDown(_spills, MaxMergeWidth - (inMemory ? 1 : 0), MaxMergeWidth, MergeSpills);
            var runs = new List<IEnumerator<(TKey, TCombiner)>>(_spills.Count + 1);
            foreach (var spill in _spills) runs.Add(spill.Read<(TKey, TCombiner)>().GetEnumerator());
            if (inMemory) runs.Add(InMemory().GetEnumerator());
            foreach (var record in CombiningMerge.Merge(runs, _aggregator.MergeCombiners)) yield return record;
        }
        finally
        {
            SpillFile.DeleteAll(_spills);
        }
    }

    /// <summary>Merges a group of spills into one (a pass of a multi-pass merge); its bytes count as spilled.</summary>
    private SpillFile MergeSpills(IReadOnlyList<SpillFile> group)
    {
        var runs = new List<IEnumerator<(TKey, TCombiner)>>(group.Count);
        foreach (var spill in group) runs.Add(spill.Read<(TKey, TCombiner)>().GetEnumerator());
        using var writer = SpillWriter<(TKey, TCombiner)>.Create(_spillDirectory);
        foreach (var record in CombiningMerge.Merge(runs, _aggregator.MergeCombiners)) writer.Write(record);
        var file = writer.Complete();
        _metrics.SpilledBytes += file.Length;
        return file;
    }
}
