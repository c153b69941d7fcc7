using System.Runtime.CompilerServices;
using Rdd.Sql.Arrow;

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
        return array.ValidityBuffer.Span;
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
            default: throw new NotSupportedException($"{array.Type} does not read as numbers.");
        }
        return destination;
    }

    /// <summary>The column as longs: the int64 buffer itself, or narrower integers widened into <paramref name="scratch"/>.</summary>
    public static ReadOnlySpan<long> Longs(ArrowArray array, ref long[] scratch)
    {
        if (array is PrimitiveArray<long> longs)
        {
            return longs.Values;
        }
        if (scratch.Length < array.Length)
        {
            scratch = new long[array.Length];
        }
        var destination = scratch.AsSpan(0, array.Length);
        switch (array)
        {
            case PrimitiveArray<int> p: Widen(p.Values, destination); break;
            case PrimitiveArray<short> p: Widen(p.Values, destination); break;
            case PrimitiveArray<sbyte> p: Widen(p.Values, destination); break;
            default: throw new NotSupportedException($"{array.Type} does not read as integers.");
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
