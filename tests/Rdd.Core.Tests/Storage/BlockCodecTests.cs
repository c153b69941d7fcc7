using Rdd.Core.Storage;

namespace Rdd.Core.Tests.Storage;

/// <summary>The serialized block layouts: which one each element type gets, their exact sizes, and round trips.</summary>
public sealed class BlockCodecTests
{
    [Fact]
    public void Instance_UnmanagedTypes_UseRawBytes()
    {
        Assert.IsType<RawBlockCodec<double>>(BlockCodec<double>.Instance);
        Assert.IsType<RawBlockCodec<(long, double)>>(BlockCodec<(long, double)>.Instance);
        Assert.IsType<RawBlockCodec<int?>>(BlockCodec<int?>.Instance);
    }

    [Fact]
    public void Instance_ArraysOfUnmanaged_UseLengthPrefixedRows()
    {
        Assert.IsType<RawArraysBlockCodec<double>>(BlockCodec<double[]>.Instance);
        Assert.IsType<RawArraysBlockCodec<(int, float)>>(BlockCodec<(int, float)[]>.Instance);
    }

    [Fact]
    public void Instance_OtherTypes_UseMessagePack()
    {
        Assert.IsType<MessagePackBlockCodec<string>>(BlockCodec<string>.Instance);
        Assert.IsType<MessagePackBlockCodec<(long, string)>>(BlockCodec<(long, string)>.Instance);
        Assert.IsType<MessagePackBlockCodec<string[]>>(BlockCodec<string[]>.Instance);
        Assert.IsType<MessagePackBlockCodec<List<double>>>(BlockCodec<List<double>>.Instance);
    }

    [Fact]
    public void Instance_Delegates_HasNoCodec() => Assert.Null(BlockCodec<Func<int>>.Instance);

    [Fact]
    public void RoundTrip_ObjectTypedMembers_KeepRuntimeTypes()
    {
        // Object members travel with their type when the plain encoding would lose it (42L is not 42).
        var block = new (long, object)[] { (1, 42L), (2, 42), (3, "x"), (4, (1, 'c')), (5, new long[] { 7 }) };
        var codec = BlockCodec<(long, object)>.Instance!;
        var copy = codec.Deserialize(codec.Serialize(block));
        Assert.IsType<long>(copy[0].Item2);
        Assert.IsType<int>(copy[1].Item2);
        Assert.Equal("x", copy[2].Item2);
        Assert.Equal((1, 'c'), copy[3].Item2);
        Assert.Equal(new long[] { 7 }, Assert.IsType<long[]>(copy[4].Item2));
    }

    [Fact]
    public void Serialize_UnmanagedPairs_IsTheRawBytesInOneMessagePackExtension()
    {
        var block = Enumerable.Range(0, 1000).Select(i => ((long)i, i * 0.5)).ToArray();

        var bytes = BlockCodec<(long, double)>.Instance!.Serialize(block);

        // ext16 (0xc8), big-endian length 16000, extension type 2, then the raw bytes.
        Assert.Equal(4 + 16 * 1000, bytes.Length);
        Assert.Equal([0xc8, 16000 >> 8, 16000 & 0xff, 2], bytes[..4]);
        Assert.Equal(block, BlockCodec<(long, double)>.Instance!.Deserialize(bytes));
    }

    [Fact]
    public void Serialize_DoubleRows_IsAMessagePackArrayOfRawExtensions()
    {
        double[]?[] block = [[1.0, 2.0, 3.0], [], null, [double.NaN, double.NegativeInfinity]];

        var bytes = BlockCodec<double[]?>.Instance!.Serialize(block);

        // array32 header, then ext8 (3-byte header) per row, nil for the null row.
        Assert.Equal(5 + (3 + 24) + 3 + 1 + (3 + 16), bytes.Length);
        Assert.Equal(0xdd, bytes[0]);
        Assert.Equal([0xc7, 24, 3], bytes[5..8]);
        Assert.Equal(block, BlockCodec<double[]?>.Instance!.Deserialize(bytes));
    }

    [Fact]
    public void WriteThenRead_StreamMatchesSerialize()
    {
        AssertStreamRoundTrip(Enumerable.Range(0, 257).Select(i => (long)i * 3).ToArray());
        AssertStreamRoundTrip(Enumerable.Range(0, 100).Select(i => Enumerable.Repeat(i * 1.5, i % 7).ToArray()).ToArray());
        AssertStreamRoundTrip(Enumerable.Range(0, 100).Select(i => (i, i % 3 == 0 ? null : new string('s', i))).ToArray());
        AssertStreamRoundTrip(new int?[] { 1, null, 3 });
        AssertStreamRoundTrip(Array.Empty<double[]>());
        AssertStreamRoundTrip(Array.Empty<string>());
    }

    [Fact]
    public void Read_TruncatedRows_ThrowsInvalidData()
    {
        var bytes = BlockCodec<double[]>.Instance!.Serialize([[1.0, 2.0], [3.0]]);

        using var stream = new MemoryStream(bytes, 0, bytes.Length - 4);

        Assert.Throws<InvalidDataException>(() => BlockCodec<double[]>.Instance!.Read(stream, bytes.Length - 4));
    }

    [Fact]
    public void Read_LengthNotAMultipleOfTheElement_ThrowsInvalidData()
    {
        using var stream = new MemoryStream(new byte[12]);

        Assert.Throws<InvalidDataException>(() => BlockCodec<long>.Instance!.Read(stream, 12));
    }

    public sealed record Holder(string Name, Dictionary<string, object> Properties);

    private static void AssertStreamRoundTrip<T>(T[] block)
    {
        var codec = BlockCodec<T>.Instance!;
        using var stream = new MemoryStream();
        codec.Write(stream, block);
        Assert.Equal(codec.Serialize(block), stream.ToArray());

        stream.Position = 0;
        Assert.Equal(block, codec.Read(stream, stream.Length));
        Assert.Equal(block, codec.Deserialize(stream.ToArray()));
    }
}
