using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rdd.Core.Collections;

/// <summary>
/// The in-place sort of a spill: an introsort of the entries on one 64-bit key, (partition, hash). Written
/// out rather than calling Span.Sort with a comparer because that path compares through an interface call
/// with two struct copies per comparison, which made sorting cost more than filling the map; this one
/// compares two longs and needs no scratch memory.
/// </summary>
internal sealed partial class AppendOnlyMap<TKey, TValue>
{
    private const int InsertionSortThreshold = 16;

    /// <summary>
    /// Partition in the high half, hash in the low half with its sign bit flipped, so that comparing the
    /// keys as longs orders by partition, then by hash as a signed int (the order merges rely on).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long SortKey(in Entry entry) => ((long)entry.Next << 32) | (uint)(entry.Hash ^ int.MinValue);

    private static void SortByPartitionAndHash(Span<Entry> entries)
    {
        if (entries.Length > 1) IntroSort(entries, 2 * (BitOperations.Log2((uint)entries.Length) + 1));
    }

    private static void IntroSort(Span<Entry> span, int depthLimit)
    {
        while (span.Length > InsertionSortThreshold)
        {
            if (depthLimit-- == 0)
            {
                HeapSort(span);
                return;
            }
            int pivot = PickPivotAndPartition(span);
            // Recurse into the smaller side, loop on the larger: the stack stays logarithmic.
            if (pivot < span.Length - pivot)
            {
                IntroSort(span[..pivot], depthLimit);
                span = span[(pivot + 1)..];
            }
            else
            {
                IntroSort(span[(pivot + 1)..], depthLimit);
                span = span[..pivot];
            }
        }
        InsertionSort(span);
    }

    /// <summary>Median-of-three pivot, Hoare partition with sentinels at both ends (as the runtime's ArraySortHelper).</summary>
    private static int PickPivotAndPartition(Span<Entry> span)
    {
        int hi = span.Length - 1;
        int middle = hi >> 1;
        SwapIfGreater(span, 0, middle);
        SwapIfGreater(span, 0, hi);
        SwapIfGreater(span, middle, hi);
        long pivot = SortKey(span[middle]);
        Swap(span, middle, hi - 1);
        int left = 0;
        int right = hi - 1;
        while (left < right)
        {
            while (SortKey(span[++left]) < pivot)
            {
            }
            while (pivot < SortKey(span[--right]))
            {
            }
            if (left >= right) break;
            Swap(span, left, right);
        }
        if (left != hi - 1) Swap(span, left, hi - 1);
        return left;
    }

    private static void InsertionSort(Span<Entry> span)
    {
        for (int i = 1; i < span.Length; i++)
        {
            var entry = span[i];
            long key = SortKey(entry);
            int j = i - 1;
            while (j >= 0 && key < SortKey(span[j]))
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = entry;
        }
    }

    private static void HeapSort(Span<Entry> span)
    {
        int n = span.Length;
        for (int i = n >> 1; i >= 1; i--) DownHeap(span, i, n);
        for (int i = n; i > 1; i--)
        {
            Swap(span, 0, i - 1);
            DownHeap(span, 1, i - 1);
        }
    }

    /// <summary>Sifts entry i (1-based) down a max-heap of n entries.</summary>
    private static void DownHeap(Span<Entry> span, int i, int n)
    {
        var entry = span[i - 1];
        long key = SortKey(entry);
        while (i <= n >> 1)
        {
            int child = 2 * i;
            if (child < n && SortKey(span[child - 1]) < SortKey(span[child])) child++;
            if (key >= SortKey(span[child - 1])) break;
            span[i - 1] = span[child - 1];
            i = child;
        }
        span[i - 1] = entry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SwapIfGreater(Span<Entry> span, int i, int j)
    {
        if (SortKey(span[i]) > SortKey(span[j])) Swap(span, i, j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(Span<Entry> span, int i, int j) => (span[i], span[j]) = (span[j], span[i]);
}
