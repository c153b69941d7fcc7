using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class PrimitiveArrayTests
{
    private static PrimitiveArray<int> Build(int length, Func<int, bool> isNull)
    {
        using var builder = new PrimitiveArray<int>.Builder();
        for (int i = 0; i < length; i++)
        {
            builder.Append(isNull(i) ? null : i * 10);
        }
        return builder.Build();
    }

    [Fact]
    public void Builder_WithoutNulls_HasNoValidityBitmap()
    {
        var array = Build(100, _ => false);
        Assert.Equal(0, array.NullCount);
        Assert.True(array.ValidityBuffer.IsEmpty);
        Assert.True(array.IsValid(99));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 10), array.Values.ToArray());
    }

    [Fact]
    public void Builder_WithNulls_CountsThemAndReadsThemAsNull()
    {
        var array = Build(20, i => i % 3 == 0);
        Assert.Equal(7, array.NullCount);
        Assert.Null(array.GetValue(0));
        Assert.Equal(10, array.GetValue(1));
        Assert.True(array.IsNull(18));
        Assert.Equal(Int32Type.Default, array.Type);
    }

    [Fact]
    public void Builder_FirstNullLate_StillMarksEarlierValuesValid()
    {
        var array = Build(70, i => i == 69);
        Assert.Equal(1, array.NullCount);
        Assert.All(Enumerable.Range(0, 69), i => Assert.True(array.IsValid(i)));
        Assert.True(array.IsNull(69));
    }

    [Fact]
    public void Builder_IsReusableAfterBuild()
    {
        using var builder = new PrimitiveArray<double>.Builder();
        var first = builder.Append(1.5).AppendNull().Build();
        var second = builder.Append(2.5).Build();
        Assert.Equal(2, first.Length);
        Assert.Equal(1, first.NullCount);
        Assert.Equal(1, second.Length);
        Assert.Equal(0, second.NullCount);
        Assert.Equal(2.5, second.Values[0]);
    }

    [Fact]
    public void Empty_HasNoValuesAndNoNulls()
    {
        var array = new PrimitiveArray<long>.Builder().Build();
        Assert.Equal(0, array.Length);
        Assert.Equal(0, array.NullCount);
        Assert.True(array.Values.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.IsValid(0));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 37)]
    [InlineData(1, 10)]
    [InlineData(7, 9)]
    [InlineData(8, 16)]
    [InlineData(13, 24)]
    [InlineData(36, 1)]
    [InlineData(37, 0)]
    public void Slice_SharesTheBuffersAndSeesTheRange(int offset, int length)
    {
        var array = Build(37, i => i % 4 == 1);
        var slice = array.Slice(offset, length);

        Assert.Equal(length, slice.Length);
        Assert.Equal(offset, slice.Offset);
        Assert.Equal(Enumerable.Range(offset, length).Count(i => i % 4 == 1), slice.NullCount);
        Assert.True(slice.ValueBuffer.Memory.Equals(array.ValueBuffer.Memory), "A slice must not copy the values.");
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(array.GetValue(offset + i), slice.GetValue(i));
        }
        Assert.Equal(array.Values.Slice(offset, length).ToArray(), slice.Values.ToArray());
    }

    [Fact]
    public void Slice_OfASlice_AddsOffsets()
    {
        var array = Build(30, i => i == 12);
        var slice = array.Slice(5, 20).Slice(3, 10);
        Assert.Equal(8, slice.Offset);
        Assert.Equal(1, slice.NullCount);
        Assert.Null(slice.GetValue(4));
        Assert.Equal(80, slice.GetValue(0));
    }

    [Fact]
    public void Slice_OutOfRange_Throws()
    {
        var array = Build(5, _ => false);
        Assert.Throws<ArgumentOutOfRangeException>(() => array.Slice(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => array.Slice(-1, 1));
    }

    [Fact]
    public void Constructor_RejectsAValuesBufferTooShortForTheLength()
    {
        var data = new ArrayData(Int32Type.Default, 4, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(new byte[12])]);
        Assert.Throws<InvalidDataException>(() => new PrimitiveArray<int>(data));
    }

    [Fact]
    public void Constructor_RejectsAMismatchedValueType()
    {
        var data = new ArrayData(Int64Type.Default, 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(new byte[8])]);
        Assert.Throws<ArgumentException>(() => new PrimitiveArray<int>(data));
    }

    [Fact]
    public void Builder_ForEveryNumberType_ProducesTheMatchingArrowType()
    {
        Assert.Equal(Int8Type.Default, new PrimitiveArray<sbyte>.Builder().Build().Type);
        Assert.Equal(UInt8Type.Default, new PrimitiveArray<byte>.Builder().Build().Type);
        Assert.Equal(Int16Type.Default, new PrimitiveArray<short>.Builder().Build().Type);
        Assert.Equal(UInt16Type.Default, new PrimitiveArray<ushort>.Builder().Build().Type);
        Assert.Equal(UInt32Type.Default, new PrimitiveArray<uint>.Builder().Build().Type);
        Assert.Equal(Int64Type.Default, new PrimitiveArray<long>.Builder().Build().Type);
        Assert.Equal(UInt64Type.Default, new PrimitiveArray<ulong>.Builder().Build().Type);
        Assert.Equal(FloatType.Default, new PrimitiveArray<float>.Builder().Build().Type);
        Assert.Equal(DoubleType.Default, new PrimitiveArray<double>.Builder().Build().Type);
        Assert.Throws<NotSupportedException>(() => new PrimitiveArray<decimal>.Builder());
    }
}
