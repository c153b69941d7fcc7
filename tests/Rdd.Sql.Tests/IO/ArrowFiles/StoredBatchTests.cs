using Apache.Arrow;
using Apache.Arrow.Ipc;
using Rdd.Core;
using Rdd.Core.Collections;
using Rdd.Core.Serialization;
using Rdd.Core.Storage;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Tests.Arrow;

namespace Rdd.Sql.Tests.IO.ArrowFiles;

/// <summary>
/// A stored batch's MessagePack form (an Arrow IPC stream written by Apache.Arrow, in a bin value), which Rdd.Core's
/// serializer finds through the formatter attribute, and its heap size as the shuffle's and the block store's
/// memory accounting see it.
/// </summary>
public sealed class StoredBatchTests
{
    private static RecordBatch RoundTrip(RecordBatch batch) =>
        ObjectSerializer.Deserialize<StoredBatch>(ObjectSerializer.Serialize(new StoredBatch(batch))).Batch;

    [Fact]
    public void Every_column_type_round_trips_with_its_nulls()
    {
        var batch = TestData.AllTypes(67, seed: 5);
        ArrowAssert.BatchEqual(batch, RoundTrip(batch));
    }

    [Fact]
    public void A_slice_round_trips_as_its_own_rows()
    {
        var batch = TestData.AllTypes(100, seed: 6).Slice(13, 41);
        var copy = RoundTrip(batch);
        Assert.Equal(0, copy.Column(0).Offset);
        ArrowAssert.BatchEqual(batch, copy);
    }

    [Fact]
    public void The_payload_is_one_bin_value_holding_an_ipc_stream()
    {
        var batch = TestData.AllTypes(10);
        var bytes = ObjectSerializer.Serialize(new StoredBatch(batch));
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
        (int, StoredBatch?)[] records = [(0, new(full)), (3, new(full.Slice(5, 0))), (1, null), (2, new(full.Slice(29, 1)))];
        using var stream = new MemoryStream();
        ObjectSerializer.WriteAll(stream, records);
        stream.Position = 0;
        var back = ObjectSerializer.ReadAll<(int, StoredBatch?)>(stream).ToList();

        Assert.Equal(records.Select(r => r.Item1), back.Select(r => r.Item1));
        Assert.Null(back[2].Item2);
        foreach (int i in (int[])[0, 1, 3])
        {
            ArrowAssert.BatchEqual(records[i].Item2!.Batch, back[i].Item2!.Batch);
        }
    }

    [Fact]
    public void Object_files_of_batches_round_trip()
    {
        string directory = Path.Combine(Path.GetTempPath(), "rdd-batch-objects-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var context = new RddContext(new RddConfig { Parallelism = 2, LocalDir = Path.Combine(directory, "local") });
            var batches = Enumerable.Range(0, 4).Select(i => new StoredBatch(TestData.AllTypes(10 + i, seed: i))).ToArray();
            context.Parallelize(batches, 2).SaveAsObjectFile(Path.Combine(directory, "out"));
            var back = context.ObjectFile<StoredBatch>(Path.Combine(directory, "out")).Collect().OrderBy(b => b.Batch.Length).ToArray();
            Assert.Equal(batches.Length, back.Length);
            for (int i = 0; i < batches.Length; i++)
            {
                ArrowAssert.BatchEqual(batches[i].Batch, back[i].Batch);
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
        long buffers = batch.Arrays.Sum(c => BufferBytes(c.Data));
        long estimated = SizeEstimator.EstimateObject(new StoredBatch(batch));
        Assert.InRange(estimated, buffers, buffers + 8192);

        // A shuffle record (partition, batch) counts the batch the same way.
        Assert.Equal(estimated, EntrySize.Referenced(3, new StoredBatch(batch)));

        // Slicing shares buffers: a slice reports the buffers it holds on to.
        Assert.Equal(estimated, SizeEstimator.EstimateObject(new StoredBatch(batch.Slice(10, 20))));
    }

    [Fact]
    public void Heap_size_leaves_out_shared_dictionary_codes_and_the_codes_are_dropped_on_disk()
    {
        var strings = new Rdd.Sql.Execution.Memory.StringArrayBuilder();
        foreach (var s in new[] { "a", "b", "a", "a" }) strings.Append(s);
        var plain = strings.Build();
        var dictionary = new StringArray.Builder().Append("a").Append("b").Build();
        var coded = DictionaryCodes.Attach(plain, new DictionaryCodes(dictionary, new[] { 0, 1, 0, 0 }));
        var schema = new Schema([new Field("s", plain.Data.DataType, true)], null);
        var batch = new RecordBatch(schema, [coded], 4);
        Assert.Equal(new StoredBatch(new RecordBatch(schema, [plain], 4)).HeapBytes, new StoredBatch(batch).HeapBytes);

        var back = RoundTrip(batch);
        Assert.Null(DictionaryCodes.Of(back.Column(0)));
        Assert.Equal(["a", "b", "a", "a"], ArrowValues.Column(back.Column(0)));
    }

    private static long BufferBytes(ArrayData data) =>
        (data.Buffers ?? []).Sum(b => (long)b.Length)
        + (data.Children ?? []).Sum(BufferBytes)
        + (data.Dictionary is { } dictionary ? BufferBytes(dictionary) : 0);
}
