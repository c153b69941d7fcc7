using Rdd.Core;
using Rdd.Core.Collections;
using Rdd.Core.Serialization;
using Rdd.Core.Storage;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow.Ipc;

/// <summary>
/// A record batch's MessagePack form (Arrow IPC bytes in a bin value), which Rdd.Core's serializer finds through
/// the formatter attribute, and its heap size as the shuffle's memory accounting sees it.
/// </summary>
public sealed class RecordBatchFormatterTests
{
    [Fact]
    public void Every_column_type_round_trips_with_its_nulls()
    {
        var batch = TestData.AllTypes(67, seed: 5);
        var copy = ObjectSerializer.Deserialize<RecordBatch>(ObjectSerializer.Serialize(batch));
        ArrowAssert.BatchEqual(batch, copy);
    }

    [Fact]
    public void A_slice_round_trips_as_its_own_rows()
    {
        var batch = TestData.AllTypes(100, seed: 6).Slice(13, 41);
        var copy = ObjectSerializer.Deserialize<RecordBatch>(ObjectSerializer.Serialize(batch));
        Assert.Equal(0, copy.Column(0).Offset);
        ArrowAssert.BatchEqual(batch, copy);
    }

    [Fact]
    public void The_payload_is_one_bin_value_holding_an_ipc_stream()
    {
        var batch = TestData.AllTypes(10);
        var bytes = ObjectSerializer.Serialize(batch);
        var reader = new MessagePack.MessagePackReader(bytes);
        Assert.Equal(MessagePack.MessagePackType.Binary, reader.NextMessagePackType);
        var ipc = System.Buffers.BuffersExtensions.ToArray(reader.ReadBytes()!.Value);
        Assert.True(reader.End);
        using var arrow = new ArrowStreamReader(ipc);
        ArrowAssert.BatchEqual(batch, arrow.ReadNextRecordBatch()!);
    }

    [Fact]
    public void Shuffle_records_stream_through_files_with_null_and_empty_batches()
    {
        var full = TestData.AllTypes(30, seed: 7);
        (int, RecordBatch?)[] records = [(0, full), (3, full.Slice(5, 0)), (1, null), (2, full.Slice(29, 1))];
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, records);
        stream.Position = 0;
        var back = ObjectSerializer.ReadAll<(int, RecordBatch?)>(stream).ToList();

        Assert.Equal(records.Select(r => r.Item1), back.Select(r => r.Item1));
        Assert.Null(back[2].Item2);
        foreach (int i in (int[])[0, 1, 3])
        {
            ArrowAssert.BatchEqual(records[i].Item2!, back[i].Item2!);
        }
    }

    [Fact]
    public void Object_files_of_batches_round_trip()
    {
        string directory = Path.Combine(Path.GetTempPath(), "rdd-batch-objects-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(directory, "local") });
            var batches = Enumerable.Range(0, 4).Select(i => TestData.AllTypes(10 + i, seed: i)).ToArray();
            context.Parallelize(batches, 2).SaveAsObjectFile(Path.Combine(directory, "out"));
            var back = context.ObjectFile<RecordBatch>(Path.Combine(directory, "out")).Collect().OrderBy(b => b.Length).ToArray();
            Assert.Equal(batches.Length, back.Length);
            for (int i = 0; i < batches.Length; i++)
            {
                ArrowAssert.BatchEqual(batches[i], back[i]);
            }
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Heap_size_is_the_sum_of_the_buffers_not_a_graph_walk()
    {
        var batch = TestData.AllTypes(500, seed: 8);
        long buffers = batch.Columns.Sum(c => BufferBytes(c.Data));
        long estimated = SizeEstimator.EstimateObject(batch);
        Assert.InRange(estimated, buffers, buffers + 4096);

        // A shuffle record (partition, batch) counts the batch the same way.
        Assert.Equal(estimated, EntrySize.Referenced(3, batch));

        // Slicing shares buffers: a slice reports the buffers it holds on to.
        Assert.Equal(estimated, SizeEstimator.EstimateObject(batch.Slice(10, 20)));
    }

    private static long BufferBytes(ArrayData data) =>
        data.Buffers.ToArray().Sum(b => (long)b.Length)
        + data.Children.ToArray().Sum(BufferBytes)
        + (data.Dictionary is { } dictionary ? BufferBytes(dictionary) : 0);
}
