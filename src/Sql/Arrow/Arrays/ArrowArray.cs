using System.Runtime.CompilerServices;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// An immutable Arrow array: a typed view over an <see cref="ArrayData"/>. Concrete classes add typed
/// accessors; all of them are views, so constructing one or slicing it copies nothing.
/// </summary>
internal abstract class ArrowArray
{
    protected ArrowArray(ArrayData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
    }

    public ArrayData Data { get; }

    public ArrowType Type => Data.Type;

    public int Length => Data.Length;

    public int Offset => Data.Offset;

    public int NullCount => Data.NullCount;

    /// <summary>The validity bitmap, unsliced: bit <c>Offset + i</c> belongs to slot <c>i</c>. Empty when no nulls.</summary>
    public ArrowBuffer ValidityBuffer => Data.Buffers[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            ThrowIndexOutOfRange(index);
        }
        return NullCount == 0 || BitUtility.GetBit(ValidityBuffer.Span, Offset + index);
    }

    public bool IsNull(int index) => !IsValid(index);

    /// <summary>Slots [offset, offset + length) as an array of the same class, sharing the buffers.</summary>
    public abstract ArrowArray Slice(int offset, int length);

    protected void ThrowIndexOutOfRange(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside an array of {Length}.");

    /// <summary>Checks that a buffer holds at least <paramref name="bytes"/> bytes; a shorter one means corrupt data.</summary>
    protected static void RequireBuffer(ArrayData data, int index, long bytes, string what)
    {
        if (data.Buffers.Length <= index || data.Buffers[index].Length < bytes)
        {
            throw new InvalidDataException(
                $"A {data.Type} array of {data.Length} slots at offset {data.Offset} needs {bytes} bytes of {what}, "
                + $"but has {(data.Buffers.Length <= index ? 0 : data.Buffers[index].Length)}.");
        }
    }

    protected static void RequireValidity(ArrayData data)
    {
        if (data.NullCount > 0)
        {
            RequireBuffer(data, 0, BitUtility.ByteCount(data.Offset + data.Length), "validity bitmap");
        }
    }
}
