using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Tests.Execution.Memory;

public class BufferBuilderTests
{
    [Fact]
    public void Append_BeyondCapacity_GrowsAndKeepsValues()
    {
        using var builder = new BufferBuilder<int>(2);
        for (int i = 0; i < 1000; i++)
        {
            builder.Append(i);
        }
        Assert.Equal(1000, builder.Length);
        Assert.True(builder.Capacity >= 1000);
        Assert.Equal(Enumerable.Range(0, 1000), builder.Span.ToArray());
    }

    [Fact]
    public unsafe void Build_ReturnsAlignedBufferOfTheValues_AndResetsTheBuilder()
    {
        using var builder = new BufferBuilder<long>();
        builder.Append([1L, 2L, 3L]);
        var buffer = builder.Build();

        Assert.Equal(24, buffer.Length);
        Assert.Equal(new long[] { 1, 2, 3 }, MemoryMarshal.Cast<byte, long>(buffer.Span).ToArray());
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer.Span));
        Assert.Equal(0u, address % AlignedMemoryPool.Alignment);
        Assert.Equal(0, builder.Length);

        builder.Append(9L);
        Assert.Equal(new long[] { 1, 2, 3 }, MemoryMarshal.Cast<byte, long>(buffer.Span).ToArray());
        Assert.Equal(new long[] { 9 }, MemoryMarshal.Cast<byte, long>(builder.Build().Span).ToArray());
    }

    [Fact]
    public void GetSpanAndAdvance_CommitOnlyWhatWasWritten()
    {
        using var builder = new BufferBuilder<byte>();
        var span = builder.GetSpan(10);
        Assert.True(span.Length >= 10);
        span[0] = 7;
        span[1] = 8;
        builder.Advance(2);
        Assert.Equal(new byte[] { 7, 8 }, builder.Span.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Advance(builder.Capacity));
    }

    [Fact]
    public void AppendZeros_WritesZerosEvenIntoReusedMemory()
    {
        using var builder = new BufferBuilder<int>();
        builder.Append([5, 5, 5]);
        builder.Clear();
        builder.AppendZeros(3);
        Assert.Equal(new[] { 0, 0, 0 }, builder.Span.ToArray());
    }

    [Fact]
    public void BitmapBuilder_CountsBitsAndPacksThemLsbFirst()
    {
        using var builder = new BitmapBuilder();
        builder.Append(true).Append(false).Append(true, 9).Append(false, 2);

        Assert.Equal(13, builder.Length);
        Assert.Equal(10, builder.SetCount);
        Assert.Equal(3, builder.UnsetCount);
        Assert.False(builder.Get(1));
        Assert.True(builder.Get(10));
        Assert.Equal(new byte[] { 0b1111_1101, 0b0000_0111 }, builder.Build().Span.ToArray());
    }
}
