using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Tests.Execution.Memory;

public class AlignedMemoryPoolTests
{
    private static unsafe nuint Address(AlignedBlock block) =>
        (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(block.Span));

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void Rent_ReturnsA64ByteAlignedBlockAtLeastAsLarge(int length)
    {
        var block = AlignedMemoryPool.Rent(length);
        Assert.True(block.Length >= length);
        Assert.Equal(0u, Address(block) % AlignedMemoryPool.Alignment);
        AlignedMemoryPool.Return(block);
    }

    [Fact]
    public void Rent_Zero_ReturnsEmpty() => Assert.True(AlignedMemoryPool.Rent(0).IsEmpty);

    [Fact]
    public void Allocate_ReturnsExactLengthAligned()
    {
        var block = AlignedMemoryPool.Allocate(100);
        Assert.Equal(100, block.Length);
        Assert.Equal(0u, Address(block) % AlignedMemoryPool.Alignment);
    }

    [Fact]
    public void Return_ThenRent_ReusesTheBlockStillAligned()
    {
        // A size no other test uses, so the bucket holds only this block.
        var block = AlignedMemoryPool.Rent(3 << 16);
        AlignedMemoryPool.Return(block);
        var again = AlignedMemoryPool.Rent(3 << 16);
        Assert.Same(block.Array, again.Array);
        Assert.Equal(0u, Address(again) % AlignedMemoryPool.Alignment);
    }
}
