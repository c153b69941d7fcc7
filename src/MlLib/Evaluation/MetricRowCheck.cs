using Rdd.Core;

namespace Rdd.MlLib.Evaluation;

/// <summary>
/// Checks the rows handed to the metric classes inside the tasks that read them, and turns a bad row into an
/// <see cref="ArgumentException"/> on the driver that names the row by its position in the input (its index in
/// <see cref="Rdd{T}.Collect"/> order). The check costs nothing extra when every row is valid: the position is
/// only worked out after a failure, by counting the rows of the partitions before the bad one.
/// </summary>
internal static class MetricRowCheck
{
    /// <summary>
    /// <paramref name="rows"/> with each row passed to <paramref name="problem"/>, which returns null for a valid row
    /// and otherwise a sentence saying what is wrong with it; the first bad row fails its task.
    /// </summary>
    public static Rdd<T> Checked<T>(Rdd<T> rows, Func<T, string?> problem) =>
        rows.MapPartitionsWithIndex((partition, items) => CheckPartition(partition, items, problem), preservesPartitioning: true);

    /// <summary>
    /// Runs <paramref name="action"/> (jobs over rows made by <see cref="Checked"/> from <paramref name="input"/>) and
    /// reports a bad row as an <see cref="ArgumentException"/> naming its index in <paramref name="input"/>.
    /// </summary>
    public static TResult Run<T, TResult>(Rdd<T> input, Func<TResult> action)
    {
        try
        {
            return action();
        }
        catch (JobFailedException e) when (FindInvalidRow(e) is { } bad)
        {
            // Partitions are numbered as the input's (Checked preserves them), so the rows before the bad one are
            // those of the earlier partitions plus its offset in its own.
            int badPartition = bad.Partition;
            long before = input
                .MapPartitionsWithIndex((partition, items) => partition < badPartition ? [items.LongCount()] : Array.Empty<long>())
                .Collect()
                .Sum();
            throw new ArgumentException($"Row {before + bad.Offset} of the input (row {bad.Offset} of partition {bad.Partition}): {bad.Problem}", e);
        }
    }

    private static IEnumerable<T> CheckPartition<T>(int partition, IEnumerable<T> items, Func<T, string?> problem)
    {
        long offset = 0;
        foreach (var item in items)
        {
            if (problem(item) is { } message)
            {
                throw new InvalidRowException(partition, offset, message);
            }
            offset++;
            yield return item;
        }
    }

    private static InvalidRowException? FindInvalidRow(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is InvalidRowException bad) return bad;
        }
        return null;
    }

    /// <summary>Thrown in a task for the first bad row; <see cref="Run"/> turns it into the driver's error.</summary>
    private sealed class InvalidRowException(int partition, long offset, string problem)
        : Exception($"Row {offset} of partition {partition}: {problem}")
    {
        public int Partition { get; } = partition;

        public long Offset { get; } = offset;

        public string Problem { get; } = problem;
    }
}
