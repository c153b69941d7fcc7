using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed partial class ObjectSerializerTests
{
    [Theory]
    [InlineData(127, "7f")]
    [InlineData(-33, "d0df")]
    [InlineData(256, "cd0100")]
    [InlineData(int.MinValue, "d280000000")]
    public void Serialize_Int32_SpecBytes(int value, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex(value));
    }

    [Fact]
    public void Serialize_Scalars_SpecBytes()
    {
        Assert.Equal("a161", Hex("a"));
        Assert.Equal("c0", Hex<string?>(null));
        Assert.Equal("cb3ff8000000000000", Hex(1.5));
        Assert.Equal("ca3fc00000", Hex(1.5f));
        Assert.Equal("c3", Hex(true));
        Assert.Equal("c403010203", Hex(new byte[] { 1, 2, 3 }));
        Assert.Equal("cfffffffffffffffff", Hex(ulong.MaxValue));
        Assert.Equal("ccc8", Hex((byte)200));
        Assert.Equal("41", Hex('A'));
        Assert.Equal("a4312e3530", Hex(1.50m));
    }

    [Fact]
    public void RoundTrip_IntegerEdges()
    {
        AssertRoundTrip(int.MinValue);
        AssertRoundTrip(int.MaxValue);
        AssertRoundTrip(long.MinValue);
        AssertRoundTrip(long.MaxValue);
        AssertRoundTrip(ulong.MaxValue);
        AssertRoundTrip(uint.MaxValue);
        AssertRoundTrip(sbyte.MinValue);
        AssertRoundTrip(byte.MaxValue);
        AssertRoundTrip(short.MinValue);
        AssertRoundTrip(ushort.MaxValue);
        AssertRoundTrip(0L);
        AssertRoundTrip(-1);
        AssertRoundTrip(char.MaxValue);
        AssertRoundTrip('€');
        AssertRoundTrip(true);
        AssertRoundTrip(false);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(double.MinValue)]
    [InlineData(0.1)]
    public void RoundTrip_Double_BitExact(double value)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(RoundTrip(value)));
    }

    [Fact]
    public void RoundTrip_NegativeZero_KeepsSign()
    {
        Assert.True(double.IsNegative(RoundTrip(-0.0)));
        Assert.True(float.IsNegative(RoundTrip(-0.0f)));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.MaxValue)]
    [InlineData(1.1f)]
    public void RoundTrip_Single_BitExact(float value)
    {
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(RoundTrip(value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("héllo wörld")]
    [InlineData("世界 🎉 \u0000 \t\n")]
    public void RoundTrip_String(string value)
    {
        AssertRoundTrip(value);
    }

    [Fact]
    public void RoundTrip_LongStrings()
    {
        AssertRoundTrip(new string('x', 31));
        AssertRoundTrip(new string('x', 32));
        AssertRoundTrip(new string('é', 200));
        AssertRoundTrip(string.Concat(Enumerable.Repeat("🎉", 40_000)));
    }

    [Fact]
    public void RoundTrip_NullReferences()
    {
        Assert.Null(RoundTrip<string?>(null));
        Assert.Null(RoundTrip<byte[]?>(null));
        Assert.Null(RoundTrip<int[]?>(null));
        Assert.Null(RoundTrip<Person?>(null));
        Assert.Null(RoundTrip<List<string>?>(null));
        Assert.Null(RoundTrip<Dictionary<string, int>?>(null));
    }

    [Fact]
    public void RoundTrip_ByteArrays()
    {
        AssertRoundTrip(Array.Empty<byte>());
        AssertRoundTrip(Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray());
    }

    [Fact]
    public void RoundTrip_Decimal_ExactWithScale()
    {
        decimal[] values = [0m, 1.50m, -1.5m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 123456789.123456789m];
        foreach (var value in values)
        {
            var back = RoundTrip(value);
            Assert.Equal(value, back);
            Assert.Equal(decimal.GetBits(value), decimal.GetBits(back));
        }
    }

    [Fact]
    public void RoundTrip_DateTime_KeepsTicksAndReadsAsUtc()
    {
        DateTime[] values =
        [
            DateTime.MinValue,
            DateTime.MaxValue,
            DateTime.UnixEpoch,
            new DateTime(1969, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9999),
            new DateTime(2024, 2, 29, 12, 30, 15, DateTimeKind.Utc).AddTicks(1234567),
            new DateTime(2106, 2, 7, 6, 28, 16, DateTimeKind.Utc),
            new DateTime(2600, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
        ];
        foreach (var value in values)
        {
            var back = RoundTrip(value);
            Assert.Equal(value.Ticks, back.Ticks);
            Assert.Equal(DateTimeKind.Utc, back.Kind);
        }
    }

    [Fact]
    public void RoundTrip_LocalDateTime_IsTheSameInstant()
    {
        var local = new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Local);
        Assert.Equal(local.ToUniversalTime(), RoundTrip(local));
    }

    [Fact]
    public void Serialize_DateTime_IsTimestampExtension()
    {
        Assert.Equal("d6ff00000001", Hex(DateTime.UnixEpoch.AddSeconds(1)));
    }

    [Fact]
    public void RoundTrip_OtherTemporalTypes()
    {
        AssertRoundTrip(DateOnly.MinValue);
        AssertRoundTrip(DateOnly.MaxValue);
        AssertRoundTrip(new DateOnly(2024, 2, 29));
        AssertRoundTrip(TimeOnly.MaxValue);
        AssertRoundTrip(new TimeOnly(13, 14, 15, 16));
        AssertRoundTrip(TimeSpan.MinValue);
        AssertRoundTrip(TimeSpan.MaxValue);
        AssertRoundTrip(TimeSpan.FromTicks(-1));
        var offset = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5.5)).AddTicks(42);
        var back = RoundTrip(offset);
        Assert.Equal(offset, back);
        Assert.Equal(offset.Offset, back.Offset);
    }

    [Fact]
    public void RoundTrip_Guid_AsBigEndianBin()
    {
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        Assert.Equal("c410" + "00112233445566778899aabbccddeeff", Hex(guid));
        AssertRoundTrip(guid);
        AssertRoundTrip(Guid.Empty);
    }

    [Fact]
    public void RoundTrip_Enums_AsUnderlyingIntegers()
    {
        Assert.Equal("05", Hex(Color.Green));
        Assert.Equal("fd", Hex(Color.Blue));
        AssertRoundTrip(Color.Blue);
        AssertRoundTrip(Permissions.Read | Permissions.Write);
        AssertRoundTrip(Permissions.All);
        AssertRoundTrip(Huge.Max);
        AssertRoundTrip((Color)42);
    }

    [Fact]
    public void RoundTrip_Nullable()
    {
        Assert.Equal("c0", Hex<int?>(null));
        Assert.Equal("07", Hex<int?>(7));
        AssertRoundTrip<int?>(null);
        AssertRoundTrip<int?>(int.MinValue);
        AssertRoundTrip<double?>(double.NaN);
        AssertRoundTrip<Point?>(new Point(1, 2));
        AssertRoundTrip<Point?>(null);
    }

    [Fact]
    public void Deserialize_Int32FromOtherIntegerEncodings()
    {
        Assert.Equal(5, ObjectSerializer.Deserialize<int>(Convert.FromHexString("d30000000000000005")));
        Assert.Equal(2.0, ObjectSerializer.Deserialize<double>(Convert.FromHexString("02")));
        Assert.Equal(2.5f, ObjectSerializer.Deserialize<float>(Convert.FromHexString("cb4004000000000000")));
    }

    [Fact]
    public void Deserialize_ByteOverflow_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => ObjectSerializer.Deserialize<byte>(Convert.FromHexString("cd0100")));
        Assert.Contains("Byte", error.Message);
    }
}
