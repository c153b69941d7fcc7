using Rdd.Sql.Arrow;

namespace Rdd.Sql.Tests.Arrow;

public class BooleanArrayTests
{
    private static bool? Expected(int i) => i % 5 == 4 ? null : i % 3 == 0;

    private static BooleanArray Build(int length)
    {
        using var builder = new BooleanArray.Builder();
        for (int i = 0; i < length; i++)
        {
            builder.Append(Expected(i));
        }
        return builder.Build();
    }

    [Fact]
    public void Builder_PacksValuesAndNulls()
    {
        var array = Build(23);
        Assert.Equal(23, array.Length);
        Assert.Equal(4, array.NullCount);
        Assert.Equal(3, array.ValueBuffer.Length);
        for (int i = 0; i < 23; i++)
        {
            Assert.Equal(Expected(i), array.GetValue(i));
        }
    }

    [Theory]
    [InlineData(0, 23)]
    [InlineData(1, 7)]
    [InlineData(5, 13)]
    [InlineData(8, 8)]
    [InlineData(22, 1)]
    [InlineData(23, 0)]
    public void Slice_ReadsTheSameBitsAtAnyBitOffset(int offset, int length)
    {
        var slice = Build(23).Slice(offset, length);
        Assert.Equal(Enumerable.Range(offset, length).Count(i => Expected(i) is null), slice.NullCount);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(Expected(offset + i), slice.GetValue(i));
        }
    }

    [Fact]
    public void Empty_HasNoValues()
    {
        var array = new BooleanArray.Builder().Build();
        Assert.Equal(0, array.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.GetBit(0));
    }
}
