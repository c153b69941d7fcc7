using System.Buffers.Binary;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class ArrowStreamRoundTripTests
{
    public static IEnumerable<object[]> SourcesAndModes() => IpcRoundTrip.SourcesAndModes();

    [Theory]
    [MemberData(nameof(SourcesAndModes))]
    public async Task RoundTrip_EveryTypeInSeveralBatches_ReadsTheSameValues(Source source, bool isAsync)
    {
        RecordBatch[] batches = [TestData.AllTypes(100, seed: 1), TestData.AllTypes(0), TestData.AllTypes(37, seed: 2)];
        var bytes = isAsync
            ? await IpcRoundTrip.WriteStreamAsync(TestData.AllTypesSchema, batches)
            : IpcRoundTrip.WriteStream(TestData.AllTypesSchema, batches);

        var (schema, read) = await IpcRoundTrip.ReadStream(bytes, source, isAsync);

        ArrowAssert.SchemaEqual(TestData.AllTypesSchema, schema);
        Assert.Equal(batches.Length, read.Count);
        for (int i = 0; i < batches.Length; i++)
        {
            ArrowAssert.BatchEqual(batches[i], read[i]);
        }
    }

    [Theory]
    [InlineData(0, 70)]
    [InlineData(1, 1)]
    [InlineData(3, 29)]
    [InlineData(8, 16)]
    [InlineData(13, 50)]
    [InlineData(69, 1)]
    [InlineData(70, 0)]
    public void RoundTrip_SlicedBatch_WritesOnlyTheSlice(int offset, int length)
    {
        var slice = TestData.AllTypes(70, seed: 3).Slice(offset, length);
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [slice]);
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        var read = reader.ReadNextRecordBatch()!;

        ArrowAssert.BatchEqual(slice, read);
        Assert.All(read.Columns, c => Assert.Equal(0, c.Offset));
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public void RoundTrip_NoBatches_KeepsTheSchema()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, []);
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        ArrowAssert.SchemaEqual(TestData.AllTypesSchema, reader.Schema);
        Assert.Null(reader.ReadNextRecordBatch());
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public void Writer_EndsWithAContinuationMarkerAndZeroLength()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [TestData.AllTypes(3)]);
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(0)));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0 }, bytes[^8..]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writer_AlignsEveryBodyAndBufferTo8Bytes(bool legacy)
    {
        var slice = TestData.AllTypes(40, seed: 5).Slice(3, 30);
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [slice, slice], new ArrowWriterOptions { WriteLegacyIpcFormat = legacy });
        int prefix = legacy ? 4 : 8;
        int position = 0;
        int messages = 0;
        while (true)
        {
            int metadataLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position + prefix - 4));
            if (metadataLength == 0)
            {
                break;
            }
            var reader = new MemoryMessageReader(bytes);
            reader.Seek(position);
            var message = reader.ReadMessage()!;
            int bodyStart = position + prefix + metadataLength;
            Assert.Equal(0, bodyStart % 8);
            Assert.Equal(0, message.BodyLength % 8);
            var buffers = message.HeaderType switch
            {
                MessageHeaderType.DictionaryBatch => message.Header.GetTable(DictionaryBatchSlots.Data)!.Value.GetStructVector<BufferSpec>(RecordBatchSlots.Buffers),
                MessageHeaderType.RecordBatch => message.Header.GetStructVector<BufferSpec>(RecordBatchSlots.Buffers),
                _ => [],
            };
            foreach (var buffer in buffers)
            {
                Assert.Equal(0, buffer.Offset % 8);
                Assert.True(buffer.Offset + buffer.Length <= message.BodyLength);
            }
            position = bodyStart + (int)message.BodyLength;
            messages++;
        }
        Assert.Equal(bytes.Length, position + prefix);
        Assert.Equal(4, messages);
    }

    [Theory]
    [MemberData(nameof(SourcesAndModes))]
    public async Task Read_LegacyFormatWithoutContinuationMarkers_Works(Source source, bool isAsync)
    {
        var batch = TestData.AllTypes(20);
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [batch, batch], new ArrowWriterOptions { WriteLegacyIpcFormat = true });
        Assert.NotEqual(-1, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(new byte[4], bytes[^4..]);

        var (_, read) = await IpcRoundTrip.ReadStream(bytes, source, isAsync);

        Assert.Equal(2, read.Count);
        ArrowAssert.BatchEqual(batch, read[1]);
    }

    [Fact]
    public void Read_StreamWithoutEndMarker_EndsAtTheLastMessage()
    {
        var batch = TestData.AllTypes(5);
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [batch]);
        using var reader = new ArrowStreamReader(bytes.AsMemory(0, bytes.Length - 8));
        Assert.NotNull(reader.ReadNextRecordBatch());
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Theory]
    [InlineData(Source.Memory)]
    [InlineData(Source.SeekableStream)]
    public async Task Read_TruncatedInsideABody_ThrowsEndOfStream(Source source)
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [TestData.AllTypes(50)]);
        var truncated = bytes[..(bytes.Length - 100)];
        await Assert.ThrowsAnyAsync<EndOfStreamException>(() => IpcRoundTrip.ReadStream(truncated, source, isAsync: false));
    }

    [Fact]
    public void Read_EmptyInput_SaysThereIsNoSchema()
    {
        using var reader = new ArrowStreamReader(ReadOnlyMemory<byte>.Empty);
        var error = Assert.Throws<InvalidDataException>(() => reader.Schema);
        Assert.Contains("Schema", error.Message);
    }

    [Fact]
    public void Read_FromAMemoryStream_IsZeroCopy()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [TestData.AllTypes(10)]);
        using var reader = new ArrowStreamReader(new MemoryStream(bytes, 0, bytes.Length, false, publiclyVisible: true));
        var column = (PrimitiveArray<int>)reader.ReadNextRecordBatch()!.Column(0);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(column.ValueBuffer.Memory, out var segment));
        Assert.Same(bytes, segment.Array);
    }

    [Fact]
    public void Writer_AfterWriteEnd_Refuses()
    {
        using var output = new MemoryStream();
        using var writer = new ArrowStreamWriter(output, TestData.AllTypesSchema);
        writer.WriteEnd();
        Assert.Throws<InvalidOperationException>(() => writer.WriteRecordBatch(TestData.AllTypes(1)));
    }

    [Fact]
    public void Writer_BatchOfAnotherSchema_Refuses()
    {
        using var output = new MemoryStream();
        using var writer = new ArrowStreamWriter(output, new Schema([new Field("x", Int64Type.Default, true)]));
        var error = Assert.Throws<ArgumentException>(() => writer.WriteRecordBatch(TestData.AllTypes(1)));
        Assert.Contains("schema", error.Message);
    }

    [Fact]
    public void Writer_LeaveOpenFalse_DisposesTheStream()
    {
        var output = new MemoryStream();
        using (var writer = new ArrowStreamWriter(output, TestData.AllTypesSchema))
        {
            writer.WriteEnd();
        }
        Assert.False(output.CanWrite);
    }
}
