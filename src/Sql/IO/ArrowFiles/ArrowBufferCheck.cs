using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.IO.ArrowFiles;

/// <summary>
/// Checks that the arrays of a batch read from a file have buffers as long as their slots need. Apache.Arrow builds
/// arrays over whatever buffers a message names without looking at their lengths, so a corrupt or truncated file
/// (or one whose compressed buffers declare a wrong length) would otherwise fail later, inside a kernel, with an index
/// error. The check costs a few comparisons per column: no value is visited.
/// </summary>
internal static class ArrowBufferCheck
{
    /// <exception cref="InvalidDataException">A buffer is too short or offsets point outside their data; names the column.</exception>
    public static void Validate(RecordBatch batch)
    {
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            var column = batch.Column(c);
            if (column.Length != batch.Length)
            {
                throw new InvalidDataException($"Column '{batch.Schema.GetFieldByIndex(c).Name}' has {column.Length} rows, the batch {batch.Length}.");
            }
            Validate(column.Data, batch.Schema.GetFieldByIndex(c).Name);
        }
    }

    private static void Validate(ArrayData data, string column)
    {
        long end = (long)data.Offset + data.Length;
        var type = data.DataType;
        if (data.Buffers is { Length: > 0 } && !data.Buffers[0].IsEmpty)
        {
            Require(data, 0, Bits.ByteCount((int)Math.Min(end, int.MaxValue)), "validity bitmap", column);
        }
        switch (type)
        {
            case ArrowTypes.BooleanType:
                Require(data, 1, Bits.ByteCount((int)Math.Min(end, int.MaxValue)), "values", column);
                break;
            case ArrowTypes.DictionaryType dictionary:
                Require(data, 1, end * (((ArrowTypes.FixedWidthType)dictionary.IndexType).BitWidth / 8), "indices", column);
                if (data.Dictionary is null)
                {
                    throw new InvalidDataException($"Column '{column}' is dictionary-encoded but its dictionary is missing.");
                }
                Validate(data.Dictionary, column);
                break;
            case ArrowTypes.FixedWidthType fixedWidth when data.Buffers?.Length == 2:
                Require(data, 1, end * (fixedWidth.BitWidth / 8), "values", column);
                break;
            case ArrowTypes.StringType or ArrowTypes.BinaryType:
                CheckOffsets<int>(data, column, data.Buffers![2].Length);
                break;
            case ArrowTypes.LargeStringType or ArrowTypes.LargeBinaryType:
                CheckOffsets<long>(data, column, data.Buffers![2].Length);
                break;
            case ArrowTypes.ListType:
                CheckOffsets<int>(data, column, data.Children![0].Length);
                Validate(data.Children[0], column);
                break;
            case ArrowTypes.FixedSizeListType list:
                RequireChildren(data, 1, end * list.ListSize, column);
                Validate(data.Children![0], column);
                break;
            case ArrowTypes.StructType structType:
                RequireChildren(data, structType.Fields.Count, end, column);
                foreach (var child in data.Children!)
                {
                    Validate(child, column);
                }
                break;
        }
    }

    /// <summary>Offsets of slots [Offset, Offset + Length] exist, start at 0 or more, and end within the data.</summary>
    private static void CheckOffsets<T>(ArrayData data, string column, long dataLength) where T : unmanaged, System.Numerics.INumber<T>
    {
        long count = (long)data.Offset + data.Length + 1;
        Require(data, 1, count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), "offsets", column);
        if (data.Length == 0)
        {
            return;
        }
        var offsets = MemoryMarshal.Cast<byte, T>(data.Buffers![1].Span);
        long first = long.CreateTruncating(offsets[data.Offset]);
        long last = long.CreateTruncating(offsets[data.Offset + data.Length]);
        if (first < 0 || last < first || last > dataLength)
        {
            throw new InvalidDataException(
                $"Column '{column}': a {ArrowTypeMapping.Describe(data.DataType)} array's offsets run from {first} to {last} over {dataLength} values.");
        }
    }

    private static void Require(ArrayData data, int buffer, long bytes, string what, string column)
    {
        long actual = data.Buffers is { } buffers && buffers.Length > buffer ? buffers[buffer].Length : 0;
        if (actual < bytes)
        {
            throw new InvalidDataException(
                $"Column '{column}': a {ArrowTypeMapping.Describe(data.DataType)} array of {data.Length} slots at offset {data.Offset} "
                + $"needs {bytes} bytes of {what}, but has {actual}.");
        }
    }

    private static void RequireChildren(ArrayData data, int count, long length, string column)
    {
        if (data.Children is null || data.Children.Length < count || data.Children.Take(count).Any(c => c.Length < length))
        {
            throw new InvalidDataException(
                $"Column '{column}': a {ArrowTypeMapping.Describe(data.DataType)} array needs {count} child arrays of at least {length} slots.");
        }
    }
}
