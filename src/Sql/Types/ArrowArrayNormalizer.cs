using Apache.Arrow;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Memory;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// Converts the arrays of a batch read from an Arrow file into the canonical layout of their SQL type
/// (<see cref="ArrowTypeMapping.ToArrowType"/>), so the engine's kernels see one physical type per SQL type: unsigned
/// integers widen (a uint64 above <c>long.MaxValue</c> fails naming the column and row), float16 becomes float,
/// large and view strings and binaries get 32-bit offsets, date64 becomes days, timestamps become microseconds in
/// UTC or naive (nanoseconds round toward the past, as Spark's own Arrow reader does), and dictionary-encoded
/// columns are decoded, large and fixed-size lists become lists (32-bit offsets, item field <c>element</c>), and lists
/// and structs have their children normalized the same way, keeping their indices as <see cref="DictionaryCodes"/> when the dictionary has no null
/// entry, so grouping and joining by the column hash each dictionary value once. Each conversion writes its output
/// into aligned memory it allocates and fills span by span. Canonical arrays are returned as they are.
/// </summary>
internal static class ArrowArrayNormalizer
{
    /// <summary>The batch with every column canonical; the same batch when all already are.</summary>
    /// <param name="batch">A batch as an IPC reader returned it.</param>
    /// <param name="firstRow">The position of the batch's first row in its file, for messages.</param>
    /// <exception cref="OverflowException">A value does not fit its SQL type; the message names the column and row.</exception>
    public static RecordBatch Normalize(RecordBatch batch, long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var fields = batch.Schema.FieldsList;
        if (fields.All(f => ArrowTypeMapping.IsCanonical(f.DataType)))
        {
            return batch;
        }
        var columns = new IArrowArray[fields.Count];
        var canonicalFields = new Field[fields.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            var field = fields[c];
            if (ArrowTypeMapping.IsCanonical(field.DataType))
            {
                columns[c] = batch.Column(c);
                canonicalFields[c] = field;
                continue;
            }
            columns[c] = Normalize(batch.Column(c), field.Name, firstRow);
            canonicalFields[c] = new Field(field.Name, columns[c].Data.DataType, field.IsNullable, field.Metadata);
        }
        return new RecordBatch(new Schema(canonicalFields, batch.Schema.Metadata), columns, batch.Length);
    }

    /// <summary>The array in its SQL type's canonical layout.</summary>
    /// <param name="array">The array as read.</param>
    /// <param name="column">The column's name, for messages.</param>
    /// <param name="firstRow">The position of the array's first slot in its file, for messages.</param>
    /// <exception cref="OverflowException">A uint64 value does not fit a bigint, or a timestamp leaves the range of microseconds.</exception>
    public static IArrowArray Normalize(IArrowArray array, string column = "?", long firstRow = 0)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array switch
        {
            UInt8Array a => Widen(a, ArrowTypes.Int16Type.Default, static (ReadOnlySpan<byte> from, Span<short> to) =>
            {
                for (int i = 0; i < from.Length; i++) to[i] = from[i];
            }),
            UInt16Array a => Widen(a, ArrowTypes.Int32Type.Default, static (ReadOnlySpan<ushort> from, Span<int> to) =>
            {
                for (int i = 0; i < from.Length; i++) to[i] = from[i];
            }),
            UInt32Array a => Widen(a, ArrowTypes.Int64Type.Default, static (ReadOnlySpan<uint> from, Span<long> to) =>
            {
                for (int i = 0; i < from.Length; i++) to[i] = from[i];
            }),
            UInt64Array a => WidenUInt64(a, column, firstRow),
            HalfFloatArray a => Widen(a, ArrowTypes.FloatType.Default, static (ReadOnlySpan<Half> from, Span<float> to) =>
            {
                for (int i = 0; i < from.Length; i++) to[i] = (float)from[i];
            }),
            Date64Array a => Widen(a, ArrowTypes.Date32Type.Default, static (ReadOnlySpan<long> from, Span<int> to) =>
            {
                for (int i = 0; i < from.Length; i++) to[i] = (int)Math.Floor(from[i] / (double)TimeSpan.MillisecondsPerDay);
            }),
            TimestampArray a when !ArrowTypeMapping.IsCanonical(a.Data.DataType) => ToMicroseconds(a, column, firstRow),
            LargeStringArray or StringViewArray => Rebase(array, ArrowTypes.StringType.Default),
            LargeBinaryArray or BinaryViewArray => Rebase(array, ArrowTypes.BinaryType.Default),
            DictionaryArray a => Decode(a, column, firstRow),
            ListArray a when !ArrowTypeMapping.IsCanonical(a.Data.DataType) =>
                NestedList(a, ((ArrowTypes.ListType)a.Data.DataType).ValueField, a.ValueOffsets, a.Values, column, firstRow),
            LargeListArray a => NestedList(a, ((ArrowTypes.LargeListType)a.Data.DataType).ValueField, a.ValueOffsets, a.Values, column, firstRow),
            FixedSizeListArray a => FixedSizeList(a, column, firstRow),
            StructArray a when !ArrowTypeMapping.IsCanonical(a.Data.DataType) => NestedStruct(a, column, firstRow),
            _ => array,
        };
    }

    /// <summary>
    /// A list of any offset width as a list with 32-bit offsets starting at 0 over the (normalized) items it
    /// covers, item field called <see cref="ArrowTypeMapping.ListItemName"/>.
    /// </summary>
    private static ArrowArray NestedList<TOffset>(IArrowArray source, Field item, ReadOnlySpan<TOffset> sourceOffsets, IArrowArray items, string column, long firstRow)
        where TOffset : struct, System.Numerics.IBinaryInteger<TOffset>
    {
        int length = source.Length;
        long first = long.CreateTruncating(sourceOffsets[0]);
        long last = long.CreateTruncating(sourceOffsets[length]);
        var offsets = Allocate<int>(length + 1);
        var offsetSpan = Span<int>(offsets);
        for (int i = 0; i <= length; i++)
        {
            offsetSpan[i] = checked((int)(long.CreateTruncating(sourceOffsets[i]) - first));
        }
        var covered = ArrowArrayFactory.Slice(items, checked((int)first), checked((int)(last - first)));
        return ListOf(source, item, offsets, Normalize(covered, column + "." + item.Name, 0));
    }

    private static ArrowArray FixedSizeList(FixedSizeListArray source, string column, long firstRow)
    {
        var type = (ArrowTypes.FixedSizeListType)source.Data.DataType;
        int size = type.ListSize;
        var offsets = Allocate<int>(source.Length + 1);
        var offsetSpan = Span<int>(offsets);
        for (int i = 0; i <= source.Length; i++)
        {
            offsetSpan[i] = checked(i * size);
        }
        var covered = ArrowArrayFactory.Slice(source.Values, checked(source.Offset * size), checked(source.Length * size));
        return ListOf(source, type.ValueField, offsets, Normalize(covered, column + "." + type.ValueField.Name, firstRow * size));
    }

    private static ArrowArray ListOf(IArrowArray source, Field item, Memory<byte> offsets, IArrowArray items)
    {
        var itemField = new Field(ArrowTypeMapping.ListItemName, items.Data.DataType, item.IsNullable, item.Metadata);
        var data = new ArrayData(new ArrowTypes.ListType(itemField), source.Length, source.NullCount, 0,
            [Validity(source), new ArrowBuffer(offsets)], [Offset0(items).Data]);
        return (ArrowArray)ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>A struct whose fields are normalized, at offset 0.</summary>
    private static ArrowArray NestedStruct(StructArray source, string column, long firstRow)
    {
        var type = (ArrowTypes.StructType)source.Data.DataType;
        var children = new IArrowArray[type.Fields.Count];
        var fields = new Field[children.Length];
        for (int f = 0; f < children.Length; f++)
        {
            var child = source.Field(f);
            children[f] = Offset0(Normalize(child, column + "." + type.Fields[f].Name, firstRow));
            fields[f] = new Field(type.Fields[f].Name, children[f].Data.DataType, type.Fields[f].IsNullable, type.Fields[f].Metadata);
        }
        var data = new ArrayData(new ArrowTypes.StructType(fields), source.Length, source.NullCount, 0,
            [Validity(source)], [.. children.Select(c => c.Data)]);
        return (ArrowArray)ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>
    /// <paramref name="array"/> with its slots starting at offset 0, so it can be a child of an array built at
    /// offset 0: fixed-width and variable-width arrays are copied by the take kernel's gather.
    /// </summary>
    private static IArrowArray Offset0(IArrowArray array)
    {
        if (array.Data.Offset == 0)
        {
            return array;
        }
        var all = new int[array.Length];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }
        return Rdd.Sql.Execution.Kernels.TakeKernel.Take((ArrowArray)array, all);
    }

    private delegate void Conversion<TIn, TOut>(ReadOnlySpan<TIn> from, Span<TOut> to);

    private static ArrowArray Widen<TIn, TOut>(PrimitiveArray<TIn> source, ArrowTypes.IArrowType type, Conversion<TIn, TOut> convert)
        where TIn : struct, IEquatable<TIn>
        where TOut : unmanaged
    {
        var values = Allocate<TOut>(source.Length);
        convert(source.Values, Span<TOut>(values));
        return Rebuild(source, type, values);
    }

    private static ArrowArray WidenUInt64(UInt64Array source, string column, long firstRow)
    {
        var values = source.Values;
        var output = Allocate<long>(values.Length);
        var target = Span<long>(output);
        for (int i = 0; i < values.Length; i++)
        {
            ulong value = values[i];
            if (value > long.MaxValue && source.IsValid(i))
            {
                throw new OverflowException(
                    $"Column '{column}', row {firstRow + i}: the uint64 value {value} does not fit a bigint (there is no decimal type to widen to).");
            }
            target[i] = (long)value;
        }
        return Rebuild(source, ArrowTypes.Int64Type.Default, output);
    }

    private static ArrowArray ToMicroseconds(TimestampArray source, string column, long firstRow)
    {
        var type = (ArrowTypes.TimestampType)source.Data.DataType;
        var values = source.Values;
        var output = Allocate<long>(values.Length);
        var target = Span<long>(output);
        switch (type.Unit)
        {
            case ArrowTypes.TimeUnit.Second or ArrowTypes.TimeUnit.Millisecond:
                long factor = type.Unit == ArrowTypes.TimeUnit.Second ? 1_000_000 : 1_000;
                for (int i = 0; i < values.Length; i++)
                {
                    long value = values[i];
                    long micros = value * factor;
                    if (micros / factor != value && source.IsValid(i))
                    {
                        throw new OverflowException($"Column '{column}', row {firstRow + i}: the timestamp {value} ({ArrowTypeMapping.Describe(type)}) is out of range.");
                    }
                    target[i] = micros;
                }
                break;
            case ArrowTypes.TimeUnit.Microsecond:
                values.CopyTo(target);
                break;
            default:
                for (int i = 0; i < values.Length; i++)
                {
                    target[i] = Math.DivRem(values[i], 1_000L, out long remainder) - (remainder < 0 ? 1 : 0);
                }
                break;
        }
        var canonical = ArrowTemporal.IsZoned(type) ? ArrowTypeMapping.TimestampUtc : ArrowTypeMapping.TimestampNaive;
        return Rebuild(source, canonical, output);
    }

    /// <summary>A large (64-bit offsets) or view string or binary column as the 32-bit-offset layout.</summary>
    private static ArrowArray Rebase(IArrowArray source, ArrowTypes.IArrowType type)
    {
        int length = source.Length;
        var offsets = Allocate<int>(length + 1);
        var offsetSpan = Span<int>(offsets);
        long total = 0;
        for (int i = 0; i < length; i++)
        {
            offsetSpan[i] = checked((int)total);
            total += source.IsValid(i) ? Bytes(source, i).Length : 0;
        }
        offsetSpan[length] = checked((int)total);
        var data = Allocate<byte>((int)total);
        var dataSpan = data.Span;
        for (int i = 0; i < length; i++)
        {
            if (source.IsValid(i))
            {
                Bytes(source, i).CopyTo(dataSpan[offsetSpan[i]..]);
            }
        }
        var result = new ArrayData(type, length, source.NullCount, 0, [Validity(source), new ArrowBuffer(offsets), new ArrowBuffer(data)]);
        return (ArrowArray)ArrowArrayFactory.BuildArray(result);
    }

    private static ReadOnlySpan<byte> Bytes(IArrowArray array, int index) => array switch
    {
        BinaryArray a => a.GetBytes(index),
        LargeBinaryArray a => a.GetBytes(index),
        BinaryViewArray a => a.GetBytes(index),
        _ => throw new NotSupportedException($"No bytes in a {ArrowTypeMapping.Describe(array.Data.DataType)} array."),
    };

    /// <summary>
    /// The values a dictionary-encoded column stands for, as a utf8 or binary array, with the indices kept as
    /// <see cref="DictionaryCodes"/> when every dictionary entry is a value (a null entry would make a valid index
    /// a null row).
    /// </summary>
    private static ArrowArray Decode(DictionaryArray source, string column, long firstRow) => Decode(source, [], selected: false, column, firstRow);

    /// <summary>
    /// As <see cref="Normalize(IArrowArray, string, long)"/> does for a dictionary-encoded column, for the rows
    /// <paramref name="rows"/> only (ascending): a filter that selected rows by their indices leaves the
    /// dropped rows' values unexpanded.
    /// </summary>
    /// <exception cref="InvalidDataException">An index is outside the dictionary; the message names the column and row.</exception>
    public static ArrowArray Decode(DictionaryArray source, ReadOnlySpan<int> rows, string column, long firstRow) =>
        Decode(source, rows, selected: true, column, firstRow);

    private static ArrowArray Decode(DictionaryArray source, ReadOnlySpan<int> rows, bool selected, string column, long firstRow)
    {
        var dictionary = (BinaryArray)Normalize(source.Dictionary, column, firstRow);
        int length = selected ? rows.Length : source.Length;
        var indices = new int[length];
        var codes = indices.AsSpan();
        if (!selected)
        {
            ReadIndices(source.Indices, codes);
        }
        else
        {
            var all = System.Buffers.ArrayPool<int>.Shared.Rent(source.Length);
            ReadIndices(source.Indices, all.AsSpan(0, source.Length));
            for (int i = 0; i < length; i++)
            {
                codes[i] = all[rows[i]];
            }
            System.Buffers.ArrayPool<int>.Shared.Return(all);
        }
        int entries = dictionary.Length;
        bool dictionaryHasNulls = dictionary.NullCount > 0;
        var validity = dictionaryHasNulls || source.NullCount > 0 ? new byte[Bits.ByteCount(length)] : null;
        var offsets = Allocate<int>(length + 1);
        var offsetSpan = Span<int>(offsets);
        // Spans read once: Apache.Arrow's per-value accessors (GetValueLength ...) rebuild them on every call.
        var dictionaryOffsets = dictionary.ValueOffsets;
        var dictionaryData = dictionary.ValueBuffer.Span;
        bool rowNulls = source.NullCount > 0;
        long total = 0;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            offsetSpan[i] = checked((int)total);
            int row = selected ? rows[i] : i;
            if (rowNulls && source.IsNull(row))
            {
                codes[i] = 0;
                nullCount++;
                continue;
            }
            int entry = codes[i];
            if ((uint)entry >= (uint)entries)
            {
                throw new InvalidDataException(
                    $"Column '{column}', row {firstRow + row}: the dictionary index {entry} is outside the dictionary of {entries} values.");
            }
            if (dictionaryHasNulls && dictionary.IsNull(entry))
            {
                nullCount++;
                continue;
            }
            if (validity is not null)
            {
                Bits.SetBit(validity, i);
            }
            total += dictionaryOffsets[entry + 1] - dictionaryOffsets[entry];
        }
        offsetSpan[length] = checked((int)total);
        var data = Allocate<byte>((int)total);
        var dataSpan = data.Span;
        for (int i = 0; i < length; i++)
        {
            int start = offsetSpan[i], size = offsetSpan[i + 1] - start;
            if (size > 0)
            {
                int entry = codes[i], from = dictionaryOffsets[entry];
                if (size <= 8)
                {
                    // Flags, modes, segments: a call to memmove costs more than the few bytes it moves.
                    for (int k = 0; k < size; k++)
                    {
                        dataSpan[start + k] = dictionaryData[from + k];
                    }
                }
                else
                {
                    dictionaryData.Slice(from, size).CopyTo(dataSpan[start..]);
                }
            }
        }
        var validityBuffer = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        var decoded = (BinaryArray)ArrowArrayFactory.BuildArray(new ArrayData(
            dictionary.Data.DataType, length, nullCount, 0, [validityBuffer, new ArrowBuffer(offsets), new ArrowBuffer(data)]));
        return dictionaryHasNulls || entries == 0 ? decoded : DictionaryCodes.Attach(decoded, new DictionaryCodes(dictionary, indices));
    }

    /// <summary>Dictionary indices of any integer type as int32 (an index past int32 cannot address a dictionary array anyway).</summary>
    internal static void ReadIndices(IArrowArray indices, Span<int> target)
    {
        switch (indices)
        {
            case Int8Array a: Copy(a.Values, target); break;
            case UInt8Array a: Copy(a.Values, target); break;
            case Int16Array a: Copy(a.Values, target); break;
            case UInt16Array a: Copy(a.Values, target); break;
            case Int32Array a: a.Values.CopyTo(target); break;
            case UInt32Array a:
                for (int i = 0; i < target.Length; i++) target[i] = (int)Math.Min(a.Values[i], int.MaxValue);
                break;
            case Int64Array a:
                for (int i = 0; i < target.Length; i++) target[i] = (int)Math.Clamp(a.Values[i], -1, int.MaxValue);
                break;
            case UInt64Array a:
                for (int i = 0; i < target.Length; i++) target[i] = (int)Math.Min(a.Values[i], int.MaxValue);
                break;
            default:
                throw new NotSupportedException($"Dictionary indices of type {ArrowTypeMapping.Describe(indices.Data.DataType)} are not supported.");
        }
    }

    private static void Copy<T>(ReadOnlySpan<T> from, Span<int> to) where T : struct, System.Numerics.IBinaryInteger<T>
    {
        for (int i = 0; i < from.Length; i++) to[i] = int.CreateTruncating(from[i]);
    }

    /// <summary>New values at offset 0 with the source's validity re-based to bit 0.</summary>
    private static ArrowArray Rebuild(ArrowArray source, ArrowTypes.IArrowType type, Memory<byte> values) =>
        (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, source.Length, source.NullCount, 0, [Validity(source), new ArrowBuffer(values)]));

    private static ArrowBuffer Validity(IArrowArray source)
    {
        if (source.NullCount == 0)
        {
            return ArrowBuffer.Empty;
        }
        var bits = new byte[Bits.ByteCount(source.Length)];
        Bits.CopyBits(source.Data.Buffers[0].Span, source.Offset, bits, 0, source.Length);
        return new ArrowBuffer(bits);
    }

    /// <summary>Kept memory for <paramref name="count"/> values: aligned, not pooled (it lives as long as the column).</summary>
    private static Memory<byte> Allocate<T>(int count) where T : unmanaged =>
        AlignedMemoryPool.Allocate(checked(count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>())).Memory;

    private static Span<T> Span<T>(Memory<byte> memory) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(memory.Span);
}
