using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Wraps kernel output (plain managed buffers at offset 0) as Arrow arrays without copying, and builds the
/// constant arrays literals evaluate to.
/// </summary>
internal static class KernelArrays
{
    /// <summary>
    /// A zeroed values buffer for <paramref name="length"/> slots of <typeparamref name="T"/>. Kernel output is
    /// a temporary of the batch in flight, so it is an ordinary (movable, 8-byte aligned) array: the pinned
    /// 64-byte aligned blocks of <see cref="AlignedMemoryPool"/> live on the pinned object heap, which only a
    /// full (gen 2) collection frees, and a query allocates temporaries the size of its input many times over.
    /// Columns that are kept (read from files or IPC, built by builders, cached) stay in aligned blocks.
    /// </summary>
    public static Memory<byte> AllocateValues<T>(int length) where T : unmanaged => new byte[checked(length * Unsafe.SizeOf<T>())];

    public static Span<T> AsSpan<T>(Memory<byte> values) where T : unmanaged => MemoryMarshal.Cast<byte, T>(values.Span);

    /// <summary>A fixed-width array of <paramref name="type"/> over <paramref name="values"/>.</summary>
    public static ArrowArray Fixed(ArrowTypes.IArrowType type, ReadOnlyMemory<byte> values, byte[]? validity, int length)
    {
        int nullCount = Bitmaps.NullCount(validity, length);
        var validityBuffer = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0, [validityBuffer, new ArrowBuffer(values)]));
    }

    /// <summary>A fixed-width array of the SQL <paramref name="type"/>.</summary>
    public static ArrowArray Fixed(DataType type, ReadOnlyMemory<byte> values, byte[]? validity, int length) =>
        Fixed(ArrowTypeMapping.ToArrowType(type), values, validity, length);

    public static BooleanArray Boolean(ReadOnlyMemory<byte> values, byte[]? validity, int length) =>
        (BooleanArray)Fixed(ArrowTypes.BooleanType.Default, values, validity, length);

    /// <summary>A struct array of <paramref name="fields"/> (each as long as <paramref name="length"/>) with an optional validity bitmap.</summary>
    public static StructArray Struct(ArrowTypes.StructType type, IReadOnlyList<ArrowArray> fields, int length, byte[]? validity)
    {
        int nullCount = Bitmaps.NullCount(validity, length);
        var bitmap = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        return new StructArray(new ArrayData(type, length, nullCount, 0, [bitmap], [.. fields.Select(f => f.Data)]));
    }

    /// <summary>An array of <paramref name="length"/> nulls of <paramref name="type"/>.</summary>
    public static ArrowArray AllNull(DataType type, int length) => AllNull(ArrowTypeMapping.ToArrowType(type), length);

    /// <summary>An array of <paramref name="length"/> nulls of Arrow type <paramref name="arrowType"/> (structs and lists included).</summary>
    public static ArrowArray AllNull(ArrowTypes.IArrowType arrowType, int length) =>
        (ArrowArray)ArrowArrayFactory.BuildArray(AllNullData(arrowType, length, Bitmaps.AllClear(length)));

    private static ArrayData AllNullData(ArrowTypes.IArrowType arrowType, int length, byte[] validity)
    {
        var bitmap = length == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        switch (arrowType)
        {
            case ArrowTypes.StringType or ArrowTypes.BinaryType:
                return new ArrayData(arrowType, length, length, 0, [bitmap, new ArrowBuffer(new byte[checked((length + 1) * sizeof(int))]), ArrowBuffer.Empty]);
            case ArrowTypes.ListType list:
                return new ArrayData(arrowType, length, length, 0, [bitmap, new ArrowBuffer(new byte[checked((length + 1) * sizeof(int))])],
                    [AllNullData(list.ValueField.DataType, 0, [])]);
            case ArrowTypes.StructType structType:
                // Children of a null struct slot are themselves null, so nothing reads garbage through them.
                return new ArrayData(arrowType, length, length, 0, [bitmap],
                    [.. structType.Fields.Select(f => AllNullData(f.DataType, length, validity))]);
            default:
                int width = arrowType is ArrowTypes.FixedWidthType fixedWidth ? fixedWidth.BitWidth : 0;
                var values = new byte[width == 1 ? Bits.ByteCount(length) : checked(length * (width / 8))];
                return new ArrayData(arrowType, length, length, 0, [bitmap, new ArrowBuffer(values)]);
        }
    }

    /// <summary>
    /// <paramref name="length"/> copies of <paramref name="value"/> (a value of <paramref name="type"/>'s .NET
    /// representation, or null).
    /// </summary>
    public static ArrowArray Constant(DataType type, object? value, int length)
    {
        if (value is null)
        {
            return AllNull(type, length);
        }
        switch (type)
        {
            case BooleanType:
                return Boolean((bool)value ? Bitmaps.AllSet(length) : Bitmaps.AllClear(length), null, length);
            case StringType:
            {
                using var builder = new StringArrayBuilder(length);
                string text = (string)value;
                for (int i = 0; i < length; i++)
                {
                    builder.Append(text);
                }
                return builder.Build();
            }
            case BinaryType:
            {
                using var builder = new BinaryArrayBuilder(length);
                byte[] bytes = (byte[])value;
                for (int i = 0; i < length; i++)
                {
                    builder.Append(bytes);
                }
                return builder.Build();
            }
            case ByteType: return Fill(type, (sbyte)value, length);
            case ShortType: return Fill(type, (short)value, length);
            case IntegerType: return Fill(type, (int)value, length);
            case LongType: return Fill(type, (long)value, length);
            case FloatType: return Fill(type, (float)value, length);
            case DoubleType: return Fill(type, (double)value, length);
            case DecimalType d:
                return DecimalValues.TryFromDecimal((decimal)value, d.Precision, d.Scale, out var unscaled)
                    ? Fill(type, unscaled, length)
                    : throw new OverflowException($"The value {value} does not fit {d.SimpleString}.");
            case DateType: return Fill(type, ArrowTemporal.ToDays((DateOnly)value), length);
            case TimestampType: return Fill(type, ArrowTemporal.FromDateTime((DateTime)value, ArrowTypeMapping.TimestampUtc), length);
            case TimestampNtzType: return Fill(type, ArrowTemporal.FromDateTime((DateTime)value, ArrowTypeMapping.TimestampNaive), length);
            default: throw new NotSupportedException($"No constant arrays of {type}.");
        }
    }

    private static ArrowArray Fill<T>(DataType type, T value, int length) where T : unmanaged
    {
        var values = AllocateValues<T>(length);
        AsSpan<T>(values).Fill(value);
        return Fixed(type, values, null, length);
    }

    /// <summary>
    /// The physical value a kernel uses for a literal: dates as days since the epoch, timestamps as microseconds.
    /// </summary>
    public static T Physical<T>(object value) where T : unmanaged => value switch
    {
        DateOnly date => (T)(object)ArrowTemporal.ToDays(date),
        DateTime time => (T)(object)ArrowTemporal.FromDateTime(time, time.Kind == DateTimeKind.Utc ? ArrowTypeMapping.TimestampUtc : ArrowTypeMapping.TimestampNaive),
        bool flag => (T)(object)(byte)(flag ? 1 : 0),
        _ => (T)value,
    };
}
