using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Tests.Execution.Memory;

public class BitsTests
{
    private static byte[] Pattern(int bytes, int seed)
    {
        var data = new byte[bytes];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static bool NaiveBit(byte[] bits, int index) => ((bits[index / 8] >> (index % 8)) & 1) == 1;

    [Fact]
    public void GetBit_UsesLeastSignificantBitFirst()
    {
        byte[] bits = [0b0000_0101, 0b1000_0000];
        Assert.True(Bits.GetBit(bits, 0));
        Assert.False(Bits.GetBit(bits, 1));
        Assert.True(Bits.GetBit(bits, 2));
        Assert.True(Bits.GetBit(bits, 15));
        Assert.False(Bits.GetBit(bits, 8));
    }

    [Fact]
    public void SetBitAndClearBit_ChangeOnlyThatBit()
    {
        var bits = new byte[2];
        Bits.SetBit(bits, 9);
        Assert.Equal(new byte[] { 0, 0b10 }, bits);
        Bits.SetBit(bits, 0, true);
        Bits.ClearBit(bits, 9);
        Assert.Equal(new byte[] { 1, 0 }, bits);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 2)]
    [InlineData(int.MaxValue, 268435456)]
    public void ByteCount_RoundsUp(int bits, int expected) => Assert.Equal(expected, Bits.ByteCount(bits));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 200)]
    [InlineData(3, 0)]
    [InlineData(3, 5)]
    [InlineData(5, 64)]
    [InlineData(7, 130)]
    [InlineData(8, 8)]
    [InlineData(13, 180)]
    public void CountBits_MatchesBitByBitCount(int offset, int length)
    {
        var bits = Pattern(32, offset * 31 + length);
        int expected = Enumerable.Range(offset, length).Count(i => NaiveBit(bits, i));
        Assert.Equal(expected, Bits.CountBits(bits, offset, length));
    }

    [Theory]
    [InlineData(0, 0, 17)]
    [InlineData(0, 0, 64)]
    [InlineData(3, 0, 70)]
    [InlineData(7, 0, 9)]
    [InlineData(1, 0, 8)]
    [InlineData(5, 3, 40)]
    [InlineData(8, 16, 33)]
    [InlineData(0, 5, 12)]
    [InlineData(9, 0, 0)]
    public void CopyBits_CopiesExactlyTheRange(int sourceOffset, int destinationOffset, int length)
    {
        var source = Pattern(16, sourceOffset + 100 * length);
        var destination = Pattern(16, 7);
        var before = (byte[])destination.Clone();

        Bits.CopyBits(source, sourceOffset, destination, destinationOffset, length);

        for (int i = 0; i < destination.Length * 8; i++)
        {
            bool inRange = i >= destinationOffset && i < destinationOffset + length;
            bool expected = inRange ? NaiveBit(source, sourceOffset + i - destinationOffset) : NaiveBit(before, i);
            Assert.True(expected == NaiveBit(destination, i), $"bit {i}");
        }
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 24, true)]
    [InlineData(3, 2, true)]
    [InlineData(5, 30, false)]
    [InlineData(6, 3, true)]
    public void SetBits_SetsOnlyTheRange(int offset, int length, bool value)
    {
        var bits = Pattern(8, offset);
        var before = (byte[])bits.Clone();
        Bits.SetBits(bits, offset, length, value);
        for (int i = 0; i < 64; i++)
        {
            bool expected = i >= offset && i < offset + length ? value : NaiveBit(before, i);
            Assert.Equal(expected, NaiveBit(bits, i));
        }
    }
}
