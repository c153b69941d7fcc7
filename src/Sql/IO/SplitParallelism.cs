using System.Runtime.ExceptionServices;

namespace Rdd.Sql.IO;

/// <summary>
/// Runs a function over every split on the thread pool, as schema inference does (a pass over all input before
/// any job exists). Results come back in split order. When a split fails no further split starts, and the
/// failure of the earliest split that failed is rethrown as itself, not wrapped in an AggregateException.
/// </summary>
internal static class SplitParallelism
{
    public static TResult[] Map<TResult>(IReadOnlyList<FileSplit> splits, Func<FileSplit, TResult> map, CancellationToken ct)
    {
        var results = new TResult[splits.Count];
        var failures = new Exception?[splits.Count];
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, splits.Count, parallel, (i, loop) =>
        {
            try
            {
                results[i] = map(splits[i]);
            }
            catch (Exception e)
            {
                failures[i] = e;
                loop.Stop();
            }
        });
        var first = Array.Find(failures, f => f is not null);
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }
        return results;
    }
}
