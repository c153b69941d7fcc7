using System.Buffers;
using Apache.Arrow.Memory;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// Apache.Arrow's allocator for the buffers its IPC readers and writers fill, backed by
/// <see cref="AlignedMemoryPool"/>: 64-byte aligned managed memory that the GC frees with the arrays, instead of
/// the library's default native memory, which only an explicit dispose of every batch gives back. The engine's
/// batches are shared by reference across operators and the block store and are never disposed.
/// </summary>
internal sealed class AlignedMemoryAllocator : MemoryAllocator
{
    public static readonly AlignedMemoryAllocator Instance = new();

    private AlignedMemoryAllocator()
        : base(AlignedMemoryPool.Alignment)
    {
    }

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        var block = AlignedMemoryPool.Allocate(length);
        bytesAllocated = block.Length;
        return new BlockOwner(block);
    }

    /// <summary>Owns an unpooled block; disposing drops nothing, the GC frees it once no array refers to it.</summary>
    private sealed class BlockOwner(AlignedBlock block) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => block.Memory;

        public void Dispose()
        {
        }
    }
}
