using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Validity and boolean bitmaps normalised to offset 0 (<c>byte[]</c>, bit i = slot i) so kernels can combine
/// them a byte at a time. <c>null</c> stands for "all valid", which lets the no-null path skip every bit.
/// </summary>
internal static class Bitmaps
{
    /// <summary>The validity of <paramref name="array"/> at offset 0, or null when it has no nulls.</summary>
    public static byte[]? Validity(ArrowArray array)
    {
        if (array.NullCount == 0)
        {
            return null;
        }
        var bits = new byte[Bits.ByteCount(array.Length)];
        Bits.CopyBits(array.NullBitmapBuffer.Span, array.Offset, bits, 0, array.Length);
        return bits;
    }

    /// <summary>The value bits of a boolean array at offset 0 (null slots hold unspecified bits).</summary>
    public static byte[] Values(BooleanArray array)
    {
        var bits = new byte[Bits.ByteCount(array.Length)];
        Bits.CopyBits(array.ValueBuffer.Span, array.Offset, bits, 0, array.Length);
        return bits;
    }

    /// <summary>Validity of a binary operation's result: valid where both inputs are (bitwise AND).</summary>
    public static byte[]? And(byte[]? left, byte[]? right)
    {
        if (left is null)
        {
            return right;
        }
        if (right is null)
        {
            return left;
        }
        var result = new byte[left.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (byte)(left[i] & right[i]);
        }
        return result;
    }

    /// <summary>The combined validity of two arrays of the same length; null when neither has nulls.</summary>
    public static byte[]? CombineValidity(ArrowArray left, ArrowArray right) => And(Validity(left), Validity(right));

    public static int NullCount(byte[]? validity, int length) =>
        validity is null ? 0 : length - Bits.CountBits(validity, 0, length);

    /// <summary>A bitmap of <paramref name="length"/> bits all set.</summary>
    public static byte[] AllSet(int length)
    {
        var bits = new byte[Bits.ByteCount(length)];
        bits.AsSpan().Fill(0xFF);
        return bits;
    }

    /// <summary>A bitmap of <paramref name="length"/> bits all clear.</summary>
    public static byte[] AllClear(int length) => new byte[Bits.ByteCount(length)];
}
