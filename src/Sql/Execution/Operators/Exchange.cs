using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.IO.ArrowFiles;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Repartitions batches through an Rdd.Core shuffle. Each input batch is split, by a stable hash of its key
/// columns, into one slice per target partition, and each slice travels as a <c>(partition, RecordBatch)</c>
/// pair through <see cref="PairRddExtensions.PartitionBy{K, V}(Rdd{ValueTuple{K, V}}, Partitioner)"/> with a
/// partitioner that reads the partition straight from the key. The shuffle stays columnar (one record per
/// slice, not per row) and, while map outputs fit the shuffle's memory budget, moves the batches as objects
/// with no encoding at all; a shuffle that writes files (over the budget, after a spill, in
/// <see cref="ExecutionMode.MapReduce"/>) writes each batch as Arrow IPC bytes (<see cref="StoredBatch"/>).
/// </summary>
internal static class Exchange
{
    /// <summary>Hash-partitions the rows by the values of <paramref name="keyColumns"/> (column ordinals).</summary>
    public static Rdd<RecordBatch> ByHash(Rdd<RecordBatch> input, IReadOnlyList<int> keyColumns, int numPartitions)
    {
        int[] keys = [.. keyColumns];
        return ByHash(input, batch => [.. keys.Select(k => batch.Columns[k])], numPartitions);
    }

    /// <summary>Hash-partitions the rows by the key columns <paramref name="keys"/> computes for each batch.</summary>
    public static Rdd<RecordBatch> ByHash(Rdd<RecordBatch> input, Func<RecordBatch, ArrowArray[]> keys, int numPartitions)
    {
        return input
            .MapPartitions(batches => Split(batches, keys, numPartitions).Select(static p => (p.Item1, new StoredBatch(p.Item2))))
            .PartitionBy(new DirectPartitioner(numPartitions))
            .Map(static pair => pair.Item2.Batch);
    }

    /// <summary>Gathers every batch into one partition (global aggregation, sort, limit).</summary>
    public static Rdd<RecordBatch> ToSinglePartition(Rdd<RecordBatch> input) =>
        input.NumPartitions == 1 ? input : input.Coalesce(1);

    /// <summary>
    /// Splits each batch into per-partition slices by the hash of the key columns <paramref name="keys"/>
    /// computes. A batch whose rows all go to one partition passes as is; otherwise each slice is gathered
    /// (<see cref="TakeKernel"/>) from its rows in their original order.
    /// </summary>
    public static IEnumerable<(int, RecordBatch)> Split(IEnumerable<RecordBatch> batches, Func<RecordBatch, ArrowArray[]> keys, int numPartitions)
    {
        foreach (var batch in batches)
        {
            if (batch.Length == 0)
            {
                continue;
            }
            if (numPartitions == 1)
            {
                yield return (0, batch);
                continue;
            }
            var (rows, starts) = GroupRowsByPartition(RowHasher.Hash(keys(batch), batch.Length), numPartitions);
            for (int p = 0; p < numPartitions; p++)
            {
                int start = starts[p], count = starts[p + 1] - start;
                if (count == batch.Length)
                {
                    yield return (p, batch);
                }
                else if (count > 0)
                {
                    yield return (p, TakeKernel.Take(batch, rows.AsSpan(start, count)));
                }
            }
        }
    }

    /// <summary>
    /// A counting sort of the row indices by target partition: the rows of partition p, ascending, are
    /// <c>rows[starts[p] .. starts[p + 1])</c>. Two passes over the hashes and two arrays, whatever the number
    /// of partitions, instead of one growing list per partition.
    /// </summary>
    internal static (int[] Rows, int[] Starts) GroupRowsByPartition(int[] hashes, int numPartitions)
    {
        var starts = new int[numPartitions + 1];
        var partitionOf = new int[hashes.Length];
        for (int i = 0; i < hashes.Length; i++)
        {
            int p = (int)((uint)hashes[i] % (uint)numPartitions);
            partitionOf[i] = p;
            starts[p + 1]++;
        }
        for (int p = 0; p < numPartitions; p++)
        {
            starts[p + 1] += starts[p];
        }
        var rows = new int[hashes.Length];
        var next = starts.AsSpan(0, numPartitions).ToArray();
        for (int i = 0; i < partitionOf.Length; i++)
        {
            rows[next[partitionOf[i]]++] = i;
        }
        return (rows, starts);
    }
}

/// <summary>Places a pair in the partition its key names.</summary>
internal sealed class DirectPartitioner(int numPartitions) : Partitioner
{
    public override int NumPartitions { get; } = numPartitions;

    public override int GetPartition(object? key) => (int)key!;

    public override bool Equals(object? obj) => obj is DirectPartitioner other && other.NumPartitions == NumPartitions;

    public override int GetHashCode() => NumPartitions;
}
