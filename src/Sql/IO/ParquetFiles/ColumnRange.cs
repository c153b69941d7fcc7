using System.Runtime.InteropServices;
using ParquetSharp;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// What a column chunk's statistics say about its values, in the engine's comparison domain: <c>long</c> for
/// integers, dates (days), timestamps (microseconds) and booleans (0/1), <c>double</c> for float and double, and
/// <c>byte[]</c> (compared as unsigned bytes, Parquet's order for STRING and binary) for strings and binaries.
/// Bounds are absent when the chunk has none or when they are in an order the engine does not compare by
/// (unsigned integers, decimals, INT96, legacy signed byte-array statistics): such chunks are never skipped on them.
/// </summary>
/// <param name="Min">The smallest non-null value, or null when unknown.</param>
/// <param name="Max">The largest non-null value, or null when unknown.</param>
/// <param name="NullCount">Nulls in the chunk, or null when unknown.</param>
/// <param name="Rows">Rows in the row group.</param>
/// <param name="MayHoldNaN">For float and double: Parquet writers leave NaN out of min/max, so a NaN may hide above <see cref="Max"/>.</param>
internal sealed record ColumnRange(object? Min, object? Max, long? NullCount, long Rows, bool MayHoldNaN)
{
    /// <summary>The range of leaf column <paramref name="leaf"/> in a row group, read as SQL type <paramref name="type"/>; null when the chunk has no statistics.</summary>
    public static ColumnRange? Read(RowGroupMetaData rowGroup, ColumnDescriptor descriptor, int leaf, DataType type)
    {
        using var chunk = rowGroup.GetColumnChunkMetaData(leaf);
        if (!chunk.IsStatsSet)
        {
            return null;
        }
        using var statistics = chunk.Statistics;
        if (statistics is null)
        {
            return null;
        }
        long rows = rowGroup.NumRows;
        bool real = type is FloatType or DoubleType;
        if (!statistics.HasMinMax || !Comparable(descriptor, type))
        {
            return new ColumnRange(null, null, statistics.NullCount, rows, real);
        }
        (object? min, object? max) = statistics switch
        {
            Statistics<int> s => ((object?)(long)s.Min, (object?)(long)s.Max),
            Statistics<long> s => TimestampBounds(descriptor, s.Min, s.Max),
            Statistics<float> s => ((double)s.Min, (double)s.Max),
            Statistics<double> s => (s.Min, s.Max),
            Statistics<bool> s => (s.Min ? 1L : 0L, s.Max ? 1L : 0L),
            Statistics<ByteArray> s => (Bytes(s.Min), Bytes(s.Max)),
            _ => (null, null),
        };
        return new ColumnRange(min, max, statistics.NullCount, rows, real);
    }

    /// <summary>The bound of a literal of SQL type <paramref name="type"/> in the comparison domain; null when it has none.</summary>
    public static object? Domain(object? value, DataType type) => (value, type) switch
    {
        (null, _) => null,
        (sbyte or short or int or long, ByteType or ShortType or IntegerType or LongType) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        (DateOnly d, DateType) => (long)(d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
        (DateTime t, TimestampType or TimestampNtzType) => (t.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond,
        (float f, FloatType) => (double)f,
        (double d, DoubleType) => d,
        (bool b, BooleanType) => b ? 1L : 0L,
        (string s, StringType) => System.Text.Encoding.UTF8.GetBytes(s),
        (byte[] b, BinaryType) => b,
        _ => null,
    };

    /// <summary>Orders two values of one domain; see <see cref="ColumnRange"/>.</summary>
    public static int Compare(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => throw new InvalidOperationException($"Statistics of {a.GetType().Name} and {b.GetType().Name} cannot be compared."),
    };

    /// <summary>Whether the chunk's min/max are in the order the engine compares its SQL type by.</summary>
    private static bool Comparable(ColumnDescriptor descriptor, DataType type)
    {
        using var logical = descriptor.LogicalType;
        bool annotationOk = logical switch
        {
            IntLogicalType i => i.IsSigned,
            NoneLogicalType or DateLogicalType or TimestampLogicalType or StringLogicalType or EnumLogicalType or JsonLogicalType => true,
            _ => false,
        };
        var order = descriptor.SortOrder;
        return annotationOk && type is not UserDefinedType && descriptor.PhysicalType switch
        {
            PhysicalType.Boolean or PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double => order == SortOrder.Signed,
            PhysicalType.ByteArray => order == SortOrder.Unsigned,
            _ => false,
        };
    }

    /// <summary>INT64 bounds in microseconds when the column is a timestamp of another unit (nanoseconds floor, as they are read).</summary>
    private static (object?, object?) TimestampBounds(ColumnDescriptor descriptor, long min, long max)
    {
        using var logical = descriptor.LogicalType;
        return logical is TimestampLogicalType timestamp
            ? timestamp.TimeUnit switch
            {
                ParquetSharp.TimeUnit.Millis => (min * 1000, max * 1000),
                ParquetSharp.TimeUnit.Nanos => (FloorMicros(min), FloorMicros(max)),
                _ => (min, max),
            }
            : (min, max);
    }

    private static long FloorMicros(long nanos) => nanos / 1000 - (nanos % 1000 < 0 ? 1 : 0);

    private static byte[] Bytes(ByteArray value)
    {
        var bytes = new byte[value.Length];
        if (value.Length > 0)
        {
            Marshal.Copy(value.Pointer, bytes, 0, value.Length);
        }
        return bytes;
    }
}
