using System.Numerics;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>Turns a boolean predicate into a selection vector: the indices of rows that are TRUE (NULL is false).</summary>
internal static class FilterKernel
{
    /// <summary>
    /// The selected row indices in ascending order, or null when every row passes (the caller then keeps the
    /// batch as it is).
    /// </summary>
    public static int[]? Select(BooleanArray predicate)
    {
        int length = predicate.Length;
        var bits = Bitmaps.Values(predicate);
        var validity = Bitmaps.Validity(predicate);
        if (validity is not null)
        {
            for (int i = 0; i < bits.Length; i++)
            {
                bits[i] &= validity[i];
            }
        }
        int count = Bits.CountBits(bits, 0, length);
        if (count == length)
        {
            return null;
        }
        var selection = new int[count];
        int next = 0;
        int fullBytes = length >> 3;
        for (int b = 0; b < fullBytes; b++)
        {
            int word = bits[b];
            while (word != 0)
            {
                selection[next++] = (b << 3) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
        for (int i = fullBytes << 3; i < length; i++)
        {
            if (Bits.GetBit(bits, i))
            {
                selection[next++] = i;
            }
        }
        return selection;
    }

    /// <summary>The rows of <paramref name="batch"/> where <paramref name="predicate"/> is TRUE; the same batch when all are.</summary>
    public static RecordBatch Filter(RecordBatch batch, BooleanArray predicate)
    {
        var selection = Select(predicate);
        return selection is null ? batch : TakeKernel.Take(batch, selection);
    }
}
