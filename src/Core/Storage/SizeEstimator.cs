using System.Runtime.CompilerServices;

namespace Rdd.Core.Storage;

/// <summary>Estimates the memory held by a materialized block, to enforce the storage memory cap.</summary>
internal static class SizeEstimator
{
    private const int ArrayHeader = 24;
    private const int ObjectHeader = 16;

    public static long Estimate<T>(T[] block)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            return ArrayHeader + (long)block.Length * Unsafe.SizeOf<T>();
        long total = ArrayHeader + (long)block.Length * Unsafe.SizeOf<T>();
        // Sample up to 64 elements and extrapolate: precise enough for an LRU cap, cheap for big blocks.
        int samples = Math.Min(block.Length, 64);
        if (samples == 0) return total;
        long sampled = 0;
        int stride = block.Length / samples;
        for (int i = 0; i < samples; i++) sampled += EstimateObject(block[i * stride], 0);
        return total + sampled * block.Length / samples;
    }

    private static long EstimateObject(object? value, int depth)
    {
        switch (value)
        {
            case null: return 0;
            case string s: return ObjectHeader + 8 + 2L * s.Length;
            case Array a when a.GetType().GetElementType() is { IsPrimitive: true } et:
                return ArrayHeader + (long)a.Length * (et == typeof(double) || et == typeof(long) ? 8 : et == typeof(int) || et == typeof(float) ? 4 : 2);
            case System.Collections.ICollection c when depth < 2:
                long sum = ArrayHeader + 8L * c.Count;
                int n = 0;
                foreach (var item in c)
                {
                    if (n++ == 16) break;
                    sum += EstimateObject(item, depth + 1) * c.Count / Math.Min(c.Count, 16);
                }
                return sum;
            case System.Runtime.CompilerServices.ITuple t when depth < 3:
                long tupleSize = ObjectHeader;
                for (int i = 0; i < t.Length; i++) tupleSize += 8 + EstimateObject(t[i], depth + 1);
                return tupleSize;
            default:
                return value.GetType().IsValueType ? 0 : ObjectHeader + 16;
        }
    }
}
