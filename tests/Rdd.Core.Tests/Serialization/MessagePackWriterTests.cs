using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>Byte-level checks of the writer against the encodings in the MessagePack spec.</summary>
public sealed class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(long.MaxValue, "cf7fffffffffffffff")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(int.MinValue, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void WriteInt64_UsesSmallestEncoding(long value, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteInt64(value)));
    }

    [Fact]
    public void WriteUInt64_MaxValue_IsUInt64()
    {
        Assert.Equal("cfffffffffffffffff", Encode(w => w.WriteUInt64(ulong.MaxValue)));
    }

    [Theory]
    [InlineData(1.5, "cb3ff8000000000000")]
    [InlineData(-0.0, "cb8000000000000000")]
    [InlineData(double.PositiveInfinity, "cb7ff0000000000000")]
    [InlineData(double.NegativeInfinity, "cbfff0000000000000")]
    public void WriteDouble_IsFloat64BigEndian(double value, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteDouble(value)));
    }

    [Fact]
    public void WriteSingle_IsFloat32BigEndian()
    {
        Assert.Equal("ca3fc00000", Encode(w => w.WriteSingle(1.5f)));
    }

    [Fact]
    public void WriteNilAndBooleans_AreSingleBytes()
    {
        Assert.Equal("c0c3c2", Encode(w =>
        {
            w.WriteNil();
            w.WriteBoolean(true);
            w.WriteBoolean(false);
        }));
    }

    [Theory]
    [InlineData("", "a0")]
    [InlineData("a", "a161")]
    [InlineData("é", "a2c3a9")]
    public void WriteString_Short_IsFixStr(string value, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteString(value)));
    }

    [Theory]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65536, "db00010000")]
    public void WriteString_ByLength_UsesSmallestHeader(int length, string expectedHeaderHex)
    {
        var hex = Encode(w => w.WriteString(new string('x', length)));
        Assert.StartsWith(expectedHeaderHex, hex);
        Assert.Equal(expectedHeaderHex.Length + 2 * length, hex.Length);
    }

    [Fact]
    public void WriteString_MultiByteNearFixStrLimit_CountsUtf8Bytes()
    {
        // 11 characters of 3 UTF-8 bytes each: 33 bytes, one over fixstr.
        var hex = Encode(w => w.WriteString(new string('世', 11)));
        Assert.StartsWith("d921", hex);
    }

    [Fact]
    public void WriteBinary_IsBin8()
    {
        Assert.Equal("c403010203", Encode(w => w.WriteBinary([1, 2, 3])));
        Assert.StartsWith("c50100", Encode(w => w.WriteBinary(new byte[256])));
    }

    [Theory]
    [InlineData(0, "90")]
    [InlineData(15, "9f")]
    [InlineData(16, "dc0010")]
    [InlineData(65536, "dd00010000")]
    public void WriteArrayHeader_UsesSmallestHeader(int count, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteArrayHeader(count)));
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(15, "8f")]
    [InlineData(16, "de0010")]
    [InlineData(65536, "df00010000")]
    public void WriteMapHeader_UsesSmallestHeader(int count, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteMapHeader(count)));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(3, "c70305")]
    [InlineData(256, "c8010005")]
    public void WriteExtensionHeader_UsesFixExtWhenPossible(int length, string expectedHex)
    {
        Assert.Equal(expectedHex, Encode(w => w.WriteExtensionHeader(5, length)));
    }

    [Fact]
    public void WriteTimestamp_SecondsOnly_IsTimestamp32()
    {
        Assert.Equal("d6ff00000001", Encode(w => w.WriteTimestamp(1, 0)));
    }

    [Fact]
    public void WriteTimestamp_WithNanoseconds_IsTimestamp64()
    {
        // data64 = nanoseconds << 34 | seconds.
        var expected = "d7ff" + ((500_000_000UL << 34) | 1UL).ToString("x16");
        Assert.Equal(expected, Encode(w => w.WriteTimestamp(1, 500_000_000)));
    }

    [Fact]
    public void WriteTimestamp_BeforeEpoch_IsTimestamp96()
    {
        Assert.Equal("c70cff00000000ffffffffffffffff", Encode(w => w.WriteTimestamp(-1, 0)));
    }

    [Fact]
    public void WriteDoubles_MatchesOneByOne()
    {
        double[] values = [0, -0.0, 1.5, double.NaN, double.MaxValue];
        var bulk = Encode(w => w.WriteDoubles(values));
        var single = Encode(w =>
        {
            w.WriteArrayHeader(values.Length);
            foreach (var v in values)
            {
                w.WriteDouble(v);
            }
        });
        Assert.Equal(single, bulk);
    }

    [Fact]
    public void WriteInt64s_LargeArray_MatchesOneByOne()
    {
        var values = Enumerable.Range(-5000, 10_000).Select(i => (long)i * i * (i % 3 == 0 ? -1 : 1)).ToArray();
        var bulk = Encode(w => w.WriteInt64s(values));
        var single = Encode(w =>
        {
            w.WriteArrayHeader(values.Length);
            foreach (var v in values)
            {
                w.WriteInt64(v);
            }
        });
        Assert.Equal(single, bulk);
    }

    [Fact]
    public void WriteInt32s_MatchesOneByOne()
    {
        int[] values = [0, 1, -1, 127, 128, -33, int.MinValue, int.MaxValue];
        var bulk = Encode(w => w.WriteInt32s(values));
        var single = Encode(w =>
        {
            w.WriteArrayHeader(values.Length);
            foreach (var v in values)
            {
                w.WriteInt32(v);
            }
        });
        Assert.Equal(single, bulk);
    }

    [Fact]
    public void FlushTo_WritesAndEmptiesTheBuffer()
    {
        using var writer = new MessagePackWriter();
        using var stream = new MemoryStream();
        writer.WriteInt32(1);
        writer.FlushTo(stream);
        writer.WriteInt32(2);
        writer.FlushTo(stream);
        Assert.Equal([1, 2], stream.ToArray());
        Assert.Equal(0, writer.Length);
    }

    [Fact]
    public void Writer_GrowsPastInitialCapacity()
    {
        using var writer = new MessagePackWriter(16);
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        writer.WriteBinary(payload);
        Assert.Equal(5 + payload.Length, writer.Length);
        Assert.Equal(payload, writer.WrittenSpan[5..].ToArray());
    }

    private static string Encode(Action<MessagePackWriter> write)
    {
        using var writer = new MessagePackWriter();
        write(writer);
        return Convert.ToHexStringLower(writer.WrittenSpan);
    }
}
