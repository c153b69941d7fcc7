using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Rdd.Sql.Execution.Memory;

/// <summary>
/// Bit-packed buffers as Arrow lays them out: bit <c>i</c> lives in byte <c>i / 8</c> at position
/// <c>i % 8</c>, least significant bit first. Validity bitmaps use 1 for "valid"; boolean arrays use the
/// same packing for their values. Apache.Arrow's <c>BitUtility</c> has no bit-range copy and does its
/// arithmetic with table lookups; the kernels' bitmap work lives here.
/// </summary>
internal static class Bits
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GetBit(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] & (1 << (index & 7))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetBit(Span<byte> bits, int index) => bits[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClearBit(Span<byte> bits, int index) => bits[index >> 3] &= (byte)~(1 << (index & 7));

    public static void SetBit(Span<byte> bits, int index, bool value)
    {
        if (value)
        {
            SetBit(bits, index);
        }
        else
        {
            ClearBit(bits, index);
        }
    }

    /// <summary>Bytes needed for <paramref name="bitCount"/> bits.</summary>
    public static int ByteCount(int bitCount) => (int)(((long)bitCount + 7) >> 3);

    public static int RoundUpToMultipleOf8(int value) => checked((value + 7) & ~7);

    public static long RoundUpToMultipleOf8(long value) => checked((value + 7) & ~7L);

    /// <summary>Sets or clears <paramref name="length"/> bits starting at bit <paramref name="offset"/>.</summary>
    public static void SetBits(Span<byte> bits, int offset, int length, bool value)
    {
        int end = offset + length;
        int index = offset;
        // Bit by bit up to a byte boundary, then whole bytes, then the tail.
        for (; index < end && (index & 7) != 0; index++)
        {
            SetBit(bits, index, value);
        }
        int wholeBytes = (end - index) >> 3;
        if (wholeBytes > 0)
        {
            bits.Slice(index >> 3, wholeBytes).Fill(value ? (byte)0xFF : (byte)0);
            index += wholeBytes << 3;
        }
        for (; index < end; index++)
        {
            SetBit(bits, index, value);
        }
    }

    /// <summary>Number of set bits among <paramref name="length"/> bits from bit <paramref name="offset"/>.</summary>
    public static int CountBits(ReadOnlySpan<byte> bits, int offset, int length)
    {
        int count = 0;
        int index = offset;
        int end = offset + length;
        for (; index < end && (index & 7) != 0; index++)
        {
            if (GetBit(bits, index))
            {
                count++;
            }
        }
        int bytes = (end - index) >> 3;
        var whole = bits.Slice(index >> 3, bytes);
        int i = 0;
        for (; i + 8 <= whole.Length; i += 8)
        {
            count += BitOperations.PopCount(BinaryPrimitives.ReadUInt64LittleEndian(whole[i..]));
        }
        for (; i < whole.Length; i++)
        {
            count += BitOperations.PopCount(whole[i]);
        }
        index += bytes << 3;
        for (; index < end; index++)
        {
            if (GetBit(bits, index))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bits from bit <paramref name="sourceOffset"/> of
    /// <paramref name="source"/> to bit <paramref name="destinationOffset"/> of <paramref name="destination"/>.
    /// Used to re-base a bitmap that starts mid-byte (a sliced array) and to concatenate bitmaps.
    /// </summary>
    public static void CopyBits(ReadOnlySpan<byte> source, int sourceOffset, Span<byte> destination, int destinationOffset, int length)
    {
        if (length == 0)
        {
            return;
        }
        if ((sourceOffset & 7) == 0 && (destinationOffset & 7) == 0)
        {
            int wholeBytes = length >> 3;
            source.Slice(sourceOffset >> 3, wholeBytes).CopyTo(destination[(destinationOffset >> 3)..]);
            for (int i = wholeBytes << 3; i < length; i++)
            {
                SetBit(destination, destinationOffset + i, GetBit(source, sourceOffset + i));
            }
            return;
        }
        if ((destinationOffset & 7) == 0)
        {
            // Shift whole bytes: each output byte joins the high bits of one input byte and the low bits
            // of the next.
            int shift = sourceOffset & 7;
            int start = sourceOffset >> 3;
            int wholeBytes = length >> 3;
            var target = destination[(destinationOffset >> 3)..];
            for (int i = 0; i < wholeBytes; i++)
            {
                int low = source[start + i] >> shift;
                int high = source[start + i + 1] << (8 - shift);
                target[i] = (byte)(low | high);
            }
            for (int i = wholeBytes << 3; i < length; i++)
            {
                SetBit(destination, destinationOffset + i, GetBit(source, sourceOffset + i));
            }
            return;
        }
        for (int i = 0; i < length; i++)
        {
            SetBit(destination, destinationOffset + i, GetBit(source, sourceOffset + i));
        }
    }
}
