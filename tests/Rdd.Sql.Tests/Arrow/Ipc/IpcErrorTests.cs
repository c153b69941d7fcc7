using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

public class IpcErrorTests
{
    [Theory]
    [InlineData(0, "LZ4_FRAME")]
    [InlineData(1, "ZSTD")]
    public void Read_CompressedBody_ThrowsNotSupportedNamingTheCodec(byte codec, string name)
    {
        var bytes = Handcrafted.RecordBatchStream(codec);
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        Assert.Single(reader.Schema.Fields);
        var error = Assert.Throws<NotSupportedException>(() => reader.ReadNextRecordBatch());
        Assert.Contains(name, error.Message);
        Assert.Contains("compress", error.Message);
    }

    [Fact]
    public void Read_BigEndianSchema_ThrowsNotSupported()
    {
        using var reader = new ArrowStreamReader(Handcrafted.BigEndianSchemaStream().AsMemory());
        var error = Assert.Throws<NotSupportedException>(() => reader.Schema);
        Assert.Contains("big-endian", error.Message);
    }

    [Fact]
    public void Read_HandcraftedUncompressedBatch_Works()
    {
        using var reader = new ArrowStreamReader(Handcrafted.RecordBatchStream(codec: null).AsMemory());
        Assert.Equal(1, reader.ReadNextRecordBatch()!.Length);
    }

    [Fact]
    public void Read_BufferOutsideTheBody_IsInvalidData()
    {
        using var reader = new ArrowStreamReader(Handcrafted.RecordBatchStream(codec: null, valuesLength: 64).AsMemory());
        var error = Assert.Throws<InvalidDataException>(() => reader.ReadNextRecordBatch());
        Assert.Contains("outside", error.Message);
    }

    [Fact]
    public void Read_NullsWithoutAValidityBitmap_IsInvalidData()
    {
        using var reader = new ArrowStreamReader(Handcrafted.RecordBatchStream(codec: null, nullCount: 1).AsMemory());
        var error = Assert.Throws<InvalidDataException>(() => reader.ReadNextRecordBatch());
        Assert.Contains("validity", error.Message);
    }

    [Fact]
    public void Read_GarbageMetadata_IsInvalidData()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF, 16, 0, 0, 0, 0x70, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        Assert.Throws<InvalidDataException>(() => reader.Schema);
    }

    [Fact]
    public void Read_NegativeLength_IsInvalidData()
    {
        byte[] bytes = [0xFE, 0xFF, 0xFF, 0xFF];
        using var reader = new ArrowStreamReader(bytes.AsMemory());
        Assert.Throws<InvalidDataException>(() => reader.Schema);
    }
}
