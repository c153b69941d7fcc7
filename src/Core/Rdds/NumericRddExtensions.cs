using System.Numerics;
using Rdd.Core.Execution;

namespace Rdd.Core;

/// <summary>Actions on Rdds of numbers (Spark's DoubleRDDFunctions).</summary>
public static class NumericRddExtensions
{
    /// <summary>The sum; zero for an empty Rdd.</summary>
    public static T Sum<T>(this Rdd<T> rdd)
        where T : INumber<T> =>
        rdd.Fold(T.Zero, static (a, b) => a + b);

    /// <summary>The mean as a double; NaN for an empty Rdd.</summary>
    public static double Mean<T>(this Rdd<T> rdd)
        where T : INumber<T>
    {
        var stats = rdd.Stats();
        return stats.Count == 0 ? double.NaN : stats.Mean;
    }

    /// <summary>The largest element; throws <see cref="InvalidOperationException"/> when empty.</summary>
    public static T Max<T>(this Rdd<T> rdd)
        where T : INumber<T> =>
        rdd.Reduce(static (a, b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : T.Max(a, b));

    /// <summary>The smallest element; throws <see cref="InvalidOperationException"/> when empty.</summary>
    public static T Min<T>(this Rdd<T> rdd)
        where T : INumber<T> =>
        rdd.Reduce(static (a, b) => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : T.Min(a, b));

    /// <summary>Count, mean, standard deviations, min, max and sum in one pass.</summary>
    public static StatCounter Stats<T>(this Rdd<T> rdd)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(rdd);
        var partials = rdd.Context.Scheduler.RunJob(rdd, (ctx, split) =>
        {
            var stats = new StatCounter();
            var sink = new ActionSink<T>(x => stats.Add(double.CreateChecked(x)));
            rdd.PushPartition(split, ctx, ref sink);
            return stats;
        }, null, nameof(Stats));
        var total = new StatCounter();
        foreach (var p in partials) total.Merge(p);
        return total;
    }

    /// <summary>
    /// A histogram of <paramref name="bucketCount"/> evenly spaced buckets between the min and the max; every
    /// bucket is [lo, hi) except the last, which is [lo, hi]. NaN or infinite values throw (Spark's rules).
    /// </summary>
    public static (double[] Buckets, long[] Counts) Histogram<T>(this Rdd<T> rdd, int bucketCount)
        where T : INumber<T>
    {
        if (bucketCount < 1) throw new ArgumentException($"Bucket count ({bucketCount}) must be at least 1.", nameof(bucketCount));
        var (min, max, any) = rdd.Aggregate((Min: double.PositiveInfinity, Max: double.NegativeInfinity, Any: false),
            static (acc, x) =>
            {
                double d = double.CreateChecked(x);
                if (double.IsNaN(d) || double.IsInfinity(d)) throw new InvalidOperationException("Histogram on either an empty Rdd or an Rdd containing +/-infinity or NaN.");
                return (Math.Min(acc.Min, d), Math.Max(acc.Max, d), true);
            },
            static (a, b) => (Math.Min(a.Min, b.Min), Math.Max(a.Max, b.Max), a.Any || b.Any));
        if (!any) throw new InvalidOperationException("Histogram on either an empty Rdd or an Rdd containing +/-infinity or NaN.");
        // All values equal: Spark's single bucket [min, min] holding every element (the edges are not distinct,
        // so the explicit-edges overload would reject them).
        if (min == max) return ([min, max], [rdd.Count()]);
        var buckets = new double[bucketCount + 1];
        for (int i = 0; i < bucketCount; i++) buckets[i] = min + (max - min) * i / bucketCount;
        buckets[bucketCount] = max;
        return (buckets, rdd.Histogram(buckets));
    }

    /// <summary>Counts per bucket for the given sorted bucket edges (all buckets [lo, hi) but the last, [lo, hi]).</summary>
    public static long[] Histogram<T>(this Rdd<T> rdd, double[] buckets)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(buckets);
        if (buckets.Length < 2) throw new ArgumentException("Buckets must hold at least two edges.", nameof(buckets));
        for (int i = 1; i < buckets.Length; i++)
            if (!(buckets[i] > buckets[i - 1])) throw new ArgumentException("Bucket edges must be sorted and distinct.", nameof(buckets));
        int count = buckets.Length - 1;
        return rdd.Aggregate(new long[count], (counts, x) =>
        {
            double d = double.CreateChecked(x);
            if (double.IsNaN(d) || d < buckets[0] || d > buckets[^1]) return counts;
            int index = Array.BinarySearch(buckets, d);
            if (index < 0) index = ~index - 1;
            counts[Math.Min(index, count - 1)]++;
            return counts;
        }, static (a, b) =>
        {
            for (int i = 0; i < a.Length; i++) a[i] += b[i];
            return a;
        });
    }
}
