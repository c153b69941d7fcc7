using System.Runtime.InteropServices;
using Rdd.Core;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Repartitions batches through an Rdd.Core shuffle. Each input batch is split, by a stable hash of its key
/// columns, into one slice per target partition; each slice is encoded as an Arrow IPC stream and travels as a
/// <c>(partition, byte[])</c> pair through
/// <see cref="PairRddExtensions.PartitionBy{K, V}(Rdd{ValueTuple{K, V}}, Partitioner)"/> with a partitioner that
/// reads the partition straight from the key. The shuffle stays columnar (one record per slice, not per row), and
/// the bytes are what the shuffle can spill or write in <see cref="ExecutionMode.MapReduce"/> (a record batch has
/// no MessagePack form); the cost is one encode and one decode per slice.
/// </summary>
internal static class Exchange
{
    /// <summary>Hash-partitions the rows by the values of <paramref name="keyColumns"/> (column ordinals).</summary>
    public static Rdd<RecordBatch> ByHash(Rdd<RecordBatch> input, IReadOnlyList<int> keyColumns, int numPartitions)
    {
        int[] keys = [.. keyColumns];
        return ByHash(input, batch => [.. keys.Select(batch.Column)], numPartitions);
    }

    /// <summary>Hash-partitions the rows by the key columns <paramref name="keys"/> computes for each batch.</summary>
    public static Rdd<RecordBatch> ByHash(Rdd<RecordBatch> input, Func<RecordBatch, ArrowArray[]> keys, int numPartitions)
    {
        return input
            .MapPartitions(batches => Split(batches, keys, numPartitions)
                .Select(static p => (p.Item1, Encode(p.Item2))))
            .PartitionBy(new DirectPartitioner(numPartitions))
            .Map(static pair => Decode(pair.Item2));
    }

    /// <summary>Gathers every batch into one partition (global aggregation, sort, limit).</summary>
    public static Rdd<RecordBatch> ToSinglePartition(Rdd<RecordBatch> input) =>
        input.NumPartitions == 1 ? input : input.Coalesce(1);

    /// <summary>One batch as an Arrow IPC stream (schema message, batch message, end marker).</summary>
    public static byte[] Encode(RecordBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batch.Schema, new ArrowWriterOptions { LeaveOpen = true }))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return stream.ToArray();
    }

    /// <summary>The batch <see cref="Encode"/> wrote.</summary>
    public static RecordBatch Decode(byte[] bytes)
    {
        using var reader = new ArrowStreamReader(bytes);
        return reader.ReadNextRecordBatch() ?? throw new InvalidDataException("An exchanged block holds no record batch.");
    }

    /// <summary>Splits each batch into per-partition slices by the hash of the key columns <paramref name="keys"/> computes.</summary>
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
            var hashes = RowHasher.Hash(keys(batch), batch.Length);
            var rows = new List<int>[numPartitions];
            for (int i = 0; i < hashes.Length; i++)
            {
                int p = (int)((uint)hashes[i] % (uint)numPartitions);
                (rows[p] ??= []).Add(i);
            }
            for (int p = 0; p < numPartitions; p++)
            {
                if (rows[p] is { } selected)
                {
                    yield return (p, selected.Count == batch.Length ? batch : TakeKernel.Take(batch, CollectionsMarshal.AsSpan(selected)));
                }
            }
        }
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
