using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// A stable (process-independent) hash of each row's key values, for exchanges. Integer-like columns hash as
/// longs so an int key and a bigint key agree; strings hash their UTF-8 bytes (FNV-1a); null hashes as 0.
/// </summary>
internal static class RowHasher
{
    public static int[] Hash(IReadOnlyList<ArrowArray> keys, int rows)
    {
        var hashes = new int[rows];
        foreach (var key in keys)
        {
            var column = ColumnHash(key);
            for (int i = 0; i < rows; i++)
            {
                hashes[i] = unchecked(hashes[i] * 31 + column[i]);
            }
        }
        return hashes;
    }

    private static int[] ColumnHash(ArrowArray array)
    {
        var result = new int[array.Length];
        if (ColumnValues.IsLongLike(array.Type))
        {
            var values = ColumnValues.Longs(array);
            for (int i = 0; i < result.Length; i++) result[i] = Mix(values[i]);
        }
        else if (ColumnValues.IsDoubleLike(array.Type))
        {
            var values = ColumnValues.Doubles(array);
            for (int i = 0; i < result.Length; i++)
            {
                double v = values[i] == 0 ? 0 : double.IsNaN(values[i]) ? double.NaN : values[i];
                result[i] = Mix(BitConverter.DoubleToInt64Bits(v));
            }
        }
        else if (array is BinaryArray binary)
        {
            for (int i = 0; i < result.Length; i++) result[i] = Fnv(binary.GetBytes(i));
        }
        else if (array is BooleanArray booleans)
        {
            for (int i = 0; i < result.Length; i++) result[i] = booleans.GetBit(i) ? 1231 : 1237;
        }
        else
        {
            throw new NotSupportedException($"Cannot hash keys of type {array.Type}.");
        }
        if (array.NullCount > 0)
        {
            for (int i = 0; i < result.Length; i++)
            {
                if (array.IsNull(i)) result[i] = 0;
            }
        }
        return result;
    }

    private static int Mix(long value)
    {
        ulong x = unchecked((ulong)value * 0x9E3779B97F4A7C15UL);
        return (int)(x ^ (x >> 32));
    }

    private static int Fnv(ReadOnlySpan<byte> bytes)
    {
        uint hash = 2166136261;
        foreach (byte b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }
        return (int)hash;
    }
}
