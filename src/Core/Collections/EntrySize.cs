using System.Runtime.CompilerServices;
using Rdd.Core.Storage;

namespace Rdd.Core.Collections;

/// <summary>
/// The heap bytes that one buffered entry references beyond its inline slot (the slot itself is counted by
/// the owner's array capacity), measured with the block store's <see cref="SizeEstimator"/> so that spill
/// thresholds and the storage cap count memory the same way. It is computed only at the
/// <see cref="SizeTracker"/>'s sample points, so the reflection behind it is affordable.
/// </summary>
internal static class EntrySize
{
    private const int EntrySamples = 32;

    /// <summary>Whether entries of these types can reference heap objects at all; when not, nothing needs sampling.</summary>
    public static bool HasReferences<TKey, TValue>() =>
        RuntimeHelpers.IsReferenceOrContainsReferences<TKey>() || RuntimeHelpers.IsReferenceOrContainsReferences<TValue>();

    /// <summary>Heap bytes referenced by one entry, beyond the inline slots of key and value.</summary>
    public static long Referenced<TKey, TValue>(TKey key, TValue value) => Referenced(key) + Referenced(value);

    /// <summary>Heap bytes referenced by <paramref name="value"/>, beyond its inline slot.</summary>
    public static long Referenced<T>(T value)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>() || value is null) return 0;
        long bytes = SizeEstimator.EstimateObject(value);
        // A value type was boxed to be measured: its box is not on the heap, only what it references is.
        return typeof(T).IsValueType ? Math.Max(0, bytes - BoxSize<T>.Bytes) : bytes;
    }

    /// <summary>
    /// Heap bytes referenced by the first <paramref name="count"/> entries of parallel key and value
    /// arrays, extrapolated from up to 32 entries spread evenly over them.
    /// </summary>
    public static long SampleReferenced<TKey, TValue>(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values, int count)
    {
        if (count == 0 || !HasReferences<TKey, TValue>()) return 0;
        int samples = Math.Min(count, EntrySamples);
        long sampled = 0;
        for (int i = 0; i < samples; i++)
        {
            int index = (int)((long)i * count / samples);
            sampled += Referenced(keys[index], values[index]);
        }
        return sampled * count / samples;
    }

    private static class BoxSize<T>
    {
        public static readonly long Bytes = (16 + Unsafe.SizeOf<T>() + 7) & ~7L;
    }
}
