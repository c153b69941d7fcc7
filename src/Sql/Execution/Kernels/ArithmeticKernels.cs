using System.Numerics;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// <c>+ - * / %</c> over two numeric operands of the same type (the binder inserts casts), each an array or a
/// scalar. One generic loop per operator; the column type is dispatched once per batch. Null propagation is
/// the AND of the validity bitmaps; division and remainder by zero add nulls, as Spark's non-ANSI mode does;
/// integer overflow wraps.
/// </summary>
internal static class ArithmeticKernels
{
    /// <summary>
    /// <paramref name="left"/> op <paramref name="right"/>; either operand may be a scalar (array null,
    /// <c>*Scalar</c> set; a null scalar makes every row null).
    /// </summary>
    public static ArrowArray Compute(ArithmeticOperator op, ArrowTypes.IArrowType type, Operand left, Operand right, int length) =>
        type.TypeId switch
        {
            ArrowTypes.ArrowTypeId.Int8 => Compute<sbyte>(op, type, left, right, length),
            ArrowTypes.ArrowTypeId.Int16 => Compute<short>(op, type, left, right, length),
            ArrowTypes.ArrowTypeId.Int32 or ArrowTypes.ArrowTypeId.Date32 => Compute<int>(op, type, left, right, length),
            ArrowTypes.ArrowTypeId.Int64 or ArrowTypes.ArrowTypeId.Timestamp => Compute<long>(op, type, left, right, length),
            ArrowTypes.ArrowTypeId.Float => Compute<float>(op, type, left, right, length),
            ArrowTypes.ArrowTypeId.Double => Compute<double>(op, type, left, right, length),
            _ => throw new NotSupportedException($"Arithmetic on {ArrowTypeMapping.Describe(type)} is not supported."),
        };

    private static ArrowArray Compute<T>(ArithmeticOperator op, ArrowTypes.IArrowType type, Operand left, Operand right, int length)
        where T : unmanaged, INumber<T>
    {
        if (left.IsNullScalar || right.IsNullScalar)
        {
            return KernelArrays.AllNull(ArrowTypeMapping.ToDataType(type), length);
        }
        var values = KernelArrays.AllocateValues<T>(length);
        var destination = KernelArrays.AsSpan<T>(values);
        var validity = Bitmaps.And(left.Validity(), right.Validity());
        var a = new Side<T>(left);
        var b = new Side<T>(right);
        switch (op)
        {
            case ArithmeticOperator.Add: Run<T, AddOp<T>>(a, b, destination); break;
            case ArithmeticOperator.Subtract: Run<T, SubtractOp<T>>(a, b, destination); break;
            case ArithmeticOperator.Multiply: Run<T, MultiplyOp<T>>(a, b, destination); break;
            case ArithmeticOperator.Divide: Run<T, DivideOp<T>>(a, b, destination); validity = NullWhereZero(b, validity, length); break;
            case ArithmeticOperator.Remainder: Run<T, RemainderOp<T>>(a, b, destination); validity = NullWhereZero(b, validity, length); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
        return KernelArrays.Fixed(type, values, validity, length);
    }

    /// <summary>One operand as the loops see it: a span of values, or a scalar.</summary>
    private readonly ref struct Side<T> where T : unmanaged, IEquatable<T>
    {
        public Side(Operand operand)
        {
            if (operand.Array is PrimitiveArray<T> array)
            {
                Values = array.Values;
            }
            else
            {
                if (operand.Array is not null)
                {
                    throw new ArgumentException($"Expected an array of {typeof(T).Name}, got {ArrowTypeMapping.Describe(operand.Array.Data.DataType)}.", nameof(operand));
                }
                IsScalar = true;
                Scalar = operand.Scalar is null ? default : KernelArrays.Physical<T>(operand.Scalar);
            }
        }

        public ReadOnlySpan<T> Values { get; }

        public T Scalar { get; }

        public bool IsScalar { get; }
    }

    private static void Run<T, TOp>(Side<T> a, Side<T> b, Span<T> destination)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOperator<T>
    {
        if (!a.IsScalar && !b.IsScalar)
        {
            var left = a.Values;
            var right = b.Values;
            int i = 0;
            if (TOp.Vectorizable && Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            {
                for (; i <= destination.Length - Vector<T>.Count; i += Vector<T>.Count)
                {
                    TOp.Apply(new Vector<T>(left[i..]), new Vector<T>(right[i..])).CopyTo(destination[i..]);
                }
            }
            for (; i < destination.Length; i++)
            {
                destination[i] = TOp.Apply(left[i], right[i]);
            }
        }
        else if (b.IsScalar && !a.IsScalar)
        {
            var left = a.Values;
            var scalar = b.Scalar;
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = TOp.Apply(left[i], scalar);
            }
        }
        else if (a.IsScalar && !b.IsScalar)
        {
            var scalar = a.Scalar;
            var right = b.Values;
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = TOp.Apply(scalar, right[i]);
            }
        }
        else
        {
            destination.Fill(TOp.Apply(a.Scalar, b.Scalar));
        }
    }

    /// <summary>Clears the validity of rows whose divisor is zero.</summary>
    private static byte[]? NullWhereZero<T>(Side<T> divisor, byte[]? validity, int length) where T : unmanaged, INumber<T>
    {
        if (divisor.IsScalar)
        {
            return T.IsZero(divisor.Scalar) ? Bitmaps.AllClear(length) : validity;
        }
        var values = divisor.Values;
        int firstZero = values.IndexOf(T.Zero);
        if (firstZero < 0)
        {
            return validity;
        }
        validity = validity is null ? Bitmaps.AllSet(length) : (byte[])validity.Clone();
        for (int i = firstZero; i < values.Length; i++)
        {
            if (T.IsZero(values[i]))
            {
                Bits.ClearBit(validity, i);
            }
        }
        return validity;
    }

    private interface IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        static abstract bool Vectorizable { get; }

        static abstract T Apply(T left, T right);

        static virtual Vector<T> Apply(Vector<T> left, Vector<T> right) => throw new NotSupportedException();
    }

    private readonly struct AddOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static bool Vectorizable => true;

        public static T Apply(T left, T right) => unchecked(left + right);

        public static Vector<T> Apply(Vector<T> left, Vector<T> right) => left + right;
    }

    private readonly struct SubtractOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static bool Vectorizable => true;

        public static T Apply(T left, T right) => unchecked(left - right);

        public static Vector<T> Apply(Vector<T> left, Vector<T> right) => left - right;
    }

    private readonly struct MultiplyOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static bool Vectorizable => true;

        public static T Apply(T left, T right) => unchecked(left * right);

        public static Vector<T> Apply(Vector<T> left, Vector<T> right) => left * right;
    }

    /// <summary>Zero divisors yield 0 here; <see cref="NullWhereZero{T}"/> turns those rows null.</summary>
    private readonly struct DivideOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static bool Vectorizable => false;

        public static T Apply(T left, T right) =>
            T.IsZero(right) ? T.Zero
            : IsIntegral<T>() && right == -T.One ? unchecked(T.Zero - left)
            : left / right;
    }

    private readonly struct RemainderOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
    {
        public static bool Vectorizable => false;

        // MinValue % -1 overflows in .NET; the answer is 0.
        public static T Apply(T left, T right) =>
            T.IsZero(right) ? T.Zero
            : IsIntegral<T>() && right == -T.One ? T.Zero
            : left % right;
    }

    private static bool IsIntegral<T>() where T : unmanaged, IEquatable<T> => typeof(T) != typeof(float) && typeof(T) != typeof(double);
}
