using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using Apache.Arrow;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// <c>= != &lt; &lt;= &gt; &gt;=</c> over two operands of the same type, giving a boolean array whose validity
/// is the AND of the inputs' (a comparison with NULL is NULL). Numbers, dates and timestamps share one generic
/// loop; strings compare their UTF-8 bytes ordinally (Spark's UTF8String order); booleans as 0/1.
/// </summary>
internal static class CompareKernels
{
    public static BooleanArray Compute(ComparisonOperator op, ArrowTypes.IArrowType type, Operand left, Operand right, int length)
    {
        if (left.IsNullScalar || right.IsNullScalar)
        {
            return KernelArrays.Boolean(Bitmaps.AllClear(length), Bitmaps.AllClear(length), length);
        }
        if (type is ArrowTypes.Decimal128Type decimalType)
        {
            // A decimal literal is a .NET decimal; its unscaled 128-bit form depends on the column's scale.
            var sqlType = new DecimalType(decimalType.Precision, decimalType.Scale);
            left = left.IsScalar ? Operand.Of(KernelArrays.Constant(sqlType, left.Scalar, length)) : left;
            right = right.IsScalar ? Operand.Of(KernelArrays.Constant(sqlType, right.Scalar, length)) : right;
        }
        var validity = Bitmaps.And(left.Validity(), right.Validity());
        var bits = Bitmaps.AllClear(length);
        switch (type.TypeId)
        {
            case ArrowTypes.ArrowTypeId.Int8: Numeric<sbyte>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Int16: Numeric<short>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Int32 or ArrowTypes.ArrowTypeId.Date32: Numeric<int>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Int64 or ArrowTypes.ArrowTypeId.Timestamp: Numeric<long>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Float: Numeric<float>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Double: Numeric<double>(op, left, right, bits); break;
            case ArrowTypes.ArrowTypeId.Decimal128: Decimals(op, left.Array!, right.Array!, bits); break;
            case ArrowTypes.ArrowTypeId.String or ArrowTypes.ArrowTypeId.Binary: Bytes(op, left, right, bits, length); break;
            case ArrowTypes.ArrowTypeId.Boolean:
                Numeric<byte>(op, ToBytes(left, length), ToBytes(right, length), bits);
                break;
            default: throw new NotSupportedException($"Comparison of {ArrowTypeMapping.Describe(type)} values is not supported.");
        }
        return KernelArrays.Boolean(bits, validity, length);
    }

    private static void Numeric<T>(ComparisonOperator op, Operand left, Operand right, Span<byte> bits) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case ComparisonOperator.Equal: Run<T, EqualOp<T>>(left, right, bits); break;
            case ComparisonOperator.NotEqual: Run<T, NotEqualOp<T>>(left, right, bits); break;
            case ComparisonOperator.LessThan: Run<T, LessOp<T>>(left, right, bits); break;
            case ComparisonOperator.LessThanOrEqual: Run<T, LessOrEqualOp<T>>(left, right, bits); break;
            case ComparisonOperator.GreaterThan: Run<T, LessOp<T>>(right, left, bits); break;
            case ComparisonOperator.GreaterThanOrEqual: Run<T, LessOrEqualOp<T>>(right, left, bits); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    /// <summary>Decimals of one type compare as their unscaled 128-bit integers (no vector path for 128-bit lanes).</summary>
    private static void Decimals(ComparisonOperator op, ArrowArray left, ArrowArray right, Span<byte> bits)
    {
        var x = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(left.Data.Buffers[1].Span).Slice(left.Offset, left.Length);
        var y = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(right.Data.Buffers[1].Span).Slice(right.Offset, right.Length);
        for (int i = 0; i < x.Length; i++)
        {
            bool result = op switch
            {
                ComparisonOperator.Equal => x[i] == y[i],
                ComparisonOperator.NotEqual => x[i] != y[i],
                ComparisonOperator.LessThan => x[i] < y[i],
                ComparisonOperator.LessThanOrEqual => x[i] <= y[i],
                ComparisonOperator.GreaterThan => x[i] > y[i],
                _ => x[i] >= y[i],
            };
            if (result)
            {
                Memory.Bits.SetBit(bits, i);
            }
        }
    }

    private static void Run<T, TOp>(Operand left, Operand right, Span<byte> bits)
        where T : unmanaged, INumber<T>
        where TOp : IPredicate<T>
    {
        if ((left.Array is not null and not PrimitiveArray<T>) || (right.Array is not null and not PrimitiveArray<T>))
        {
            throw new ArgumentException($"Expected arrays of {typeof(T).Name}, got {(left.Array is null ? "a scalar" : ArrowTypeMapping.Describe(left.Array.Data.DataType))} and {(right.Array is null ? "a scalar" : ArrowTypeMapping.Describe(right.Array.Data.DataType))}.");
        }
        if (left.Array is PrimitiveArray<T> a && right.Array is PrimitiveArray<T> b)
        {
            var x = a.Values;
            var y = b.Values;
            int start = Vectorized<T, TOp>(x, y, default, scalarRight: false, bits);
            for (int i = start; i < x.Length; i++)
            {
                bits[i >> 3] |= (byte)(Bit(TOp.Apply(x[i], y[i])) << (i & 7));
            }
        }
        else if (left.Array is PrimitiveArray<T> column)
        {
            var x = column.Values;
            var scalar = KernelArrays.Physical<T>(right.Scalar!);
            int start = Vectorized<T, TOp>(x, default, scalar, scalarRight: true, bits);
            for (int i = start; i < x.Length; i++)
            {
                bits[i >> 3] |= (byte)(Bit(TOp.Apply(x[i], scalar)) << (i & 7));
            }
        }
        else if (right.Array is PrimitiveArray<T> other)
        {
            var y = other.Values;
            var scalar = KernelArrays.Physical<T>(left.Scalar!);
            for (int i = 0; i < y.Length; i++)
            {
                bits[i >> 3] |= (byte)(Bit(TOp.Apply(scalar, y[i])) << (i & 7));
            }
        }
        else
        {
            bits.Fill(TOp.Apply(KernelArrays.Physical<T>(left.Scalar!), KernelArrays.Physical<T>(right.Scalar!)) ? (byte)0xFF : (byte)0);
        }
    }

    /// <summary>
    /// The SIMD part of an integer comparison: whole vectors, their lane masks packed straight into the bitmap.
    /// Returns the first row left for the scalar loop (0 when SIMD does not apply, as for floating point, whose
    /// NaN rules the masks do not follow).
    /// </summary>
    private static int Vectorized<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T scalar, bool scalarRight, Span<byte> bits)
        where T : unmanaged, INumber<T>
        where TOp : IPredicate<T>
    {
        if (IsFloatingPoint<T>() || !Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported)
        {
            return 0;
        }
        int count = Vector256<T>.Count;
        var broadcast = Vector256.Create(scalar);
        ulong pending = 0;
        int pendingBits = 0;
        int next = 0;
        int i = 0;
        for (; i <= x.Length - count; i += count)
        {
            var right = scalarRight ? broadcast : Vector256.Create(y.Slice(i, count));
            ulong mask = Vector256.ExtractMostSignificantBits(TOp.Apply(Vector256.Create(x.Slice(i, count)), right));
            pending |= mask << pendingBits;
            pendingBits += count;
            while (pendingBits >= 8)
            {
                bits[next++] = (byte)pending;
                pending >>= 8;
                pendingBits -= 8;
            }
        }
        if (pendingBits > 0)
        {
            bits[next] = (byte)pending;
        }
        return i;
    }

    private static void Bytes(ComparisonOperator op, Operand left, Operand right, Span<byte> bits, int length)
    {
        if (ByCodes(op, left, right, bits, length))
        {
            return;
        }
        var leftArray = left.Array as BinaryArray;
        var rightArray = right.Array as BinaryArray;
        byte[]? leftScalar = leftArray is null ? ScalarBytes(left.Scalar!) : null;
        byte[]? rightScalar = rightArray is null ? ScalarBytes(right.Scalar!) : null;
        for (int i = 0; i < length; i++)
        {
            ReadOnlySpan<byte> x = leftArray is null ? leftScalar : leftArray.GetBytes(i);
            ReadOnlySpan<byte> y = rightArray is null ? rightScalar : rightArray.GetBytes(i);
            bits[i >> 3] |= (byte)(Bit(Holds(op, x.SequenceCompareTo(y))) << (i & 7));
        }
    }

    /// <summary>
    /// A column that carries <see cref="Caching.DictionaryCodes"/> (read from Parquet dictionaries, cached) against a
    /// literal: each distinct value is compared once, and each row looks its code's answer up, instead of comparing
    /// the row's bytes. False when the operands are not such a pair or the dictionary is not smaller than the batch.
    /// </summary>
    private static bool ByCodes(ComparisonOperator op, Operand left, Operand right, Span<byte> bits, int length)
    {
        bool columnLeft = left.Array is not null && right.Array is null;
        var column = columnLeft ? left.Array : left.Array is null ? right.Array : null;
        if (column is null || Caching.DictionaryCodes.Of(column) is not { } codes || codes.Dictionary.Length >= length)
        {
            return false;
        }
        byte[] scalar = ScalarBytes((columnLeft ? right : left).Scalar!);
        var dictionary = codes.Dictionary;
        int entries = dictionary.Length;
        Span<bool> holds = entries <= 1024 ? stackalloc bool[entries] : new bool[entries];
        for (int e = 0; e < entries; e++)
        {
            var value = dictionary.GetBytes(e);
            holds[e] = Holds(op, columnLeft ? value.SequenceCompareTo(scalar) : ((ReadOnlySpan<byte>)scalar).SequenceCompareTo(value));
        }
        var rowCodes = codes.Codes.Span;
        for (int i = 0; i < length; i++)
        {
            // A null row's code is unspecified (maybe out of range); its validity bit hides the answer.
            int code = rowCodes[i];
            bool result = (uint)code < (uint)entries && holds[code];
            bits[i >> 3] |= (byte)(Bit(result) << (i & 7));
        }
        return true;
    }

    private static bool Holds(ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.LessThan => order < 0,
        ComparisonOperator.LessThanOrEqual => order <= 0,
        ComparisonOperator.GreaterThan => order > 0,
        _ => order >= 0,
    };

    private static byte[] ScalarBytes(object value) => value as byte[] ?? Encoding.UTF8.GetBytes((string)value);

    /// <summary>A boolean operand as one byte per slot (0 or 1), so the numeric loop can compare it.</summary>
    private static Operand ToBytes(Operand operand, int length)
    {
        if (operand.Array is not BooleanArray array)
        {
            return Operand.OfScalar((bool)operand.Scalar! ? (byte)1 : (byte)0);
        }
        var values = KernelArrays.AllocateValues<byte>(length);
        var destination = values.Span;
        var source = array.ValueBuffer.Span;
        for (int i = 0; i < length; i++)
        {
            destination[i] = (byte)((source[(array.Offset + i) >> 3] >> ((array.Offset + i) & 7)) & 1);
        }
        return Operand.Of(KernelArrays.Fixed(ArrowTypes.UInt8Type.Default, values, null, length));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool value) => Unsafe.As<bool, byte>(ref value);

    private static bool IsFloatingPoint<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>
    /// A comparison as a scalar test and, for integer types, as a SIMD mask. Floating point follows Spark, not
    /// IEEE: NaN equals NaN and is greater than every other value.
    /// </summary>
    private interface IPredicate<T> where T : unmanaged, INumber<T>
    {
        static abstract bool Apply(T left, T right);

        static abstract Vector256<T> Apply(Vector256<T> left, Vector256<T> right);
    }

    private readonly struct EqualOp<T> : IPredicate<T> where T : unmanaged, INumber<T>
    {
        public static bool Apply(T left, T right) => left == right || (IsFloatingPoint<T>() && T.IsNaN(left) && T.IsNaN(right));

        public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.Equals(left, right);
    }

    private readonly struct NotEqualOp<T> : IPredicate<T> where T : unmanaged, INumber<T>
    {
        public static bool Apply(T left, T right) => !EqualOp<T>.Apply(left, right);

        public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => ~Vector256.Equals(left, right);
    }

    private readonly struct LessOp<T> : IPredicate<T> where T : unmanaged, INumber<T>
    {
        public static bool Apply(T left, T right) =>
            IsFloatingPoint<T>() ? !T.IsNaN(left) && (T.IsNaN(right) || left < right) : left < right;

        public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.LessThan(left, right);
    }

    private readonly struct LessOrEqualOp<T> : IPredicate<T> where T : unmanaged, INumber<T>
    {
        public static bool Apply(T left, T right) =>
            IsFloatingPoint<T>() ? T.IsNaN(right) || (!T.IsNaN(left) && left <= right) : left <= right;

        public static Vector256<T> Apply(Vector256<T> left, Vector256<T> right) => Vector256.LessThanOrEqual(left, right);
    }
}
