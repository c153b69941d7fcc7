using Rdd.Core;

namespace Rdd.Benchmarks.Workloads;

/// <summary>The cost of a job that does nothing: four elements in four slices, counted.</summary>
internal static class SmallJob
{
    public static readonly int[] Items = [1, 2, 3, 4];

    /// <summary>A new Rdd per job, as a user's loop would do.</summary>
    public static long Rdd(RddContext context) => context.Parallelize(Items, 4).Count();

    /// <summary>The same four-task fan-out on the thread pool, for reference.</summary>
    public static long ParallelFor()
    {
        long total = 0;
        Parallel.For(0, 4, i => Interlocked.Add(ref total, 1));
        return total;
    }
}
