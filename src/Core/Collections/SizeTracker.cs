using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// Estimates the heap bytes that the entries of a growing collection reference (strings, lists, objects),
/// Spark's SizeTracker idea: the owner measures a sample of entries only at exponentially spaced update
/// counts (every 10 % more updates), and between two measurements the size is extrapolated from the
/// bytes each update added. Per update the cost is one increment and one compare.
/// The owner's own arrays are not tracked here: their size is known exactly from their capacity, so the
/// owner adds them (see <see cref="GrowthCapacity"/>), and when neither key nor value contains references
/// there is nothing to sample at all (<see cref="EntrySize.HasReferences{TKey, TValue}"/>).
/// </summary>
internal sealed class SizeTracker
{
    private const double SampleGrowthRate = 1.1;

    private long _updates;
    private long _nextSampleAt = 1;
    private long _lastSampleUpdates;
    private long _lastSampleBytes;
    private double _bytesPerUpdate;

    /// <summary>Updates counted since the last <see cref="Reset"/>.</summary>
    public long Updates => _updates;

    /// <summary>Samples taken since the tracker was created (grows logarithmically with the updates).</summary>
    public int SampleCount { get; private set; }

    /// <summary>The referenced bytes: the last sample plus the extrapolated growth since.</summary>
    public long EstimatedBytes => _lastSampleBytes + (long)(_bytesPerUpdate * (_updates - _lastSampleUpdates));

    /// <summary>Counts one insert or merge; true when the owner should measure and call <see cref="Sample"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool CountUpdate() => ++_updates >= _nextSampleAt;

    /// <summary>Records a measurement of the referenced bytes, taken after the current update.</summary>
    public void Sample(long bytes)
    {
        long updates = _updates - _lastSampleUpdates;
        // A collection that shrank between samples (it cannot between resets) would give a negative rate:
        // keep the previous rate, which is the better guess for the next updates.
        if (updates > 0 && bytes >= _lastSampleBytes) _bytesPerUpdate = (double)(bytes - _lastSampleBytes) / updates;
        _lastSampleBytes = bytes;
        _lastSampleUpdates = _updates;
        _nextSampleAt = (long)Math.Ceiling(_updates * SampleGrowthRate);
        if (_nextSampleAt <= _updates) _nextSampleAt = _updates + 1;
        SampleCount++;
    }

    /// <summary>
    /// Starts over after the collection was emptied (spilled). The rate per update is kept: the next
    /// entries most likely look like the previous ones, and it is replaced at the second sample.
    /// </summary>
    public void Reset()
    {
        _updates = 0;
        _nextSampleAt = 1;
        _lastSampleUpdates = 0;
        _lastSampleBytes = 0;
    }

    /// <summary>
    /// The capacity to grow an array-backed buffer to, such that the old and the new arrays (both alive
    /// while the entries are copied) fit in <paramref name="budgetBytes"/> together with everything else
    /// already held (<paramref name="heldBytes"/>, which includes the old arrays). Doubles while that leaves
    /// room for later growth; the last growth takes all the room there is, so the buffer ends up holding
    /// about three quarters of the budget instead of the half plain doubling would leave. Returns
    /// <paramref name="capacity"/> when no useful growth fits: the owner should spill instead. A buffer
    /// never stays below <paramref name="minimumCapacity"/>, so a tiny budget still makes progress.
    /// </summary>
    public static int GrowthCapacity(int capacity, long bytesPerSlot, long heldBytes, long budgetBytes, int minimumCapacity)
    {
        if (capacity < minimumCapacity) return minimumCapacity;
        bytesPerSlot = Math.Max(bytesPerSlot, 1);
        long fits = Math.Min((budgetBytes - heldBytes) / bytesPerSlot, Array.MaxLength);
        // Growing by a few percent costs a full copy for little room: spill instead.
        if (fits < MinimumGrowth(capacity)) return capacity;
        long target = Math.Min((long)capacity * 2, fits);
        long heldAfter = heldBytes + (target - capacity) * bytesPerSlot;
        if ((budgetBytes - heldAfter) / bytesPerSlot < MinimumGrowth(target)) target = fits;
        return (int)target;
    }

    private static long MinimumGrowth(long capacity) => capacity + capacity / 8 + 1;
}
