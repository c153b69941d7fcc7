using System.Numerics;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>Numeric functions: abs and round keep the input type; sqrt, exp, ln and pow work in double.</summary>
internal static class MathKernels
{
    public static ArrowArray Abs(ArrowArray input, DataType type) => type switch
    {
        ByteType => Map<sbyte, AbsOp<sbyte>>(input, type, 0),
        ShortType => Map<short, AbsOp<short>>(input, type, 0),
        IntegerType => Map<int, AbsOp<int>>(input, type, 0),
        LongType => Map<long, AbsOp<long>>(input, type, 0),
        FloatType => Map<float, AbsOp<float>>(input, type, 0),
        DoubleType => Map<double, AbsOp<double>>(input, type, 0),
        DecimalType => AbsDecimal(input, type),
        _ => throw new NotSupportedException($"abs of {type} is not supported."),
    };

    /// <summary>|x| of decimals: the unscaled value's magnitude, which always fits the same precision.</summary>
    private static ArrowArray AbsDecimal(ArrowArray input, DataType type)
    {
        var source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(input.Data.Buffers[1].Span).Slice(input.Offset, input.Length);
        var values = KernelArrays.AllocateValues<Int128>(input.Length);
        var destination = KernelArrays.AsSpan<Int128>(values);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = Int128.Abs(source[i]);
        }
        return KernelArrays.Fixed(type, values, Bitmaps.Validity(input), input.Length);
    }

    /// <summary>Spark's <c>round(x, scale)</c>: HALF_UP (2.5 → 3, -2.5 → -3); a negative scale rounds to tens, hundreds ...</summary>
    public static ArrowArray Round(ArrowArray input, DataType type, int scale) => type switch
    {
        ByteType => Map<sbyte, RoundIntegerOp<sbyte>>(input, type, scale),
        ShortType => Map<short, RoundIntegerOp<short>>(input, type, scale),
        IntegerType => Map<int, RoundIntegerOp<int>>(input, type, scale),
        LongType => Map<long, RoundIntegerOp<long>>(input, type, scale),
        FloatType => Map<float, RoundFloatingOp<float>>(input, type, scale),
        DoubleType => Map<double, RoundFloatingOp<double>>(input, type, scale),
        _ => throw new NotSupportedException($"round of {type} is not supported."),
    };

    public static ArrowArray Sqrt(ArrowArray input) => Map<double, SqrtOp>(input, DoubleType.Instance, 0);

    public static ArrowArray Exp(ArrowArray input) => Map<double, ExpOp>(input, DoubleType.Instance, 0);

    /// <summary>Natural logarithm; NULL for zero and negative input, as Spark's <c>log</c>.</summary>
    public static ArrowArray Log(ArrowArray input)
    {
        var result = (PrimitiveArray<double>)Map<double, LogOp>(input, DoubleType.Instance, 0);
        var source = ((PrimitiveArray<double>)input).Values;
        var validity = Bitmaps.Validity(result);
        for (int i = 0; i < source.Length; i++)
        {
            if (source[i] <= 0)
            {
                validity ??= Bitmaps.AllSet(source.Length);
                Bits.ClearBit(validity, i);
            }
        }
        return validity is null ? result : KernelArrays.Fixed(DoubleType.Instance, CopyOf(result), validity, result.Length);
    }

    public static ArrowArray Pow(Operand left, Operand right, int length)
    {
        if (left.IsNullScalar || right.IsNullScalar)
        {
            return KernelArrays.AllNull(DoubleType.Instance, length);
        }
        var x = left.Array is PrimitiveArray<double> a ? a.Values : default;
        var y = right.Array is PrimitiveArray<double> b ? b.Values : default;
        double xs = left.Array is null ? (double)left.Scalar! : 0;
        double ys = right.Array is null ? (double)right.Scalar! : 0;
        var values = KernelArrays.AllocateValues<double>(length);
        var destination = KernelArrays.AsSpan<double>(values);
        for (int i = 0; i < length; i++)
        {
            destination[i] = Math.Pow(left.Array is null ? xs : x[i], right.Array is null ? ys : y[i]);
        }
        return KernelArrays.Fixed(DoubleType.Instance, values, Bitmaps.And(left.Validity(), right.Validity()), length);
    }

    private static Memory<byte> CopyOf(PrimitiveArray<double> array)
    {
        var values = KernelArrays.AllocateValues<double>(array.Length);
        array.Values.CopyTo(KernelArrays.AsSpan<double>(values));
        return values;
    }

    private static ArrowArray Map<T, TOp>(ArrowArray input, DataType type, int scale)
        where T : unmanaged, INumber<T>
        where TOp : IUnaryOperator<T>
    {
        var source = ((PrimitiveArray<T>)input).Values;
        var values = KernelArrays.AllocateValues<T>(source.Length);
        var destination = KernelArrays.AsSpan<T>(values);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = TOp.Apply(source[i], scale);
        }
        return KernelArrays.Fixed(type, values, Bitmaps.Validity(input), source.Length);
    }

    private interface IUnaryOperator<T> where T : unmanaged, INumber<T>
    {
        static abstract T Apply(T value, int scale);
    }

    /// <summary>Wraps at MinValue (Java's Math.abs) instead of throwing as <c>T.Abs</c> would.</summary>
    private readonly struct AbsOp<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static T Apply(T value, int scale) => T.IsNegative(value) ? unchecked(T.Zero - value) : value;
    }

    private readonly struct RoundIntegerOp<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static T Apply(T value, int scale)
        {
            if (scale >= 0)
            {
                return value;
            }
            if (scale < -18)
            {
                return T.Zero;
            }
            long factor = (long)Math.Pow(10, -scale);
            long x = long.CreateTruncating(value);
            long quotient = Math.DivRem(x, factor, out long remainder);
            if (Math.Abs(remainder) * 2 >= factor)
            {
                quotient += Math.Sign(x);
            }
            return T.CreateTruncating(unchecked(quotient * factor));
        }
    }

    /// <summary>
    /// Rounds the decimal form of the value, as Spark does through BigDecimal, so 2.675 → 2.68 despite its
    /// binary representation being slightly below.
    /// </summary>
    private readonly struct RoundFloatingOp<T> : IUnaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static T Apply(T value, int scale)
        {
            double x = double.CreateTruncating(value);
            if (!double.IsFinite(x))
            {
                return value;
            }
            if (scale >= 0 && (scale > 28 || Math.Abs(x) >= 1e15))
            {
                return value;
            }
            try
            {
                decimal d = typeof(T) == typeof(float) ? (decimal)float.CreateTruncating(value) : (decimal)x;
                if (scale >= 0)
                {
                    return T.CreateTruncating((double)Math.Round(d, scale, MidpointRounding.AwayFromZero));
                }
                decimal factor = (decimal)Math.Pow(10, -scale);
                return T.CreateTruncating((double)(Math.Round(d / factor, 0, MidpointRounding.AwayFromZero) * factor));
            }
            catch (OverflowException)
            {
                double factor = Math.Pow(10, scale);
                return T.CreateTruncating(Math.Round(x * factor, MidpointRounding.AwayFromZero) / factor);
            }
        }
    }

    private readonly struct SqrtOp : IUnaryOperator<double>
    {
        public static double Apply(double value, int scale) => Math.Sqrt(value);
    }

    private readonly struct ExpOp : IUnaryOperator<double>
    {
        public static double Apply(double value, int scale) => Math.Exp(value);
    }

    private readonly struct LogOp : IUnaryOperator<double>
    {
        public static double Apply(double value, int scale) => Math.Log(value);
    }
}
