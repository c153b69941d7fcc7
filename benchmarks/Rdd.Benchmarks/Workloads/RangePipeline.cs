using Rdd.Core;

namespace Rdd.Benchmarks.Workloads;

/// <summary>
/// <c>Range(0, n).Map(x => x * 3 + 1).Filter(x => x % 7 != 0).Count()</c> and two hand-written equivalents on
/// Parallel.For over ProcessorCount contiguous chunks: one with the arithmetic inline (what the JIT does best),
/// one calling the very same lambdas through delegates (what any delegate-based engine must at least pay).
/// </summary>
internal static class RangePipeline
{
    private static readonly Func<long, long> s_map = static x => x * 3 + 1;
    private static readonly Func<long, bool> s_keep = static x => x % 7 != 0;

    public static long Rdd(RddContext context, long n) =>
        context.Range(0, n).Map(static x => x * 3 + 1).Filter(static x => x % 7 != 0).Count();

    public static long Inline(long n, int chunks)
    {
        long total = 0;
        Parallel.For(0, chunks, chunk =>
        {
            long start = chunk * n / chunks, end = (chunk + 1) * n / chunks, count = 0;
            for (long x = start; x < end; x++)
            {
                long y = x * 3 + 1;
                if (y % 7 != 0) count++;
            }
            Interlocked.Add(ref total, count);
        });
        return total;
    }

    public static long Delegates(long n, int chunks)
    {
        long total = 0;
        var (map, keep) = (s_map, s_keep);
        Parallel.For(0, chunks, chunk =>
        {
            long start = chunk * n / chunks, end = (chunk + 1) * n / chunks, count = 0;
            for (long x = start; x < end; x++)
                if (keep(map(x))) count++;
            Interlocked.Add(ref total, count);
        });
        return total;
    }

    /// <summary>The exact answer, for checking: x*3+1 ≡ 0 (mod 7) exactly when x ≡ 2 (mod 7).</summary>
    public static long Expected(long n) => n - (n >= 3 ? (n - 3) / 7 + 1 : 0);
}
