using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// A stable (process-independent) hash of each row's key values, for exchanges. Integer-like columns hash as
/// longs so an int key and a bigint key agree; strings hash their UTF-8 bytes (<see cref="KeyHashing"/>, eight bytes per step); null hashes as 0.
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
        if (ColumnValues.IsLongLike(array.Data.DataType))
        {
            var values = ColumnValues.Longs(array);
            for (int i = 0; i < result.Length; i++) result[i] = Mix(values[i]);
        }
        else if (ColumnValues.IsDoubleLike(array.Data.DataType))
        {
            var values = ColumnValues.Doubles(array);
            for (int i = 0; i < result.Length; i++)
            {
                double v = values[i] == 0 ? 0 : double.IsNaN(values[i]) ? double.NaN : values[i];
                result[i] = Mix(BitConverter.DoubleToInt64Bits(v));
            }
        }
        else if (DictionaryCodes.Of(array) is { } codes)
        {
            // Each distinct value is hashed once per dictionary, not once per row.
            var entryHashes = EntryHashes(codes.Dictionary);
            var rowCodes = codes.Codes.Span;
            for (int i = 0; i < result.Length; i++) result[i] = entryHashes[rowCodes[i]];
        }
        else if (array is BinaryArray binary)
        {
            var offsets = binary.ValueOffsets;
            var data = binary.ValueBuffer.Span;
            for (int i = 0; i < result.Length; i++) result[i] = (int)KeyHashing.Hash(data[offsets[i]..offsets[i + 1]]);
        }
        else if (array is BooleanArray booleans)
        {
            for (int i = 0; i < result.Length; i++) result[i] = booleans.GetBit(i) ? 1231 : 1237;
        }
        else if (array is Decimal128Array decimals)
        {
            // Both sides of a decimal join or grouping have one type (the analyzer casts them), so equal values have equal unscaled integers.
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(decimals.ValueBuffer.Span).Slice(decimals.Offset, result.Length);
            for (int i = 0; i < result.Length; i++) result[i] = Mix((long)values[i] ^ (long)(values[i] >> 64));
        }
        else
        {
            throw new NotSupportedException($"Cannot hash keys of type {ArrowTypeMapping.Describe(array.Data.DataType)}.");
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

    private static int Mix(long value) => (int)KeyHashing.Hash(value);

    // A cached partition's dictionary is shared by all its batches: its hashes are computed once and kept with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BinaryArray, int[]> s_entryHashes = [];

    private static int[] EntryHashes(BinaryArray dictionary) => s_entryHashes.GetValue(dictionary, static d =>
    {
        var hashes = new int[d.Length];
        var offsets = d.ValueOffsets;
        var data = d.ValueBuffer.Span;
        for (int i = 0; i < hashes.Length; i++) hashes[i] = (int)KeyHashing.Hash(data[offsets[i]..offsets[i + 1]]);
        return hashes;
    });
}
