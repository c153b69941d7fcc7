using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// Source of the memory behind Arrow buffers: 64-byte aligned blocks (the alignment the Arrow format
/// recommends, so SIMD loads never straddle a cache line) carved from pinned arrays.
/// </summary>
/// <remarks>
/// Builders rent a block, rent a bigger one when they grow and return the old one, so appending a column
/// costs no garbage. A block handed over to an array by <c>Build()</c> is never returned: it lives as long
/// as the array and its slices, and the GC frees it. That keeps zero-copy slices safe without reference
/// counting, which native memory would need. Blocks are pooled by power-of-two size up to 16 MiB.
/// </remarks>
internal static class AlignedMemoryPool
{
    public const int Alignment = 64;

    private const int MinimumShift = 6;
    private const int MaximumPooledShift = 24;
    private const int BlocksPerSize = 8;
    private const int LargestPowerOfTwo = 1 << 30;

    private static readonly Stack<byte[]>[] s_free = CreateBuckets();

    /// <summary>A block of at least <paramref name="minimumLength"/> bytes; its contents are undefined.</summary>
    public static AlignedBlock Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (minimumLength == 0)
        {
            return AlignedBlock.Empty;
        }
        if (minimumLength > LargestPowerOfTwo)
        {
            return Allocate(minimumLength);
        }
        int shift = Math.Max(MinimumShift, BitOperations.Log2((uint)minimumLength - 1) + 1);
        if (shift <= MaximumPooledShift)
        {
            var bucket = s_free[shift];
            lock (bucket)
            {
                if (bucket.TryPop(out var array))
                {
                    return Align(array, 1 << shift);
                }
            }
        }
        return Allocate(1 << shift);
    }

    /// <summary>Gives a rented block back; blocks not from <see cref="Rent"/> (or too big) are left to the GC.</summary>
    public static void Return(AlignedBlock block)
    {
        var array = block.Array;
        if (array is null || !BitOperations.IsPow2(block.Length))
        {
            return;
        }
        int shift = BitOperations.Log2((uint)block.Length);
        if (shift < MinimumShift || shift > MaximumPooledShift || array.Length != block.Length + Alignment - 1)
        {
            return;
        }
        var bucket = s_free[shift];
        lock (bucket)
        {
            if (bucket.Count < BlocksPerSize)
            {
                bucket.Push(array);
            }
        }
    }

    /// <summary>A fresh, unpooled aligned block of exactly <paramref name="length"/> bytes.</summary>
    public static AlignedBlock Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return AlignedBlock.Empty;
        }
        // Over-allocate so an aligned start exists whatever address the array gets.
        var array = GC.AllocateUninitializedArray<byte>(checked(length + Alignment - 1), pinned: true);
        return Align(array, length);
    }

    private static unsafe AlignedBlock Align(byte[] array, int length)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        int offset = (int)((Alignment - (address % Alignment)) % Alignment);
        return new AlignedBlock(array, offset, length);
    }

    private static Stack<byte[]>[] CreateBuckets()
    {
        var buckets = new Stack<byte[]>[MaximumPooledShift + 1];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = new Stack<byte[]>();
        }
        return buckets;
    }
}
