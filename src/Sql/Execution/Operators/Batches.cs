using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Whole-batch helpers the operators share: concatenation, gathers with null slots, empty batches.</summary>
internal static class Batches
{
    public static Schema ArrowSchema(StructType schema) => ArrowTypeMapping.ToArrowSchema(schema);

    public static RecordBatch Empty(Schema schema) =>
        new(schema, schema.FieldsList.Select(f => KernelArrays.AllNull(f.DataType, 0)), 0);

    /// <summary>One batch holding the rows of <paramref name="batches"/> in order (the batch itself when there is one).</summary>
    public static RecordBatch Concat(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0];
        }
        if (batches.Count == 0)
        {
            return Empty(schema);
        }
        int length = batches.Sum(b => b.Length);
        var columns = new ArrowArray[schema.FieldCount];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = Concat(schema.GetFieldByIndex(c).DataType, batches.Select(b => b.Columns[c]).ToArray(), length);
        }
        return new RecordBatch(schema, columns, length);
    }

    /// <summary>
    /// Gathers rows by index where a negative index gives a null slot (the missing side of an outer join).
    /// </summary>
    public static ArrowArray TakeOrNull(ArrowArray array, ReadOnlySpan<int> indices, ArrowTypes.IArrowType type)
    {
        bool anyMissing = indices.IndexOfAnyInRange(int.MinValue, -1) >= 0;
        if (!anyMissing)
        {
            return TakeKernel.Take(array, indices);
        }
        if (array.Length == 0)
        {
            return KernelArrays.AllNull(type, indices.Length);
        }
        var safe = new int[indices.Length];
        var validity = Bitmaps.AllClear(indices.Length);
        for (int i = 0; i < indices.Length; i++)
        {
            bool present = indices[i] >= 0;
            safe[i] = present ? indices[i] : 0;
            if (present && array.IsValid(indices[i]))
            {
                Bits.SetBit(validity, i);
            }
        }
        var taken = TakeKernel.Take(array, safe);
        var buffers = taken.Data.Buffers.ToArray();
        buffers[0] = new ArrowBuffer(validity);
        int nullCount = Bitmaps.NullCount(validity, indices.Length);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(taken.Data.DataType, indices.Length, nullCount, 0, buffers, taken.Data.Children));
    }

    private static ArrowArray Concat(ArrowTypes.IArrowType type, ArrowArray[] parts, int length)
    {
        switch (parts[0])
        {
            case BooleanArray:
            {
                using var builder = new BooleanArrayBuilder(length);
                foreach (BooleanArray part in parts)
                {
                    for (int i = 0; i < part.Length; i++) builder.Append(part.GetValue(i));
                }
                return builder.Build();
            }
            case BinaryArray:
                return ConcatBinary(type, parts, length);
            case ListArray:
                return ConcatList(type, parts, length);
            case StructArray:
            {
                var structType = (ArrowTypes.StructType)type;
                var fields = new ArrowArray[structType.Fields.Count];
                for (int f = 0; f < fields.Length; f++)
                {
                    fields[f] = Concat(structType.Fields[f].DataType, [.. parts.Select(p => ((StructArray)p).Field(f))], length);
                }
                return KernelArrays.Struct(structType, fields, length, ConcatValidity(parts, length));
            }
            default:
                return ConcatFixed(type, parts, length);
        }
    }

    private static ArrowArray ConcatFixed(ArrowTypes.IArrowType type, ArrowArray[] parts, int length)
    {
        int width = ((ArrowTypes.FixedWidthType)type).BitWidth / 8;
        var values = KernelArrays.AllocateValues<byte>(checked(length * width));
        var destination = values.Span;
        var validity = ConcatValidity(parts, length);
        int row = 0;
        foreach (var part in parts)
        {
            part.Data.Buffers[1].Span.Slice(part.Offset * width, part.Length * width).CopyTo(destination[(row * width)..]);
            row += part.Length;
        }
        return KernelArrays.Fixed(type, values, validity, length);
    }

    private static ArrowArray ConcatBinary(ArrowTypes.IArrowType type, ArrowArray[] parts, int length)
    {
        var offsets = KernelArrays.AllocateValues<int>(length + 1);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        long total = 0;
        int row = 0;
        foreach (BinaryArray part in parts)
        {
            var partOffsets = part.ValueOffsets;
            for (int i = 0; i < part.Length; i++)
            {
                offsetSpan[row++] = checked((int)(total + partOffsets[i] - partOffsets[0]));
            }
            total += partOffsets[part.Length] - partOffsets[0];
        }
        offsetSpan[length] = checked((int)total);
        var data = new byte[total];
        long at = 0;
        foreach (BinaryArray part in parts)
        {
            var partOffsets = part.ValueOffsets;
            var bytes = part.ValueBuffer.Span[partOffsets[0]..partOffsets[part.Length]];
            bytes.CopyTo(data.AsSpan((int)at));
            at += bytes.Length;
        }
        var validity = ConcatValidity(parts, length);
        int nullCount = Bitmaps.NullCount(validity, length);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets), new ArrowBuffer(data)]));
    }

    private static ArrowArray ConcatList(ArrowTypes.IArrowType type, ArrowArray[] parts, int length)
    {
        var offsets = KernelArrays.AllocateValues<int>(length + 1);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        int total = 0;
        int row = 0;
        var children = new ArrowArray[parts.Length];
        for (int p = 0; p < parts.Length; p++)
        {
            var part = (ListArray)parts[p];
            var partOffsets = part.ValueOffsets;
            for (int i = 0; i < part.Length; i++)
            {
                offsetSpan[row++] = checked(total + partOffsets[i] - partOffsets[0]);
            }
            total = checked(total + partOffsets[part.Length] - partOffsets[0]);
            children[p] = (ArrowArray)ArrowArrayFactory.Slice(part.Values, partOffsets[0], partOffsets[part.Length] - partOffsets[0]);
        }
        offsetSpan[length] = total;
        var child = Concat(((ArrowTypes.ListType)type).ValueField.DataType, children, total);
        var validity = ConcatValidity(parts, length);
        int nullCount = Bitmaps.NullCount(validity, length);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets)], [child.Data]));
    }

    private static byte[]? ConcatValidity(ArrowArray[] parts, int length)
    {
        if (parts.All(p => p.NullCount == 0))
        {
            return null;
        }
        var bits = Bitmaps.AllClear(length);
        int row = 0;
        foreach (var part in parts)
        {
            for (int i = 0; i < part.Length; i++, row++)
            {
                if (part.IsValid(i)) Bits.SetBit(bits, row);
            }
        }
        return bits;
    }
}
