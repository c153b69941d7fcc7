using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// One slot of an array as the .NET value of its SQL type (boxed): for literal folding and for the API edge
/// (rows, tests), never inside a kernel loop.
/// </summary>
internal static class ArrayValues
{
    public static object? Get(ArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            return null;
        }
        return array switch
        {
            BooleanArray b => b.GetBit(index),
            StringArray s => s.GetString(index),
            BinaryArray b => b.GetBytes(index).ToArray(),
            Date32Array d => ArrowTemporal.ToDate(d.Values[index]),
            TimestampArray t => ArrowTemporal.ToDateTime(t.Values[index], (Apache.Arrow.Types.TimestampType)t.Data.DataType),
            PrimitiveArray<sbyte> p => p.Values[index],
            PrimitiveArray<short> p => p.Values[index],
            PrimitiveArray<int> p => p.Values[index],
            PrimitiveArray<long> p => p.Values[index],
            PrimitiveArray<float> p => p.Values[index],
            PrimitiveArray<double> p => p.Values[index],
            Decimal128Array d => DecimalValues.ToDecimal(Unscaled(d, index), ((Apache.Arrow.Types.Decimal128Type)d.Data.DataType).Scale),
            ListArray l => ListValue(l, index),
            StructArray s => StructValue(s, index),
            _ => throw new NotSupportedException($"No .NET value for {ArrowTypeMapping.Describe(array.Data.DataType)}."),
        };
    }

    /// <summary>The 128-bit unscaled integer of a decimal slot.</summary>
    public static Int128 Unscaled(Decimal128Array array, int index) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(array.ValueBuffer.Span)[array.Offset + index];

    /// <summary>An array value: its items' .NET values (nested structs as rows).</summary>
    private static object?[] ListValue(ListArray array, int index)
    {
        var offsets = array.ValueOffsets;
        var items = (ArrowArray)array.Values;
        var itemType = ArrowTypeMapping.ToDataType(((Apache.Arrow.Types.ListType)array.Data.DataType).ValueField);
        var values = new object?[offsets[index + 1] - offsets[index]];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = GetTyped(items, offsets[index] + i, itemType);
        }
        return values;
    }

    /// <summary>A struct value: a <see cref="Row"/> of its fields' values, with the struct's schema.</summary>
    private static Row StructValue(StructArray array, int index)
    {
        var type = (StructType)ArrowTypeMapping.ToDataType(new Field("struct", array.Data.DataType, true));
        var values = new object?[type.Count];
        for (int f = 0; f < values.Length; f++)
        {
            values[f] = GetTyped(array.Field(f), index, type[f].DataType);
        }
        return new Row(values, type);
    }

    /// <summary>A slot of a column of SQL <paramref name="type"/>: user-defined types deserialize their storage.</summary>
    public static object? GetTyped(ArrowArray array, int index, DataType type) =>
        type is UserDefinedType udt
            ? array.IsNull(index) ? null : udt.Deserialize((StructArray)array, index)
            : Get(array, index);

    /// <summary>Every slot, in order.</summary>
    public static object?[] ToList(ArrowArray array)
    {
        var values = new object?[array.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Get(array, i);
        }
        return values;
    }

    /// <summary>The value <paramref name="value"/> of <paramref name="from"/> converted to <paramref name="to"/> by the cast kernel.</summary>
    public static object? Convert(object? value, DataType from, DataType to)
    {
        if (value is null || from == to)
        {
            return value;
        }
        var single = KernelArrays.Constant(from, value, 1);
        return Get(CastKernels.Cast(single, from, to), 0);
    }
}
