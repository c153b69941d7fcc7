using System.Text;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class StringArrayTests
{
    private static readonly string?[] s_values = ["a", "", null, "héllo", "漢字 €", null, "last one", "x"];

    private static StringArray Build()
    {
        using var builder = new StringArray.Builder();
        foreach (var value in s_values)
        {
            builder.Append(value);
        }
        return builder.Build();
    }

    [Fact]
    public void Builder_EncodesUtf8_WithOffsets()
    {
        var array = Build();
        Assert.Equal(s_values.Length, array.Length);
        Assert.Equal(2, array.NullCount);
        Assert.Equal(s_values, Enumerable.Range(0, array.Length).Select(array.GetString));
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), array.GetBytes(3).ToArray());
        Assert.Equal(0, array.ValueOffsets[0]);
        Assert.Equal(array.ValueData.Length, array.ValueOffsets[^1]);
        Assert.True(array.GetBytes(2).IsEmpty);
    }

    [Fact]
    public void Builder_AppendSpanAndBytes_AreTheSameAsStrings()
    {
        using var builder = new StringArray.Builder();
        builder.Append("abc".AsSpan()).Append("déf"u8);
        var array = builder.Build();
        Assert.Equal("abc", array.GetString(0));
        Assert.Equal("déf", array.GetString(1));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    [InlineData(5, 3)]
    [InlineData(8, 0)]
    public void Slice_KeepsTheDataAndReadsTheRange(int offset, int length)
    {
        var array = Build();
        var slice = array.Slice(offset, length);
        Assert.IsType<StringArray>(slice);
        Assert.Equal(s_values.Skip(offset).Take(length), Enumerable.Range(0, length).Select(slice.GetString));
        Assert.Equal(s_values.Skip(offset).Take(length).Count(v => v is null), slice.NullCount);
        Assert.Equal(length + 1, slice.ValueOffsets.Length);
    }

    [Fact]
    public void Constructor_RejectsOffsetsBeyondTheData()
    {
        var offsets = new ArrowBuffer(new byte[] { 0, 0, 0, 0, 9, 0, 0, 0 });
        var data = new ArrayData(StringType.Default, 1, 0, 0, [ArrowBuffer.Empty, offsets, new ArrowBuffer(new byte[4])]);
        Assert.Throws<InvalidDataException>(() => new StringArray(data));
    }

    [Fact]
    public void BinaryArray_RoundTripsBytes()
    {
        using var builder = new BinaryArray.Builder();
        builder.Append(new byte[] { 1, 2, 3 }).Append((byte[]?)null).Append(Array.Empty<byte>());
        var array = builder.Build();
        Assert.Equal(BinaryType.Default, array.Type);
        Assert.Equal(new byte[] { 1, 2, 3 }, array.GetByteArray(0));
        Assert.Null(array.GetByteArray(1));
        Assert.Equal(Array.Empty<byte>(), array.GetByteArray(2));
        Assert.Equal(new byte[] { 1, 2, 3 }, array.Slice(0, 1).GetByteArray(0));
    }
}
