using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Core;
using Rdd.Core.Scheduling;
using Rdd.Sql;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// Reads a <see cref="DataFrame"/>'s Arrow record batches partition by partition on the caller's own threads,
/// without a job: the frame's physical plan (for <c>sqlContext.Read.Csv(path)</c>, the CSV scan and its reader)
/// computes each partition, and the body gets the batches as they come.
/// </summary>
internal static class DataFrameBatches
{
    /// <summary>Runs <paramref name="body"/> on every partition of <paramref name="frame"/> on <paramref name="workers"/> threads; results in partition order.</summary>
    public static TResult[] MapPartitions<TResult>(DataFrame frame, RddContext context, int workers, Func<int, IEnumerable<BatchView>, TResult> body)
    {
        var rdd = frame.Execute();
        var partitions = rdd.Partitions;
        var results = new TResult[partitions.Length];
        Parallel.For(0, partitions.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            var task = TaskContext.ForDriver(context, p);
            using var scope = task.Enter();
            results[p] = body(p, rdd.Iterator(partitions[p], task).Select(batch => new BatchView(batch)));
        });
        return results;
    }

    /// <summary>One record batch: its row count and its fixed-width columns as spans over the Arrow buffers.</summary>
    internal readonly struct BatchView(RecordBatch batch)
    {
        public int Length => batch.Length;

        /// <summary>The values of column <paramref name="index"/>, an Arrow array of <typeparamref name="T"/> with no nulls.</summary>
        public ReadOnlySpan<T> Values<T>(int index) where T : unmanaged
        {
            var array = batch.Columns[index];
            if (array.NullCount > 0) throw new InvalidDataException($"Column {index} has {array.NullCount} null values; the floor reads complete columns only.");
            return MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);
        }
    }
}
