using System.Text;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

public class ArrowFileRoundTripTests
{
    public static IEnumerable<object[]> SourcesAndModes() => IpcRoundTrip.SourcesAndModes();

    /// <summary>Slices of one batch, so every part shares one dictionary (the file format cannot replace it).</summary>
    private static RecordBatch[] Parts()
    {
        var all = TestData.AllTypes(150, seed: 4);
        return [all.Slice(0, 100), all.Slice(100, 0), all.Slice(100, 50)];
    }

    [Theory]
    [MemberData(nameof(SourcesAndModes))]
    public async Task RoundTrip_EveryTypeInSeveralBatches_ReadsTheSameValues(Source source, bool isAsync)
    {
        var batches = Parts();
        var bytes = isAsync
            ? await IpcRoundTrip.WriteFileAsync(TestData.AllTypesSchema, batches)
            : IpcRoundTrip.WriteFile(TestData.AllTypesSchema, batches);

        var (schema, read) = await IpcRoundTrip.ReadFile(bytes, source, isAsync);

        ArrowAssert.SchemaEqual(TestData.AllTypesSchema, schema);
        Assert.Equal(3, read.Count);
        for (int i = 0; i < batches.Length; i++)
        {
            ArrowAssert.BatchEqual(batches[i], read[i]);
        }
    }

    [Fact]
    public void Writer_FramesTheStreamWithMagicAndFooter()
    {
        var bytes = IpcRoundTrip.WriteFile(TestData.AllTypesSchema, Parts());
        Assert.Equal("ARROW1\0\0"u8.ToArray(), bytes[..8]);
        Assert.Equal("ARROW1"u8.ToArray(), bytes[^6..]);
        Assert.Equal(0, bytes.Length % 2);
    }

    [Theory]
    [InlineData(Source.Memory)]
    [InlineData(Source.SeekableStream)]
    public void ReadRecordBatch_InAnyOrder(Source source)
    {
        var batches = Parts();
        var bytes = IpcRoundTrip.WriteFile(TestData.AllTypesSchema, batches);
        using var reader = source == Source.Memory ? new ArrowFileReader(bytes.AsMemory()) : new ArrowFileReader(IpcRoundTrip.Open(bytes, source));

        Assert.Equal(3, reader.RecordBatchCount);
        ArrowAssert.BatchEqual(batches[2], reader.ReadRecordBatch(2));
        ArrowAssert.BatchEqual(batches[0], reader.ReadRecordBatch(0));
        Assert.Equal(0, reader.ReadRecordBatch(1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadRecordBatch(3));
    }

    [Fact]
    public void RoundTrip_NoBatches_KeepsTheSchema()
    {
        var bytes = IpcRoundTrip.WriteFile(TestData.AllTypesSchema, []);
        using var reader = new ArrowFileReader(bytes.AsMemory());
        ArrowAssert.SchemaEqual(TestData.AllTypesSchema, reader.Schema);
        Assert.Equal(0, reader.RecordBatchCount);
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public async Task RoundTrip_FileStreamNotAtPositionZero_UsesRelativeOffsets()
    {
        using var temp = new TempDirectory();
        var path = temp.File("offset.arrow");
        var batches = Parts();
        await using (var file = File.Create(path))
        {
            file.Write("junk"u8);
            await using var writer = new ArrowFileWriter(file, TestData.AllTypesSchema, new ArrowWriterOptions { LeaveOpen = true });
            foreach (var batch in batches)
            {
                await writer.WriteRecordBatchAsync(batch);
            }
            await writer.WriteEndAsync();
        }
        await using var input = File.OpenRead(path);
        input.Position = 4;
        using var reader = new ArrowFileReader(input, new ArrowReaderOptions { LeaveOpen = true });
        Assert.Equal(3, await reader.GetRecordBatchCountAsync());
        ArrowAssert.BatchEqual(batches[2], await reader.ReadRecordBatchAsync(2));
    }

    [Fact]
    public void RoundTrip_LegacyFraming_IsReadable()
    {
        var batches = Parts();
        var bytes = IpcRoundTrip.WriteFile(TestData.AllTypesSchema, batches, new ArrowWriterOptions { WriteLegacyIpcFormat = true });
        using var reader = new ArrowFileReader(bytes.AsMemory());
        ArrowAssert.BatchEqual(batches[0], reader.ReadRecordBatch(0));
    }

    [Fact]
    public void Read_AStream_SaysToUseTheStreamReader()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [TestData.AllTypes(3)]);
        using var reader = new ArrowFileReader(bytes.AsMemory());
        var error = Assert.Throws<InvalidDataException>(() => reader.Schema);
        Assert.Contains("ArrowStreamReader", error.Message);
    }

    [Fact]
    public void Read_TooShort_IsNotAnArrowFile()
    {
        using var reader = new ArrowFileReader(Encoding.ASCII.GetBytes("ARROW1").AsMemory());
        Assert.Throws<InvalidDataException>(() => reader.RecordBatchCount);
    }

    [Fact]
    public void Read_CorruptFooterLength_IsInvalidData()
    {
        var bytes = IpcRoundTrip.WriteFile(TestData.AllTypesSchema, Parts());
        bytes[^10] = 0xFF;
        bytes[^9] = 0xFF;
        bytes[^8] = 0xFF;
        using var reader = new ArrowFileReader(bytes.AsMemory());
        Assert.Throws<InvalidDataException>(() => reader.Schema);
    }
}
