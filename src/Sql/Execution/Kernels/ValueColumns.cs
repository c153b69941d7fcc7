using System.Collections;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// Builds the column of a decimal, array or struct type from .NET values at the API edge (<c>CreateDataFrame</c>,
/// literals): decimals from <see cref="decimal"/> (or any number), arrays from any <see cref="IEnumerable"/>,
/// structs from a <see cref="Row"/> or an <c>object?[]</c> of field values; nested to any depth, the leaves by the
/// frame's own column builder. A decimal that does not fit its type fails naming the column and row.
/// </summary>
internal static class ValueColumns
{
    /// <summary>Whether <see cref="Build"/> is the builder for <paramref name="type"/>.</summary>
    public static bool Handles(DataType type) => type is DecimalType or ArrayType or StructType;

    /// <param name="type">The column's type.</param>
    /// <param name="values">The values, one per row.</param>
    /// <param name="column">The column's name (a nested field as <c>column.field</c>), for messages.</param>
    /// <param name="firstRow">The row number of the first value, for messages; null inside arrays, where items are not rows.</param>
    public static ArrowArray Build(DataType type, IReadOnlyList<object?> values, string column, long? firstRow = 0)
    {
        switch (type)
        {
            case DecimalType d:
                return Decimals(d, values, column, firstRow);
            case ArrayType a:
                return Lists(a, values, column, firstRow);
            case StructType s:
                return Structs(s, values, column, firstRow);
            default:
            {
                var rows = new object?[values.Count][];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = [values[i]];
                }
                return DataFrame.BuildColumn(type, rows, 0, column, firstRow ?? 0);
            }
        }
    }

    private static ArrowArray Decimals(DecimalType type, IReadOnlyList<object?> values, string column, long? firstRow)
    {
        var buffer = KernelArrays.AllocateValues<Int128>(values.Count);
        var target = KernelArrays.AsSpan<Int128>(buffer);
        var validity = Validity(values);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } value)
            {
                decimal number = value as decimal? ?? Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
                if (!DecimalValues.TryFromDecimal(number, type.Precision, type.Scale, out target[i]))
                {
                    throw new OverflowException(
                        $"Column '{column}'{(firstRow is { } first ? $", row {first + i}" : "")}: the value {number} does not fit {type.SimpleString}.");
                }
            }
        }
        return KernelArrays.Fixed(type, buffer, validity, values.Count);
    }

    private static ArrowArray Lists(ArrayType type, IReadOnlyList<object?> values, string column, long? firstRow)
    {
        var offsets = KernelArrays.AllocateValues<int>(values.Count + 1);
        var offsetSpan = KernelArrays.AsSpan<int>(offsets);
        var items = new List<object?>();
        for (int i = 0; i < values.Count; i++)
        {
            offsetSpan[i] = items.Count;
            switch (values[i])
            {
                case null:
                    break;
                case IEnumerable sequence and not string:
                    foreach (var item in sequence)
                    {
                        items.Add(item);
                    }
                    break;
                case var other:
                    throw new InvalidCastException(
                        $"Column '{column}'{(firstRow is { } first ? $", row {first + i}" : "")}: an {type.SimpleString} value must be a sequence, not a {other.GetType().Name}.");
            }
        }
        offsetSpan[values.Count] = items.Count;
        var itemArray = Build(type.ElementType, items, column + ".element", null);
        var validity = Validity(values);
        int nullCount = Bitmaps.NullCount(validity, values.Count);
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(ArrowTypeMapping.ToArrowType(type), values.Count, nullCount, 0,
            [nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets)], [itemArray.Data]));
    }

    private static ArrowArray Structs(StructType type, IReadOnlyList<object?> values, string column, long? firstRow)
    {
        var children = new ArrowArray[type.Count];
        for (int f = 0; f < children.Length; f++)
        {
            var fieldValues = new object?[values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                fieldValues[i] = values[i] switch
                {
                    null => null,
                    Row row => row[f],
                    object?[] fields => fields[f],
                    var other => throw new InvalidCastException(
                        $"Column '{column}'{(firstRow is { } first ? $", row {first + i}" : "")}: a {type.SimpleString} value must be a Row or an object?[] of field values, not a {other.GetType().Name}."),
                };
            }
            children[f] = Build(type[f].DataType, fieldValues, column + "." + type[f].Name, firstRow);
        }
        return KernelArrays.Struct((Apache.Arrow.Types.StructType)ArrowTypeMapping.ToArrowType(type), children, values.Count, Validity(values));
    }

    private static byte[]? Validity(IReadOnlyList<object?> values)
    {
        byte[]? validity = null;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                validity ??= Bitmaps.AllSet(values.Count);
                Bits.ClearBit(validity, i);
            }
        }
        return validity;
    }
}
