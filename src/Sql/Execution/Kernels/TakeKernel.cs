using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Gathers rows by index (a selection vector) into new arrays: fixed-width values by width, booleans bit by
/// bit, strings, binary and lists by offsets, structs field by field. Validity is gathered only when the source has nulls.
/// </summary>
internal static class TakeKernel
{
    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> indices)
    {
        var columns = new ArrowArray[batch.ColumnCount];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = Take(batch.Columns[c], indices);
        }
        return new RecordBatch(batch.Schema, columns, indices.Length);
    }

    public static ArrowArray Take(ArrowArray array, ReadOnlySpan<int> indices)
    {
        var validity = TakeValidity(array, indices);
        switch (array)
        {
            case BooleanArray booleans:
            {
                var bits = TakeBits(booleans.ValueBuffer.Span, booleans.Offset, indices);
                return KernelArrays.Boolean(bits, validity, indices.Length);
            }
            case BinaryArray binary:
                return TakeBinary(binary, indices, validity);
            case ListArray list:
                return TakeList(list, indices, validity);
            case StructArray structArray:
            {
                var fields = new ArrowArray[structArray.StructType.Fields.Count];
                for (int f = 0; f < fields.Length; f++)
                {
                    fields[f] = Take(structArray.Field(f), indices);
                }
                return KernelArrays.Struct(structArray.StructType, fields, indices.Length, validity);
            }
            default:
                return array.Data.DataType is ArrowTypes.FixedWidthType { BitWidth: var width } && array.Data.Buffers.Length == 2
                    ? width switch
                    {
                        8 => TakeFixed<byte>(array, indices, validity),
                        16 => TakeFixed<short>(array, indices, validity),
                        32 => TakeFixed<int>(array, indices, validity),
                        64 => TakeFixed<long>(array, indices, validity),
                        128 => TakeFixed<Int128>(array, indices, validity),
                        _ => throw new NotSupportedException($"Take of {ArrowTypeMapping.Describe(array.Data.DataType)} is not supported."),
                    }
                    : throw new NotSupportedException($"Take of {ArrowTypeMapping.Describe(array.Data.DataType)} is not supported.");
        }
    }

    private static byte[]? TakeValidity(ArrowArray array, ReadOnlySpan<int> indices)
    {
        if (array.NullCount == 0)
        {
            return null;
        }
        return TakeBits(array.NullBitmapBuffer.Span, array.Offset, indices);
    }

    /// <summary>
    /// Gathers bits <c>offset + indices[i]</c> of <paramref name="source"/> into a new bitmap, assembling each
    /// output byte in a register (one store per 8 rows rather than a read-modify-write per set bit).
    /// </summary>
    private static byte[] TakeBits(ReadOnlySpan<byte> source, int offset, ReadOnlySpan<int> indices)
    {
        var bits = new byte[Bits.ByteCount(indices.Length)];
        int fullBytes = indices.Length >> 3;
        for (int b = 0; b < fullBytes; b++)
        {
            var group = indices.Slice(b << 3, 8);
            int value = 0;
            for (int k = 0; k < 8; k++)
            {
                int bit = offset + group[k];
                value |= ((source[bit >> 3] >> (bit & 7)) & 1) << k;
            }
            bits[b] = (byte)value;
        }
        for (int i = fullBytes << 3; i < indices.Length; i++)
        {
            if (Bits.GetBit(source, offset + indices[i]))
            {
                Bits.SetBit(bits, i);
            }
        }
        return bits;
    }

    private static ArrowArray TakeFixed<T>(ArrowArray array, ReadOnlySpan<int> indices, byte[]? validity) where T : unmanaged
    {
        // Reinterpret by width: dates, timestamps and floats gather like integers of their size.
        // Bounded by the array's length, not its buffer's (which a slice or padding makes longer), so an index
        // outside the array is an error rather than a read of a neighbour's or padding's bytes.
        var source = MemoryMarshal.Cast<byte, T>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);
        var values = KernelArrays.AllocateValues<T>(indices.Length);
        var destination = KernelArrays.AsSpan<T>(values);
        if (indices.Length > 0 && indices[^1] - indices[0] == indices.Length - 1 && IsAscendingRun(indices))
        {
            // A selection that is one run of consecutive rows (a range predicate over a sorted column, a
            // filter that drops only a batch's head or tail) is a block copy.
            source.Slice(indices[0], indices.Length).CopyTo(destination);
        }
        else
        {
            Gather(source, indices, destination);
        }
        return KernelArrays.Fixed(array.Data.DataType, values, validity, indices.Length);
    }

    /// <summary>Whether <paramref name="indices"/> are consecutive integers (checked after the cheap end-points test).</summary>
    private static bool IsAscendingRun(ReadOnlySpan<int> indices)
    {
        for (int i = 1; i < indices.Length; i++)
        {
            if (indices[i] != indices[i - 1] + 1)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// <c>destination[i] = source[indices[i]]</c>. A plain indexed loop: measured against an unrolled gather
    /// through unchecked references (indices validated once up front), it was as fast or faster, and an index
    /// outside <paramref name="source"/> still fails here rather than reading past it.
    /// </summary>
    private static void Gather<T>(ReadOnlySpan<T> source, ReadOnlySpan<int> indices, Span<T> destination) where T : unmanaged
    {
        for (int i = 0; i < indices.Length; i++)
        {
            destination[i] = source[indices[i]];
        }
    }

    /// <summary>The offsets of the gathered variable-length values (each value's length from the source), and their total.</summary>
    private static (Memory<byte> Offsets, long Total) GatherOffsets(ReadOnlySpan<int> sourceOffsets, ReadOnlySpan<int> indices)
    {
        var offsets = KernelArrays.AllocateValues<int>(indices.Length + 1);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        long total = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            offsetSpan[i] = (int)total;
            total += sourceOffsets[indices[i] + 1] - sourceOffsets[indices[i]];
        }
        offsetSpan[indices.Length] = checked((int)total);
        return (offsets, total);
    }

    private static ArrowArray TakeBinary(BinaryArray array, ReadOnlySpan<int> indices, byte[]? validity)
    {
        var sourceOffsets = array.ValueOffsets;
        var sourceData = array.ValueBuffer.Span;
        Memory<byte> offsets;
        byte[] data;
        if (indices.Length > 0 && indices[^1] - indices[0] == indices.Length - 1 && IsAscendingRun(indices))
        {
            // One run of rows: its values are one block of bytes, and its offsets the source's, rebased.
            var runOffsets = sourceOffsets.Slice(indices[0], indices.Length + 1);
            int first = runOffsets[0];
            offsets = KernelArrays.AllocateValues<int>(runOffsets.Length);
            var offsetSpan = KernelArrays.AsSpan<int>(offsets);
            for (int i = 0; i < runOffsets.Length; i++)
            {
                offsetSpan[i] = runOffsets[i] - first;
            }
            data = sourceData[first..runOffsets[^1]].ToArray();
        }
        else
        {
            (offsets, var total) = GatherOffsets(sourceOffsets, indices);
            var offsetSpan = KernelArrays.AsSpan<int>(offsets);
            data = new byte[total];
            for (int i = 0; i < indices.Length; i++)
            {
                int start = sourceOffsets[indices[i]];
                sourceData[start..sourceOffsets[indices[i] + 1]].CopyTo(data.AsSpan(offsetSpan[i]));
            }
        }
        int nullCount = Bitmaps.NullCount(validity, indices.Length);
        var taken = (BinaryArray)(ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(
            array.Data.DataType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets), new ArrowBuffer(data)]));
        return DictionaryCodes.Of(array) is { } codes ? DictionaryCodes.Attach(taken, TakeCodes(codes, indices)) : taken;
    }

    /// <summary>
    /// Lists of numbers without null items (vectors' storage) copy their items' bytes by range; any other list
    /// gathers its items by index through <see cref="Take(ArrowArray, ReadOnlySpan{int})"/>, whatever their type.
    /// </summary>
    private static ArrowArray TakeList(ListArray array, ReadOnlySpan<int> indices, byte[]? validity)
    {
        var items = (ArrowArray)array.Values;
        if (items.NullCount > 0 || items is BooleanArray || items.Data.DataType is not ArrowTypes.FixedWidthType || items.Data.Buffers.Length != 2)
        {
            return TakeListByIndex(array, indices, validity);
        }
        var sourceOffsets = array.ValueOffsets;
        int width = ((ArrowTypes.FixedWidthType)array.ListType.ValueDataType).BitWidth / 8;
        var (offsets, total) = GatherOffsets(sourceOffsets, indices);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        var child = array.Values;
        var sourceValues = child.Data.Buffers[1].Span[(child.Offset * width)..];
        var values = KernelArrays.AllocateValues<byte>(checked((int)total * width));
        var destination = values.Span;
        for (int i = 0; i < indices.Length; i++)
        {
            int start = sourceOffsets[indices[i]] * width;
            int end = sourceOffsets[indices[i] + 1] * width;
            sourceValues[start..end].CopyTo(destination[(offsetSpan[i] * width)..]);
        }
        int nullCount = Bitmaps.NullCount(validity, indices.Length);
        var childData = new ArrayData(child.Data.DataType, (int)total, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(values)]);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(array.Data.DataType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets)], [childData]));
    }

    private static ArrowArray TakeListByIndex(ListArray array, ReadOnlySpan<int> indices, byte[]? validity)
    {
        var sourceOffsets = array.ValueOffsets;
        var (offsets, total) = GatherOffsets(sourceOffsets, indices);
        var itemIndices = new int[total];
        int next = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            for (int item = sourceOffsets[indices[i]], end = sourceOffsets[indices[i] + 1]; item < end; item++)
            {
                itemIndices[next++] = item;
            }
        }
        var items = Take((ArrowArray)array.Values, itemIndices);
        int nullCount = Bitmaps.NullCount(validity, indices.Length);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(array.Data.DataType, indices.Length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets)], [items.Data]));
    }

    /// <summary>Dictionary codes follow their rows, so grouping and partitioning after a gather still use them.</summary>
    private static DictionaryCodes TakeCodes(DictionaryCodes codes, ReadOnlySpan<int> indices)
    {
        var source = codes.Codes.Span;
        var taken = new int[indices.Length];
        Gather(source, indices, taken);
        return codes with { Codes = taken };
    }
}
