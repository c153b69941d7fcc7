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
            _ => throw new NotSupportedException($"No .NET value for {ArrowTypeMapping.Describe(array.Data.DataType)}."),
        };
    }

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
