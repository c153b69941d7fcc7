using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed class MessagePackStreamReaderTests
{
    [Theory]
    [InlineData("c0")]
    [InlineData("7f")]
    [InlineData("cb3ff8000000000000")]
    [InlineData("a3616263")]
    [InlineData("c403010203")]
    [InlineData("92a161c0")]
    [InlineData("81a16192c3c2")]
    [InlineData("d6ff00000001")]
    [InlineData("c70cff00000000ffffffffffffffff")]
    [InlineData("dc0002" + "0102")]
    [InlineData("de0001" + "0102")]
    public void Measure_CompleteValue_ReturnsItsLength(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(bytes.Length, MessagePackStreamReader.Measure(bytes, 0));
        Assert.Equal(bytes.Length, MessagePackStreamReader.Measure(bytes.Concat(new byte[] { 0x01 }).ToArray(), 0));
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.Equal(-1, MessagePackStreamReader.Measure(bytes.AsSpan(0, cut), 0));
        }
    }

    [Fact]
    public void TryReadNext_SplitsConcatenatedValues()
    {
        using var stream = new MemoryStream(Convert.FromHexString("01a161c092c3c2"));
        using var reader = new MessagePackStreamReader(stream);
        var values = new List<(string Hex, long Offset)>();
        while (reader.TryReadNext(out var value, out var offset))
        {
            values.Add((Convert.ToHexStringLower(value.Span), offset));
        }
        Assert.Equal([("01", 0L), ("a161", 1L), ("c0", 3L), ("92c3c2", 4L)], values);
    }

    [Fact]
    public void TryReadNext_ValueLargerThanBuffer_GrowsTheBuffer()
    {
        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);
        using var writer = new MessagePackWriter();
        writer.WriteInt32(1);
        writer.WriteBinary(payload);
        writer.WriteInt32(2);
        using var stream = new MemoryStream(writer.ToArray());
        using var reader = new MessagePackStreamReader(stream);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.True(reader.TryReadNext(out var big, out var offset));
        Assert.Equal(1, offset);
        Assert.Equal(payload, big.Span[5..].ToArray());
        Assert.True(reader.TryReadNext(out var last, out _));
        Assert.Equal([2], last.ToArray());
        Assert.False(reader.TryReadNext(out _, out _));
    }

    [Fact]
    public void TryReadNext_StreamEndsInsideValue_ThrowsWithOffset()
    {
        using var stream = new MemoryStream(Convert.FromHexString("01" + "02" + "a56162"));
        using var reader = new MessagePackStreamReader(stream);
        Assert.True(reader.TryReadNext(out _, out _));
        Assert.True(reader.TryReadNext(out _, out _));
        var error = Assert.Throws<InvalidDataException>(() => reader.TryReadNext(out _, out _));
        Assert.Contains("byte offset 2", error.Message);
    }

    [Fact]
    public void TryReadNext_InvalidCode_ThrowsWithOffset()
    {
        using var stream = new MemoryStream(Convert.FromHexString("0192c1"));
        using var reader = new MessagePackStreamReader(stream);
        Assert.True(reader.TryReadNext(out _, out _));
        var error = Assert.Throws<InvalidDataException>(() => reader.TryReadNext(out _, out _));
        Assert.Contains("byte offset 2", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void TryRead_StreamReturningFewBytesPerRead_DecodesEveryValue(int bytesPerRead)
    {
        var items = Enumerable.Range(0, 2000).Select(i => (i, new string('v', i % 50), i * 0.25)).ToList();
        items.Add((-1, new string('x', 200_000), 0));
        using var encoded = new MemoryStream();
        ObjectSerializer.WriteAll(encoded, items);
        using var stream = new TrickleStream(encoded.ToArray(), bytesPerRead);
        using var reader = new MessagePackStreamReader(stream);
        var formatter = FormatterCache<(int, string, double)>.Instance;
        var read = new List<(int, string, double)>();
        while (reader.TryRead(formatter, out var value))
        {
            read.Add(value);
        }
        Assert.Equal(items, read);
    }

    [Fact]
    public void TryRead_StreamEndsInsideLargeValue_ThrowsWithOffset()
    {
        using var encoded = new MemoryStream();
        ObjectSerializer.WriteAll(encoded, new[] { "a", new string('x', 300_000) });
        using var stream = new MemoryStream(encoded.ToArray()[..^10]);
        using var reader = new MessagePackStreamReader(stream);
        var formatter = FormatterCache<string>.Instance;
        Assert.True(reader.TryRead(formatter, out var first));
        Assert.Equal("a", first);
        var error = Assert.Throws<InvalidDataException>(() => reader.TryRead(formatter, out _));
        Assert.Contains("Truncated MessagePack stream", error.Message);
        Assert.Contains("byte offset 2", error.Message);
    }

    [Fact]
    public void TryRead_CorruptValue_IsNotRetried()
    {
        using var stream = new MemoryStream(Convert.FromHexString("01c1"));
        using var reader = new MessagePackStreamReader(stream);
        var formatter = FormatterCache<object?>.Instance;
        Assert.True(reader.TryRead(formatter, out _));
        var error = Assert.Throws<InvalidDataException>(() => reader.TryRead(formatter, out _));
        Assert.Contains("byte offset 1", error.Message);
    }

    /// <summary>A stream that returns at most a few bytes per read, like a pipe or a socket.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            base.Read(buffer, offset, Math.Min(count, bytesPerRead));
    }
}
