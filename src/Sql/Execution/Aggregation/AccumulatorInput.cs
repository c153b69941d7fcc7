using System.Runtime.CompilerServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Allocation-free reads of an accumulator's input column: the values straight from the Arrow buffer when the
/// column's physical type is the one the loop wants, else widened into a scratch buffer the accumulator keeps
/// (an accumulator serves one task at a time, so the scratch is never shared), and the validity bitmap as a span
/// plus bit offset for the null-aware loops.
/// </summary>
internal static class AccumulatorInput
{
    /// <summary>
    /// The validity bitmap of <paramref name="array"/> (unsliced: slot i is bit <paramref name="offset"/> + i).
    /// Only meaningful when <c>NullCount &gt; 0</c>; callers run a separate null-free loop otherwise.
    /// </summary>
    public static ReadOnlySpan<byte> Validity(ArrowArray array, out int offset)
    {
        offset = array.Offset;
        return array.NullBitmapBuffer.Span;
    }

    /// <summary>Bit <paramref name="index"/> of a validity bitmap as 0 or 1, for branch-free null-aware loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bit(ReadOnlySpan<byte> bits, int index) => (bits[index >> 3] >> (index & 7)) & 1;

    /// <summary>
    /// The column as doubles: the float64 buffer itself, or the values widened into <paramref name="scratch"/>
    /// (grown as needed and reused across batches). Null slots hold unspecified values.
    /// </summary>
    public static ReadOnlySpan<double> Doubles(ArrowArray array, ref double[] scratch)
    {
        if (array is PrimitiveArray<double> doubles)
        {
            return doubles.Values;
        }
        if (scratch.Length < array.Length)
        {
            scratch = new double[array.Length];
        }
        var destination = scratch.AsSpan(0, array.Length);
        switch (array)
        {
            case PrimitiveArray<float> p: Widen(p.Values, destination); break;
            case PrimitiveArray<long> p: Widen(p.Values, destination); break;
            case PrimitiveArray<int> p: Widen(p.Values, destination); break;
            case PrimitiveArray<short> p: Widen(p.Values, destination); break;
            case PrimitiveArray<sbyte> p: Widen(p.Values, destination); break;
            default: throw new NotSupportedException($"{ArrowTypeMapping.Describe(array.Data.DataType)} does not read as numbers.");
        }
        return destination;
    }

    private static void Widen<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, System.Numerics.INumberBase<TFrom>
        where TTo : unmanaged, System.Numerics.INumberBase<TTo>
    {
        for (int i = 0; i < source.Length; i++) destination[i] = TTo.CreateTruncating(source[i]);
    }
}

/// <summary>
/// Which rows of a batch a loop folds in. Loops are generic over it so the JIT compiles a separate loop per filter:
/// with <see cref="AllRows"/> the test disappears (the null-free loop), with <see cref="ValidRows"/> it reads the bitmap.
/// </summary>
internal interface IRowFilter
{
    bool Keep(int row);
}

/// <summary>Every row (a column without nulls).</summary>
internal readonly struct AllRows : IRowFilter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Keep(int row) => true;
}

/// <summary>The rows whose slot in a validity bitmap is set.</summary>
internal readonly ref struct ValidRows(ArrowArray array) : IRowFilter
{
    private readonly ReadOnlySpan<byte> _bits = array.NullBitmapBuffer.Span;
    private readonly int _offset = array.Offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Keep(int row) => Bits.GetBit(_bits, _offset + row);
}

/// <summary>The rows where both of two columns are non-null (either may have no nulls at all).</summary>
internal readonly ref struct ValidPairs(ArrowArray first, ArrowArray second) : IRowFilter
{
    private readonly ReadOnlySpan<byte> _firstBits = first.NullCount == 0 ? default : first.NullBitmapBuffer.Span;
    private readonly int _firstOffset = first.Offset;
    private readonly ReadOnlySpan<byte> _secondBits = second.NullCount == 0 ? default : second.NullBitmapBuffer.Span;
    private readonly int _secondOffset = second.Offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Keep(int row) =>
        (_firstBits.IsEmpty || Bits.GetBit(_firstBits, _firstOffset + row))
        && (_secondBits.IsEmpty || Bits.GetBit(_secondBits, _secondOffset + row));
}
