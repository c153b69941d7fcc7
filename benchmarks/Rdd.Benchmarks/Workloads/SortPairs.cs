using Rdd.Benchmarks.Data;
using Rdd.Core;

namespace Rdd.Benchmarks.Workloads;

/// <summary>
/// Sorting (long, long) pairs by key. The Rdd runs <c>Parallelize(pairs).SortByKey().Collect()</c>: Collect
/// forces every sorted partition to be produced and concatenated into one array on the driver, the same
/// output the baselines produce (a sorted array of all pairs).
/// </summary>
internal static class SortPairs
{
    public static (long, long)[] Generate(int n, ulong seed = 7)
    {
        var pairs = new (long, long)[n];
        var random = new SplitMix64(seed);
        for (int i = 0; i < n; i++) pairs[i] = ((long)random.Next(), i);
        return pairs;
    }

    public static (long, long)[] Rdd(RddContext context, (long, long)[] pairs, int? slices = null) =>
        context.Parallelize(pairs, slices).SortByKey().Collect();

    /// <summary>One thread: copy keys and items out of the input (it must stay unsorted), then Array.Sort(keys, items).</summary>
    public static long[] ArraySort((long, long)[] pairs, out long[] items)
    {
        var keys = new long[pairs.Length];
        items = new long[pairs.Length];
        for (int i = 0; i < pairs.Length; i++) (keys[i], items[i]) = pairs[i];
        Array.Sort(keys, items);
        return keys;
    }

    public static (long, long)[] Plinq((long, long)[] pairs) =>
        pairs.AsParallel().OrderBy(static p => p.Item1).ToArray();

    public static bool IsSorted((long, long)[] pairs)
    {
        for (int i = 1; i < pairs.Length; i++)
            if (pairs[i - 1].Item1 > pairs[i].Item1) return false;
        return true;
    }
}
