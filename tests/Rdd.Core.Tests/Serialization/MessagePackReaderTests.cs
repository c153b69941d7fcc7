using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>Decoding of the spec's encodings, including the ones our writer never produces.</summary>
public sealed class MessagePackReaderTests
{
    [Theory]
    [InlineData("7f", 127L)]
    [InlineData("cc80", 128L)]
    [InlineData("cd0100", 256L)]
    [InlineData("ce00010000", 65536L)]
    [InlineData("cf0000000100000000", 4294967296L)]
    [InlineData("ff", -1L)]
    [InlineData("d0df", -33L)]
    [InlineData("d1ff7f", -129L)]
    [InlineData("d2ffff7fff", -32769L)]
    [InlineData("d38000000000000000", long.MinValue)]
    // Wider encodings than needed are valid too.
    [InlineData("d3000000000000007f", 127L)]
    [InlineData("cf0000000000000001", 1L)]
    public void ReadInt64_AnyEncoding(string hex, long expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadInt64());
        Assert.True(reader.End);
    }

    [Fact]
    public void ReadInt64_IntegralFloat_IsAccepted()
    {
        var reader = new MessagePackReader(Convert.FromHexString("cb41f0000000000000"));
        Assert.Equal(4294967296L, reader.ReadInt64());
    }

    [Theory]
    [InlineData("cb3ff8000000000000")]
    [InlineData("cb7ff8000000000000")]
    [InlineData("cb43e0000000000000")]
    public void ReadInt64_NonIntegralOrOutOfRangeFloat_Throws(string hex)
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString(hex));
            reader.ReadInt64();
        });
    }

    [Fact]
    public void ReadUInt64_MaxValue()
    {
        var reader = new MessagePackReader(Convert.FromHexString("cfffffffffffffffff"));
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
    }

    [Fact]
    public void ReadInt64_AboveLongMaxValue_ThrowsOverflowWithOffset()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("c0cfffffffffffffffff"));
            reader.ReadNil();
            reader.ReadInt64();
        });
        Assert.Contains("byte offset 1", error.Message);
        Assert.Contains("Int64", error.Message);
    }

    [Fact]
    public void ReadInt32_OutOfRange_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("ce80000000"));
            reader.ReadInt32();
        });
        Assert.Contains("Int32", error.Message);
    }

    [Theory]
    [InlineData("cb3ff8000000000000", 1.5)]
    [InlineData("ca3fc00000", 1.5)]
    [InlineData("03", 3.0)]
    [InlineData("d0df", -33.0)]
    [InlineData("cfffffffffffffffff", 18446744073709551615.0)]
    public void ReadDouble_AcceptsFloatsAndIntegers(string hex, double expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadDouble());
    }

    [Theory]
    [InlineData("a161", "a")]
    [InlineData("d90161", "a")]
    [InlineData("da000161", "a")]
    [InlineData("db0000000161", "a")]
    [InlineData("a0", "")]
    [InlineData("a2c3a9", "é")]
    public void ReadString_AllStrFormats(string hex, string expected)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.Equal(expected, reader.ReadString());
    }

    [Theory]
    [InlineData("c40101")]
    [InlineData("c5000101")]
    [InlineData("c600000001" + "01")]
    public void ReadBinary_AllBinFormats(string hex)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.Equal([1], reader.ReadBinary().ToArray());
    }

    [Theory]
    [InlineData("9f", 15)]
    [InlineData("dc0000", 0)]
    [InlineData("dd00000000", 0)]
    public void ReadArrayHeader_AllArrayFormats(string hex, int expected)
    {
        var bytes = Convert.FromHexString(hex).Concat(new byte[expected]).ToArray();
        var reader = new MessagePackReader(bytes);
        Assert.Equal(expected, reader.ReadArrayHeader());
    }

    [Fact]
    public void ReadArrayHeader_CountLargerThanData_ThrowsBeforeAllocating()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("dd0000ffff01"));
            reader.ReadArrayHeader();
        });
        Assert.Contains("byte offset 5", error.Message);
    }

    [Theory]
    [InlineData("d6ff00000001", 1L, 0u)]
    [InlineData("c70cff00000000ffffffffffffffff", -1L, 0u)]
    public void ReadTimestamp_32And96(string hex, long seconds, uint nanoseconds)
    {
        var reader = new MessagePackReader(Convert.FromHexString(hex));
        Assert.Equal((seconds, nanoseconds), reader.ReadTimestamp());
    }

    [Fact]
    public void ReadTimestamp_64()
    {
        var data = Convert.FromHexString("d7ff" + ((123UL << 34) | 5UL).ToString("x16"));
        var reader = new MessagePackReader(data);
        Assert.Equal((5L, 123u), reader.ReadTimestamp());
    }

    [Fact]
    public void ReadString_Truncated_ThrowsWithOffset()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("a3616263a56162"), baseOffset: 100);
            reader.ReadString();
            reader.ReadString();
        });
        Assert.Contains("byte offset 105", error.Message);
        Assert.Contains("value starting at byte offset 104", error.Message);
    }

    [Fact]
    public void ReadInt32_WrongType_NamesExpectedAndFound()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("a161"));
            reader.ReadInt32();
        });
        Assert.Contains("expected an integer but found string (0xa1)", error.Message);
        Assert.Contains("byte offset 0", error.Message);
    }

    [Fact]
    public void PeekCode_AtEnd_ThrowsTruncated()
    {
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(ReadOnlySpan<byte>.Empty);
            reader.PeekCode();
        });
    }

    [Fact]
    public void Skip_NestedValues_StopsAfterOneValue()
    {
        // [1, {"a": [nil, 1.5]}, bin[2], ext(5, 1 byte)] followed by 7.
        var data = Convert.FromHexString("94" + "01" + "81a161" + "92c0cb3ff8000000000000" + "c4020102" + "d40509" + "07");
        var reader = new MessagePackReader(data);
        reader.Skip();
        Assert.Equal(7, reader.ReadInt32());
        Assert.True(reader.End);
    }

    [Fact]
    public void Skip_InvalidCode_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new MessagePackReader(Convert.FromHexString("91c1"));
            reader.Skip();
        });
        Assert.Contains("0xc1", error.Message);
    }
}
