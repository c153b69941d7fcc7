using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>The batched stream decoder behind ReadAll, spill files and shuffle segments: values straddling its buffer, large values, errors.</summary>
public sealed class MessagePackValueReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void ReadBatch_StreamReturningFewBytesPerRead_DecodesEveryValue(int bytesPerRead)
    {
        var items = Enumerable.Range(0, 2000).Select(i => (i, new string('v', i % 50), i * 0.25)).ToList();
        items.Add((-1, new string('x', 200_000), 0));
        using var encoded = new MemoryStream();
        ObjectSerializer.WriteAll(encoded, items);
        using var stream = new TrickleStream(encoded.ToArray(), bytesPerRead);
        Assert.Equal(items, ReadAll<(int, string, double)>(stream));
    }

    [Fact]
    public void ReadBatch_ValuesLargerThanTheBuffer_GrowIt()
    {
        string[] items = ["a", new string('x', 300_000), "b", new string('y', 70_000), "c"];
        using var encoded = new MemoryStream();
        ObjectSerializer.WriteAll(encoded, items);
        encoded.Position = 0;
        Assert.Equal(items, ReadAll<string>(encoded));
    }

    [Fact]
    public void ReadBatch_StreamEndsInsideLargeValue_ThrowsWithOffset()
    {
        using var encoded = new MemoryStream();
        ObjectSerializer.WriteAll(encoded, new[] { "a", new string('x', 300_000) });
        using var stream = new MemoryStream(encoded.ToArray()[..^10]);
        using var reader = new MessagePackValueReader(stream);
        var batch = new string[1];
        Assert.Equal(1, reader.ReadBatch(FormatterOf<string>.Instance, batch));
        Assert.Equal("a", batch[0]);
        var error = Assert.Throws<InvalidDataException>(() => reader.ReadBatch(FormatterOf<string>.Instance, batch));
        Assert.Contains("Truncated MessagePack stream", error.Message);
        Assert.Contains("byte offset 2", error.Message);
    }

    [Fact]
    public void ReadBatch_CorruptValue_ThrowsWithOffset()
    {
        using var stream = new MemoryStream(Convert.FromHexString("01c1"));
        var error = Assert.Throws<InvalidDataException>(() => ReadAll<object?>(stream));
        Assert.Contains("byte offset 1", error.Message);
    }

    private static List<T> ReadAll<T>(Stream stream)
    {
        using var reader = new MessagePackValueReader(stream);
        var batch = new T[MessagePackValueReader.BatchSize];
        var read = new List<T>();
        int count;
        while ((count = reader.ReadBatch(FormatterOf<T>.Instance, batch)) > 0) read.AddRange(batch.AsSpan(0, count));
        return read;
    }

    /// <summary>A stream that returns at most a few bytes per read, like a pipe or a socket.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, bytesPerRead));
    }
}
