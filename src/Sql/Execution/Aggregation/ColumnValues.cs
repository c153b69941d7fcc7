using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Typed reads of whole columns for the hash tables, accumulators and sort: integer-like columns (int8..int64,
/// date32, timestamp) widen to <see cref="long"/>, floating columns to <see cref="double"/>. The type switch
/// happens once per column, never per row; the values of null slots are unspecified.
/// </summary>
internal static class ColumnValues
{
    /// <summary>Whether the column reads as longs (integers, dates, timestamps).</summary>
    public static bool IsLongLike(IArrowType type) => type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32
        or ArrowTypeId.Int64 or ArrowTypeId.Date32 or ArrowTypeId.Timestamp;

    /// <summary>Whether the column reads as doubles (float, double).</summary>
    public static bool IsDoubleLike(IArrowType type) => type.TypeId is ArrowTypeId.Float or ArrowTypeId.Double;

    public static long[] Longs(ArrowArray array)
    {
        var result = new long[array.Length];
        switch (array)
        {
            case PrimitiveArray<long> p: p.Values.CopyTo(result); break;
            case PrimitiveArray<int> p: Widen(p.Values, result); break;
            case PrimitiveArray<short> p: Widen(p.Values, result); break;
            case PrimitiveArray<sbyte> p: Widen(p.Values, result); break;
            default: throw new NotSupportedException($"{ArrowTypeMapping.Describe(array.Data.DataType)} does not read as integers.");
        }
        return result;
    }

    public static double[] Doubles(ArrowArray array)
    {
        var result = new double[array.Length];
        switch (array)
        {
            case PrimitiveArray<double> p: p.Values.CopyTo(result); break;
            case PrimitiveArray<float> p:
                for (int i = 0; i < result.Length; i++) result[i] = p.Values[i];
                break;
            default:
                var longs = Longs(array);
                for (int i = 0; i < result.Length; i++) result[i] = longs[i];
                break;
        }
        return result;
    }

    public static string?[] Strings(ArrowArray array)
    {
        var strings = (StringArray)array;
        var result = new string?[array.Length];
        for (int i = 0; i < result.Length; i++) result[i] = strings.GetString(i);
        return result;
    }

    /// <summary>
    /// Builds a column of <paramref name="type"/>, whose physical values are <typeparamref name="T"/> (int32 for
    /// date32, int64 for timestamps ...), from those values as they are; <paramref name="valid"/> empty means all valid.
    /// </summary>
    public static ArrowArray FromValues<T>(IArrowType type, ReadOnlySpan<T> values, ReadOnlySpan<bool> valid) where T : unmanaged, IEquatable<T>
    {
        var memory = KernelArrays.AllocateValues<T>(values.Length);
        values.CopyTo(KernelArrays.AsSpan<T>(memory));
        return KernelArrays.Fixed(type, memory, Validity(valid, values.Length), values.Length);
    }

    /// <summary>Builds a column of <paramref name="type"/> from widened longs; <paramref name="valid"/> null means all valid.</summary>
    public static ArrowArray FromLongs(IArrowType type, ReadOnlySpan<long> values, ReadOnlySpan<bool> valid)
    {
        int length = values.Length;
        var validity = Validity(valid, length);
        switch (((FixedWidthType)type).BitWidth)
        {
            case 8: return Narrow<sbyte>(type, values, validity, static v => (sbyte)v);
            case 16: return Narrow<short>(type, values, validity, static v => (short)v);
            case 32: return Narrow<int>(type, values, validity, static v => (int)v);
            default:
                var memory = KernelArrays.AllocateValues<long>(length);
                values.CopyTo(KernelArrays.AsSpan<long>(memory));
                return KernelArrays.Fixed(type, memory, validity, length);
        }
    }

    public static ArrowArray FromDoubles(IArrowType type, ReadOnlySpan<double> values, ReadOnlySpan<bool> valid)
    {
        int length = values.Length;
        var validity = Validity(valid, length);
        if (type.TypeId == ArrowTypeId.Float)
        {
            var floats = KernelArrays.AllocateValues<float>(length);
            var span = KernelArrays.AsSpan<float>(floats);
            for (int i = 0; i < length; i++) span[i] = (float)values[i];
            return KernelArrays.Fixed(type, floats, validity, length);
        }
        var memory = KernelArrays.AllocateValues<double>(length);
        values.CopyTo(KernelArrays.AsSpan<double>(memory));
        return KernelArrays.Fixed(type, memory, validity, length);
    }

    public static ArrowArray FromStrings(ReadOnlySpan<string?> values)
    {
        using var builder = new StringArrayBuilder(values.Length);
        foreach (var value in values) builder.Append(value);
        return builder.Build();
    }

    /// <summary>The generic path: a column of <paramref name="type"/> from boxed values (as <see cref="ArrayValues.Get"/> gives them).</summary>
    public static ArrowArray FromObjects(IArrowType type, IReadOnlyList<object?> values)
    {
        int length = values.Count;
        var valid = new bool[length];
        for (int i = 0; i < length; i++) valid[i] = values[i] is not null;
        switch (type.TypeId)
        {
            case ArrowTypeId.Decimal128 or ArrowTypeId.List or ArrowTypeId.Struct:
                // .NET decimals, object?[] arrays and Rows, as ArrayValues.Get returns them.
                return Kernels.ValueColumns.Build(ArrowTypeMapping.ToDataType(new Field("value", type, true)), values, "value");
            case ArrowTypeId.String:
            {
                var strings = new string?[length];
                for (int i = 0; i < length; i++) strings[i] = (string?)values[i];
                return FromStrings(strings);
            }
            case ArrowTypeId.Binary:
            {
                using var builder = new BinaryArrayBuilder(length);
                foreach (var value in values) builder.Append((byte[]?)value);
                return builder.Build();
            }
            case ArrowTypeId.Boolean:
            {
                using var builder = new BooleanArrayBuilder(length);
                foreach (var value in values) builder.Append((bool?)value);
                return builder.Build();
            }
            case ArrowTypeId.Float or ArrowTypeId.Double:
            {
                var doubles = new double[length];
                for (int i = 0; i < length; i++) doubles[i] = values[i] switch { float f => f, double d => d, _ => 0 };
                return FromDoubles(type, doubles, valid);
            }
            default:
            {
                var longs = new long[length];
                for (int i = 0; i < length; i++)
                {
                    longs[i] = values[i] switch
                    {
                        null => 0,
                        DateOnly date => ArrowTemporal.ToDays(date),
                        DateTime time => ArrowTemporal.FromDateTime(time, (Apache.Arrow.Types.TimestampType)type),
                        var v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
                    };
                }
                return FromLongs(type, longs, valid);
            }
        }
    }

    /// <summary>A validity bitmap from flags, or null when every slot is valid (or no flags were given).</summary>
    public static byte[]? Validity(ReadOnlySpan<bool> valid, int length)
    {
        if (valid.IsEmpty || !valid[..length].Contains(false))
        {
            return null;
        }
        var bits = Bitmaps.AllClear(length);
        for (int i = 0; i < length; i++)
        {
            if (valid[i]) Bits.SetBit(bits, i);
        }
        return bits;
    }

    /// <summary>Integers of any width as longs.</summary>
    public static void Widen<T>(ReadOnlySpan<T> source, Span<long> destination) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        for (int i = 0; i < source.Length; i++) destination[i] = long.CreateTruncating(source[i]);
    }

    private static ArrowArray Narrow<T>(IArrowType type, ReadOnlySpan<long> values, byte[]? validity, Func<long, T> narrow) where T : unmanaged, IEquatable<T>
    {
        var memory = KernelArrays.AllocateValues<T>(values.Length);
        var span = KernelArrays.AsSpan<T>(memory);
        for (int i = 0; i < values.Length; i++) span[i] = narrow(values[i]);
        return KernelArrays.Fixed(type, memory, validity, values.Length);
    }
}
