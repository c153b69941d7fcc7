using System.Diagnostics;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// The physical form of an array, shared by every array class and by IPC: type, logical window
/// (<see cref="Offset"/>, <see cref="Length"/>) into buffers that may be longer, null count, buffers in
/// Arrow's order for the type, child arrays and, for dictionary encoding, the dictionary.
/// </summary>
/// <remarks>
/// Buffer order: fixed width and boolean [validity, values]; binary and utf8 [validity, offsets, data];
/// list [validity, offsets] + one child; fixed-size list [validity] + one child; dictionary
/// [validity, indices] + <see cref="Dictionary"/>. An empty validity buffer means "no nulls".
/// </remarks>
internal sealed class ArrayData
{
    private readonly ArrowBuffer[] _buffers;
    private readonly ArrayData[] _children;

    public ArrayData(ArrowType type, int length, int offset, int nullCount, ArrowBuffer[] buffers, ArrayData[]? children = null, ArrayData? dictionary = null)
    {
        Debug.Assert(length >= 0 && offset >= 0 && nullCount >= 0 && nullCount <= length);
        Debug.Assert(nullCount == 0 || !buffers[0].IsEmpty, "Nulls need a validity bitmap.");
        Type = type;
        Length = length;
        Offset = offset;
        NullCount = nullCount;
        _buffers = buffers;
        _children = children ?? [];
        Dictionary = dictionary;
    }

    public ArrowType Type { get; }

    public int Length { get; }

    /// <summary>Index of this array's first slot in its buffers (non-zero after slicing).</summary>
    public int Offset { get; }

    public int NullCount { get; }

    public ReadOnlySpan<ArrowBuffer> Buffers => _buffers;

    public ReadOnlySpan<ArrayData> Children => _children;

    /// <summary>The dictionary values of a dictionary-encoded array; null otherwise.</summary>
    public ArrayData? Dictionary { get; }

    /// <summary>
    /// The slots [offset, offset + length) of this array, sharing every buffer. Children are not sliced:
    /// offsets (lists) or the parent offset (fixed-size lists) already select their slots.
    /// </summary>
    public ArrayData Slice(int offset, int length)
    {
        CheckSliceRange(Length, offset, length);
        if (offset == 0 && length == Length)
        {
            return this;
        }
        int nullCount = NullCount == 0 ? 0 : length - BitUtility.CountBits(_buffers[0].Span, Offset + offset, length);
        // Keep the bitmap even at zero nulls: it is shared and costs nothing, and a later
        // consumer may slice again from this slice's absolute offset.
        return new ArrayData(Type, length, Offset + offset, nullCount, _buffers, _children, Dictionary);
    }

    internal static void CheckSliceRange(int arrayLength, int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)offset + length > arrayLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"Slice [{offset}, {(long)offset + length}) is outside an array of {arrayLength}.");
        }
    }
}
