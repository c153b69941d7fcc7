using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// CAST to and from <c>decimal(p,s)</c> with Spark's non-ANSI results: a value that needs more than p digits
/// becomes NULL, digits past the scale round HALF_UP, text that is not a number is NULL, a decimal becomes an
/// integer by truncation toward zero (wrapping like Spark's <c>toLong.toInt</c>), a double by the nearest value,
/// a double becomes a decimal through its shortest text (Spark's <c>Decimal(double)</c>).
/// </summary>
internal static class DecimalCastKernels
{
    public static bool CanCast(DataType from, DataType to) =>
        (from is DecimalType && (to is DecimalType or StringType or BooleanType || Expressions.TypeCoercion.IsNumeric(to)))
        || (to is DecimalType && (from is StringType or BooleanType || Expressions.TypeCoercion.IsNumeric(from)));

    public static ArrowArray Cast(ArrowArray input, DataType from, DataType to) => (from, to) switch
    {
        (DecimalType source, DecimalType target) => ToDecimal(input, target, (int i, out Int128 v) =>
            DecimalValues.TryRescale(Unscaled(input)[i], source.Scale, target.Scale, target.Precision, out v)),
        (DecimalType source, StringType) => ToText((Decimal128Array)input, source.Scale),
        (DecimalType source, _) => FromDecimal((Decimal128Array)input, source, to),
        (StringType, DecimalType target) => FromText((StringArray)input, target),
        (BooleanType, DecimalType target) => ToDecimal(input, target, (int i, out Int128 v) =>
            DecimalValues.TryRescale(((BooleanArray)input).GetBit(i) ? 1 : 0, 0, target.Scale, target.Precision, out v)),
        (FloatType or DoubleType, DecimalType target) => ToDecimal(input, target, (int i, out Int128 v) =>
            DecimalValues.TryFromDouble(input is PrimitiveArray<float> f ? f.Values[i] : ((PrimitiveArray<double>)input).Values[i], target.Precision, target.Scale, out v)),
        (_, DecimalType target) => FromIntegers(input, target),
        _ => throw new NotSupportedException($"Cannot cast {from} to {to}."),
    };

    private delegate bool Converter(int index, out Int128 value);

    private static ReadOnlySpan<Int128> Unscaled(ArrowArray array) =>
        MemoryMarshal.Cast<byte, Int128>(array.Data.Buffers[1].Span).Slice(array.Offset, array.Length);

    /// <summary>Runs <paramref name="convert"/> on every valid row; a false result makes the row NULL.</summary>
    private static ArrowArray ToDecimal(ArrowArray input, DecimalType target, Converter convert)
    {
        var values = KernelArrays.AllocateValues<Int128>(input.Length);
        var destination = KernelArrays.AsSpan<Int128>(values);
        byte[]? validity = Bitmaps.Validity(input);
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsValid(i) && !convert(i, out destination[i]))
            {
                validity ??= Bitmaps.AllSet(input.Length);
                Bits.ClearBit(validity, i);
            }
        }
        return KernelArrays.Fixed(target, values, validity, input.Length);
    }

    private static ArrowArray FromIntegers(ArrowArray input, DecimalType target)
    {
        var longs = new long[input.Length];
        switch (input)
        {
            case PrimitiveArray<sbyte> p: for (int i = 0; i < longs.Length; i++) longs[i] = p.Values[i]; break;
            case PrimitiveArray<short> p: for (int i = 0; i < longs.Length; i++) longs[i] = p.Values[i]; break;
            case PrimitiveArray<int> p: for (int i = 0; i < longs.Length; i++) longs[i] = p.Values[i]; break;
            case PrimitiveArray<long> p: p.Values.CopyTo(longs); break;
            default: throw new NotSupportedException($"Cannot cast {ArrowTypeMapping.Describe(input.Data.DataType)} to {target}.");
        }
        return ToDecimal(input, target, (int i, out Int128 v) => DecimalValues.TryRescale(longs[i], 0, target.Scale, target.Precision, out v));
    }

    private static ArrowArray FromText(StringArray input, DecimalType target) =>
        ToDecimal(input, target, (int i, out Int128 v) =>
        {
            var bytes = input.GetBytes(i);
            Span<char> text = stackalloc char[Math.Min(bytes.Length, 256)];
            if (bytes.Length > text.Length)
            {
                v = default;
                return false;
            }
            for (int k = 0; k < bytes.Length; k++)
            {
                text[k] = (char)bytes[k];
            }
            return DecimalValues.TryParse(text, target.Precision, target.Scale, out v);
        });

    private static StringArray ToText(Decimal128Array input, int scale)
    {
        using var builder = new StringArrayBuilder(input.Length);
        var values = Unscaled(input);
        Span<byte> text = stackalloc byte[64];
        for (int i = 0; i < input.Length; i++)
        {
            if (input.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            builder.Append(text[..DecimalValues.FormatUtf8(values[i], scale, text)]);
        }
        return builder.Build();
    }

    private static ArrowArray FromDecimal(Decimal128Array input, DecimalType source, DataType to)
    {
        var values = Unscaled(input);
        var validity = Bitmaps.Validity(input);
        int length = input.Length;
        switch (to)
        {
            case BooleanType:
            {
                var bits = Bitmaps.AllClear(length);
                for (int i = 0; i < length; i++) if (values[i] != 0) Bits.SetBit(bits, i);
                return KernelArrays.Boolean(bits, validity, length);
            }
            case DoubleType or FloatType:
            {
                var doubles = new double[length];
                for (int i = 0; i < length; i++) doubles[i] = DecimalValues.ToDouble(values[i], source.Scale);
                return to is DoubleType
                    ? KernelArrays.Fixed(to, MemoryMarshal.AsBytes(doubles.AsSpan()).ToArray(), validity, length)
                    : KernelArrays.Fixed(to, MemoryMarshal.AsBytes(System.Array.ConvertAll(doubles, d => (float)d).AsSpan()).ToArray(), validity, length);
            }
            default:
            {
                var divisor = DecimalValues.Pow10(source.Scale);
                var whole = new long[length];
                for (int i = 0; i < length; i++) whole[i] = (long)(values[i] / divisor);
                var asLong = KernelArrays.Fixed(LongType.Instance, MemoryMarshal.AsBytes(whole.AsSpan()).ToArray(), validity, length);
                return to is LongType ? asLong : CastKernels.Cast(asLong, LongType.Instance, to);
            }
        }
    }
}
