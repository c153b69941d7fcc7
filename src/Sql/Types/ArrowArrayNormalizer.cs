using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Memory;
using ArrowTypes = Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Types;

/// <summary>
/// Converts arrays read from Arrow files into the canonical layout of their SQL type
/// (<see cref="ArrowTypeMapping.ToArrowType"/>), so the engine's kernels see one physical type per SQL type:
/// unsigned integers widen, uint64 values above <c>long.MaxValue</c> fail, dictionaries are decoded, and
/// timestamps become microseconds (nanoseconds round toward the past, as Spark's own Arrow reader does).
/// Canonical arrays are returned as they are.
/// </summary>
internal static class ArrowArrayNormalizer
{
    /// <summary>The batch with every column canonical; the same batch when all already are.</summary>
    public static RecordBatch Normalize(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Schema.Fields.All(f => ArrowTypeMapping.IsCanonical(f.Type)))
        {
            return batch;
        }
        var fields = batch.Schema.Fields.Select(f => ArrowTypeMapping.IsCanonical(f.Type)
            ? f
            : new Field(f.Name, ArrowTypeMapping.ToArrowType(ArrowTypeMapping.ToDataType(f.Type)), f.IsNullable, f.Metadata));
        return new RecordBatch(new Schema(fields, batch.Schema.Metadata), batch.Columns.Select(Normalize), batch.Length);
    }

    /// <summary>The array in its SQL type's canonical layout.</summary>
    /// <exception cref="OverflowException">A uint64 value does not fit a bigint, or a timestamp leaves the range of microseconds.</exception>
    public static ArrowArray Normalize(ArrowArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Type.TypeId switch
        {
            ArrowTypes.ArrowTypeId.UInt8 => Widen(array, ((PrimitiveArray<byte>)array).Values, ArrowTypes.Int16Type.Default, static v => (short)v),
            ArrowTypes.ArrowTypeId.UInt16 => Widen(array, ((PrimitiveArray<ushort>)array).Values, ArrowTypes.Int32Type.Default, static v => (int)v),
            ArrowTypes.ArrowTypeId.UInt32 => Widen(array, ((PrimitiveArray<uint>)array).Values, ArrowTypes.Int64Type.Default, static v => (long)v),
            ArrowTypes.ArrowTypeId.UInt64 => WidenUInt64((PrimitiveArray<ulong>)array),
            ArrowTypes.ArrowTypeId.Dictionary => Decode((DictionaryArray)array),
            ArrowTypes.ArrowTypeId.Timestamp when !ArrowTypeMapping.IsCanonical(array.Type) => ToMicroseconds((TimestampArray)array),
            _ => array,
        };
    }

    private static ArrowArray Widen<TIn, TOut>(ArrowArray source, ReadOnlySpan<TIn> values, ArrowTypes.FixedWidthType type, Func<TIn, TOut> convert)
        where TIn : unmanaged
        where TOut : unmanaged
    {
        var output = new ArrowBuffer.Builder<TOut>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            output.Append(convert(values[i]));
        }
        return Rebuild(source, type, output.Build());
    }

    private static ArrowArray WidenUInt64(PrimitiveArray<ulong> source)
    {
        var values = source.Values;
        var output = new ArrowBuffer.Builder<long>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            ulong value = values[i];
            if (value > long.MaxValue && source.IsValid(i))
            {
                throw new OverflowException($"The uint64 value {value} at row {i} does not fit a bigint (there is no decimal type to widen to).");
            }
            output.Append((long)value);
        }
        return Rebuild(source, ArrowTypes.Int64Type.Default, output.Build());
    }

    private static ArrowArray ToMicroseconds(TimestampArray source)
    {
        var type = source.TimestampType;
        var values = source.Values;
        var output = new ArrowBuffer.Builder<long>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            long value = values[i];
            output.Append(type.Unit switch
            {
                ArrowTypes.TimeUnit.Second => checked(value * 1_000_000),
                ArrowTypes.TimeUnit.Millisecond => checked(value * 1_000),
                ArrowTypes.TimeUnit.Microsecond => value,
                _ => Math.DivRem(value, 1_000L, out long remainder) - (remainder < 0 ? 1 : 0),
            });
        }
        var canonical = type.Timezone is null ? ArrowTypeMapping.TimestampNaive : ArrowTypeMapping.TimestampUtc;
        return Rebuild(source, canonical, output.Build());
    }

    private static StringArray Decode(DictionaryArray source)
    {
        var builder = new StringArray.Builder(source.Length);
        var dictionary = source.Dictionary;
        for (int i = 0; i < source.Length; i++)
        {
            int? index = source.GetIndex(i);
            if (index is not int entry || dictionary.IsNull(entry))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(dictionary.GetBytes(entry));
            }
        }
        return builder.Build();
    }

    /// <summary>New values at offset 0 with the source's validity re-based to bit 0.</summary>
    private static ArrowArray Rebuild(ArrowArray source, ArrowTypes.ArrowType type, ArrowBuffer values)
    {
        var validity = ArrowBuffer.Empty;
        if (source.NullCount > 0)
        {
            var bits = new byte[BitUtility.ByteCount(source.Length)];
            BitUtility.CopyBits(source.ValidityBuffer.Span, source.Offset, bits, 0, source.Length);
            validity = new ArrowBuffer(bits);
        }
        return ArrowArrayFactory.Create(new ArrayData(type, source.Length, 0, source.NullCount, [validity, values]));
    }
}
