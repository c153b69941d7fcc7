using System.Runtime.InteropServices;
using Apache.Arrow;
using Microsoft.Data.Analysis;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Types;
using MdaFrame = Microsoft.Data.Analysis.DataFrame;

namespace Rdd.Sql.Interop;

/// <summary>
/// A frame's collected record batches as a <see cref="MdaFrame"/>. The batches are concatenated once (not at all
/// when there is one); numeric and string columns then wrap their Arrow buffers without another copy, as
/// Microsoft.Data.Analysis' own <c>FromArrowRecordBatch</c> does. Booleans (one byte per value there, one bit in
/// Arrow), decimals (128-bit unscaled integers here), dates and timestamps are converted: its own conversion reads <c>date32</c> not at all and
/// <c>date64</c>/timestamps without their time of day or zone, so they are built here as
/// <see cref="DateTimeDataFrameColumn"/>s (dates at midnight; <c>timestamp</c> values of kind UTC, the
/// instants they are; <c>timestamp_ntz</c> values unspecified, the wall-clock times they are).
/// </summary>
internal static class DataAnalysisExport
{
    /// <summary>Throws, naming the column, when a column has a type with no Microsoft.Data.Analysis column.</summary>
    public static void Refuse(StructType schema)
    {
        foreach (var field in schema.Fields)
        {
            if (!IsSupported(field.DataType))
            {
                throw new NotSupportedException(
                    $"Column '{field.Name}' is {field.DataType.SimpleString}, which Microsoft.Data.Analysis has no column type for; "
                    + "select or cast it away before ToDataAnalysis().");
            }
        }
    }

    public static MdaFrame Export(StructType schema, IReadOnlyList<RecordBatch> batches)
    {
        Refuse(schema);
        long rows = batches.Sum(b => (long)b.Length);
        if (rows > int.MaxValue)
        {
            throw new NotSupportedException($"The frame has {rows} rows; a Microsoft.Data.Analysis column holds at most {int.MaxValue}.");
        }
        var batch = Batches.Concat(ArrowTypeMapping.ToArrowSchema(schema), batches);
        var columns = new DataFrameColumn[schema.Fields.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = Column(schema.Fields[c], batch.Column(c) as ArrowArray
                ?? throw new InvalidOperationException($"Column '{schema.Fields[c].Name}' is not an Arrow array."));
        }
        return new MdaFrame(columns);
    }

    private static bool IsSupported(DataType type) => type is ByteType or ShortType or IntegerType or LongType or FloatType
        or DoubleType or BooleanType or StringType or DateType or TimestampType or TimestampNtzType or DecimalType;

    private static DataFrameColumn Column(StructField field, ArrowArray array)
    {
        string name = field.Name;
        int length = array.Length;
        switch (field.DataType)
        {
            case ByteType:
            {
                var (values, validity) = Fixed<sbyte>(array);
                return new SByteDataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case ShortType:
            {
                var (values, validity) = Fixed<short>(array);
                return new Int16DataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case IntegerType:
            {
                var (values, validity) = Fixed<int>(array);
                return new Int32DataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case LongType:
            {
                var (values, validity) = Fixed<long>(array);
                return new Int64DataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case FloatType:
            {
                var (values, validity) = Fixed<float>(array);
                return new SingleDataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case DoubleType:
            {
                var (values, validity) = Fixed<double>(array);
                return new DoubleDataFrameColumn(name, values, validity, length, array.NullCount);
            }
            case BooleanType:
            {
                var bools = (BooleanArray)array;
                // A bool per byte, 1 for true, as its column stores them.
                var bytes = new byte[length];
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = bools.GetValue(i) == true ? (byte)1 : (byte)0;
                }
                return new BooleanDataFrameColumn(name, bytes, Validity(array), length, array.NullCount);
            }
            case DecimalType decimalType:
            {
                // 128-bit unscaled integers become .NET decimals at the column's scale; a value wider than a .NET
                // decimal (28-29 digits) is refused, never rounded.
                var unscaled = MemoryMarshal.Cast<byte, Int128>(array.Data.Buffers[1].Span.Slice(array.Offset * 16, length * 16));
                var buffer = new byte[length * 16];
                var decimals = MemoryMarshal.Cast<byte, decimal>(buffer.AsSpan());
                for (int i = 0; i < decimals.Length; i++)
                {
                    if (array.IsValid(i) && !DecimalValues.TryToDecimal(unscaled[i], decimalType.Scale, out decimals[i]))
                    {
                        throw new OverflowException(
                            $"Column '{name}' row {i}: the value {DecimalValues.ToString(unscaled[i], decimalType.Scale)} has more digits than a .NET decimal holds.");
                    }
                }
                return new DecimalDataFrameColumn(name, buffer, Validity(array), length, array.NullCount);
            }
            case StringType:
            {
                var strings = (StringArray)array;
                var offsets = strings.ValueOffsetsBuffer.Memory.Slice(strings.Offset * sizeof(int), (length + 1) * sizeof(int));
                return new ArrowStringDataFrameColumn(name, strings.ValueBuffer.Memory, offsets, Validity(array), length, array.NullCount);
            }
            case DateType:
            {
                var days = ((Date32Array)array).Values;
                var buffer = new byte[length * sizeof(long)];
                var times = MemoryMarshal.Cast<byte, DateTime>(buffer.AsSpan());
                for (int i = 0; i < times.Length; i++)
                {
                    times[i] = array.IsValid(i) ? ArrowTemporal.ToDate(days[i]).ToDateTime(TimeOnly.MinValue) : default;
                }
                return new DateTimeDataFrameColumn(name, buffer, Validity(array), length, array.NullCount);
            }
            default: // timestamp and timestamp_ntz: IsSupported admits nothing else
            {
                var timestamps = (TimestampArray)array;
                var type = (Apache.Arrow.Types.TimestampType)timestamps.Data.DataType;
                var micros = timestamps.Values;
                var buffer = new byte[length * sizeof(long)];
                var times = MemoryMarshal.Cast<byte, DateTime>(buffer.AsSpan());
                for (int i = 0; i < times.Length; i++)
                {
                    times[i] = array.IsValid(i) ? ArrowTemporal.ToDateTime(micros[i], type) : default;
                }
                return new DateTimeDataFrameColumn(name, buffer, Validity(array), length, array.NullCount);
            }
        }
    }

    /// <summary>The values of a fixed-width array as bytes: its own buffer, sliced, without a copy.</summary>
    private static (ReadOnlyMemory<byte> Values, ReadOnlyMemory<byte> Validity) Fixed<T>(ArrowArray array) where T : unmanaged
    {
        int size = Marshal.SizeOf<T>();
        var values = array.Data.Buffers[1].Memory.Slice(array.Offset * size, array.Length * size);
        return (values, Validity(array));
    }

    /// <summary>
    /// The validity bitmap as Microsoft.Data.Analysis reads it (bit set = valid, from bit 0): the array's own
    /// bitmap when it starts on a byte; re-based into a new one when the array is a slice starting mid-byte; all
    /// set when there is no null (an absent Arrow bitmap means "no nulls", which it does not accept).
    /// </summary>
    private static ReadOnlyMemory<byte> Validity(ArrowArray array)
    {
        int length = array.Length;
        if (array.NullCount == 0)
        {
            var all = new byte[Bits.ByteCount(length)];
            Bits.SetBits(all, 0, length, true);
            return all;
        }
        var bitmap = array.Data.Buffers[0].Memory;
        if ((array.Offset & 7) == 0)
        {
            return bitmap.Slice(array.Offset >> 3, Bits.ByteCount(length));
        }
        var rebased = new byte[Bits.ByteCount(length)];
        Bits.CopyBits(bitmap.Span, array.Offset, rebased, 0, length);
        return rebased;
    }
}
