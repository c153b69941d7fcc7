using Apache.Arrow;
using Microsoft.Data.Analysis;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using MdaFrame = Microsoft.Data.Analysis.DataFrame;

namespace Rdd.Sql.Interop;

/// <summary>
/// A <see cref="MdaFrame"/>'s columns as in-memory record batches, sliced by Spark's rule for local data. The
/// values are copied (numeric columns buffer by buffer, with no per-value work), so later changes to the
/// Microsoft.Data.Analysis frame, whose columns are mutable, do not reach the lazy Rdd frame. Types map as
/// Arrow's do (<see cref="ArrowTypeMapping"/>): unsigned integers widen to the next signed type (ulong to
/// bigint, refusing a value above <see cref="long.MaxValue"/>), <c>char</c> becomes a one-character string, <c>decimal</c>
/// a <c>decimal(38,18)</c> and <see cref="DateTime"/> a <c>timestamp</c> as <c>CreateDataFrame</c> of objects converts it. Every column is
/// nullable, as Spark makes the columns of a pandas frame. Other column types are refused by name.
/// </summary>
internal static class DataAnalysisImport
{
    public static (StructType Schema, List<RecordBatch> Batches) Import(MdaFrame frame, int slices)
    {
        if (frame.Rows.Count > int.MaxValue)
        {
            throw new NotSupportedException($"The frame has {frame.Rows.Count} rows; at most {int.MaxValue} can be imported at once.");
        }
        int rows = (int)frame.Rows.Count;
        var columns = frame.Columns.Select(c => Gather(c, rows)).ToList();
        var schema = new StructType([.. columns.Select(c => new StructField(c.Name, c.Type, true))]);
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(schema);
        slices = Math.Max(1, Math.Min(slices, rows));
        var batches = new List<RecordBatch>(slices);
        for (int s = 0; s < slices; s++)
        {
            int start = (int)((long)s * rows / slices);
            int end = (int)((long)(s + 1) * rows / slices);
            batches.Add(new RecordBatch(arrowSchema, columns.Select(c => c.Slice(start, end - start)), end - start));
        }
        return (schema, batches);
    }

    /// <summary>One column's values gathered into one place, in the representation of its SQL type.</summary>
    private abstract class Gathered(string name, DataType type)
    {
        public string Name { get; } = name;

        public DataType Type { get; } = type;

        public abstract ArrowArray Slice(int start, int length);
    }

    private sealed class FixedColumn<T>(string name, DataType type, T[] values, byte[]? validity) : Gathered(name, type)
        where T : unmanaged
    {
        public override ArrowArray Slice(int start, int length)
        {
            var memory = KernelArrays.AllocateValues<T>(length);
            values.AsSpan(start, length).CopyTo(KernelArrays.AsSpan<T>(memory));
            return KernelArrays.Fixed(Type, memory, SliceBits(validity, start, length), length);
        }
    }

    private sealed class BooleanColumn(string name, byte[] valueBits, byte[]? validity) : Gathered(name, DataTypes.Boolean)
    {
        public override ArrowArray Slice(int start, int length) =>
            KernelArrays.Boolean(SliceBits(valueBits, start, length)!, SliceBits(validity, start, length), length);
    }

    private sealed class StringColumn(string name, string?[] values) : Gathered(name, DataTypes.String)
    {
        public override ArrowArray Slice(int start, int length)
        {
            using var builder = new StringArrayBuilder(length);
            for (int i = start; i < start + length; i++)
            {
                builder.Append(values[i]);
            }
            return builder.Build();
        }
    }

    private static byte[]? SliceBits(byte[]? bits, int start, int length)
    {
        if (bits is null)
        {
            return null;
        }
        var slice = new byte[Bits.ByteCount(length)];
        Bits.CopyBits(bits, start, slice, 0, length);
        return slice;
    }

    private static Gathered Gather(DataFrameColumn column, int rows)
    {
        string name = column.Name;
        switch (column)
        {
            case PrimitiveDataFrameColumn<sbyte> c: return Same(c, DataTypes.Byte);
            case PrimitiveDataFrameColumn<short> c: return Same(c, DataTypes.Short);
            case PrimitiveDataFrameColumn<int> c: return Same(c, DataTypes.Integer);
            case PrimitiveDataFrameColumn<long> c: return Same(c, DataTypes.Long);
            case PrimitiveDataFrameColumn<float> c: return Same(c, DataTypes.Float);
            case PrimitiveDataFrameColumn<double> c: return Same(c, DataTypes.Double);
            case PrimitiveDataFrameColumn<byte> c: return Widened(c, DataTypes.Short, static v => (short)v);
            case PrimitiveDataFrameColumn<ushort> c: return Widened(c, DataTypes.Integer, static v => (int)v);
            case PrimitiveDataFrameColumn<uint> c: return Widened(c, DataTypes.Long, static v => (long)v);
            case PrimitiveDataFrameColumn<ulong> c:
            {
                var (values, validity) = Values(c);
                var widened = new long[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i] > long.MaxValue && (validity is null || Bits.GetBit(validity, i)))
                    {
                        throw new OverflowException(
                            $"Column '{name}' row {i}: the ulong {values[i]} does not fit the bigint it is read as.");
                    }
                    widened[i] = (long)values[i];
                }
                return new FixedColumn<long>(name, DataTypes.Long, widened, validity);
            }
            case PrimitiveDataFrameColumn<bool> c:
            {
                var (values, validity) = Values(c);
                var bits = new byte[Bits.ByteCount(values.Length)];
                for (int i = 0; i < values.Length; i++)
                {
                    if (values[i])
                    {
                        Bits.SetBit(bits, i);
                    }
                }
                return new BooleanColumn(name, bits, validity);
            }
            case PrimitiveDataFrameColumn<DateTime> c:
            {
                var (values, validity) = Values(c);
                var micros = new long[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    micros[i] = ArrowTemporal.FromDateTime(values[i], ArrowTypeMapping.TimestampUtc);
                }
                return new FixedColumn<long>(name, DataTypes.Timestamp, micros, validity);
            }
            case PrimitiveDataFrameColumn<decimal> c:
            {
                // decimal(38,18), as CreateDataFrame makes of decimal properties (Spark's type for a BigDecimal).
                var type = DecimalType.SystemDefault;
                var (values, validity) = Values(c);
                var unscaled = new Int128[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    if ((validity is null || Bits.GetBit(validity, i))
                        && !DecimalValues.TryFromDecimal(values[i], type.Precision, type.Scale, out unscaled[i]))
                    {
                        throw new OverflowException($"Column '{name}' row {i}: the decimal {values[i]} does not fit {type.SimpleString}.");
                    }
                }
                return new FixedColumn<Int128>(name, type, unscaled, validity);
            }
            case PrimitiveDataFrameColumn<char> c:
            {
                var strings = new string?[rows];
                for (long i = 0; i < rows; i++)
                {
                    strings[i] = c[i] is { } ch ? ch.ToString() : null;
                }
                return new StringColumn(name, strings);
            }
            case StringDataFrameColumn or ArrowStringDataFrameColumn:
            {
                var strings = new string?[rows];
                for (long i = 0; i < rows; i++)
                {
                    strings[i] = (string?)column[i];
                }
                return new StringColumn(name, strings);
            }
            default:
                throw new NotSupportedException(
                    $"Column '{name}' is a {column.GetType().Name} of {column.DataType}, which has no SQL type here; "
                    + "numeric, decimal, boolean, string, char and DateTime columns can be imported.");
        }
    }

    private static FixedColumn<T> Same<T>(PrimitiveDataFrameColumn<T> column, DataType type) where T : unmanaged
    {
        var (values, validity) = Values(column);
        return new FixedColumn<T>(column.Name, type, values, validity);
    }

    private static FixedColumn<TOut> Widened<TIn, TOut>(PrimitiveDataFrameColumn<TIn> column, DataType type, Func<TIn, TOut> widen)
        where TIn : unmanaged where TOut : unmanaged
    {
        var (values, validity) = Values(column);
        var widened = new TOut[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            widened[i] = widen(values[i]);
        }
        return new FixedColumn<TOut>(column.Name, type, widened, validity);
    }

    /// <summary>
    /// The column's values, buffer after buffer (a column longer than one buffer holds keeps several), and its
    /// validity bitmap (bit set = valid), or null when no value is null.
    /// </summary>
    private static (T[] Values, byte[]? Validity) Values<T>(PrimitiveDataFrameColumn<T> column) where T : unmanaged
    {
        int length = checked((int)column.Length);
        var values = new T[length];
        var validity = column.NullCount > 0 ? new byte[Bits.ByteCount(length)] : null;
        using var bitmaps = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        int at = 0;
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            if (!bitmaps.MoveNext())
            {
                throw new InvalidOperationException($"Column '{column.Name}' has fewer null bitmaps than data buffers.");
            }
            buffer.Span.CopyTo(values.AsSpan(at));
            if (validity is not null)
            {
                Bits.CopyBits(bitmaps.Current.Span, 0, validity, at, buffer.Length);
            }
            at += buffer.Length;
        }
        return at == length
            ? (values, validity)
            : throw new InvalidOperationException($"Column '{column.Name}' holds {at} values in its buffers but says it has {length}.");
    }
}
