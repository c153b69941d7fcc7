using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>left op right</c> where a side is a decimal and the other a decimal or an integer (which widens to the decimal
/// of its digits), with Spark's <c>DecimalPrecision</c> result types (precision loss allowed): for
/// <c>decimal(p1,s1) op decimal(p2,s2)</c>, + and − give <c>decimal(max(s1,s2) + max(p1−s1, p2−s2) + 1, max(s1,s2))</c>,
/// × gives <c>decimal(p1+p2+1, s1+s2)</c>, ÷ gives <c>decimal(p1−s1+s2+max(6, s1+p2+1), max(6, s1+p2+1))</c>, %
/// gives <c>decimal(min(p1−s1, p2−s2) + max(s1,s2), max(s1,s2))</c>; a precision past 38 keeps the integer digits
/// and cuts the scale (to no less than 6). A result that does not fit, or a division by zero, is NULL (non-ANSI).
/// Operands keep their own scales; each row is computed exactly in 128 bits (wider intermediates once more in
/// arbitrary precision) and rounded HALF_UP to the result scale.
/// </summary>
internal sealed class DecimalArithmetic : Expression
{
    private DecimalArithmetic(ArithmeticOperator op, Expression left, Expression right, DecimalType type)
    {
        Operator = op;
        Left = left;
        Right = right;
        DataType = type;
    }

    public ArithmeticOperator Operator { get; }

    public Expression Left { get; }

    public Expression Right { get; }

    public override DataType DataType { get; }

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        new DecimalArithmetic(Operator, children[0], children[1], (DecimalType)DataType);

    public override bool Nullable => true;

    /// <summary>The decimal operation on two resolved operands, or null when neither is a decimal or the other side is not an integer or decimal.</summary>
    public static DecimalArithmetic? Create(ArithmeticOperator op, Expression left, Expression right)
    {
        if (left.DataType is not DecimalType && right.DataType is not DecimalType)
        {
            return null;
        }
        var leftType = DecimalValues.ForIntegral(left.DataType is NullType ? right.DataType : left.DataType);
        var rightType = DecimalValues.ForIntegral(right.DataType is NullType ? left.DataType : right.DataType);
        if (leftType is null || rightType is null)
        {
            return null;
        }
        return new DecimalArithmetic(op, TypeCoercion.CastTo(left, leftType), TypeCoercion.CastTo(right, rightType), ResultType(op, leftType, rightType));
    }

    /// <summary>Spark's <c>DecimalPrecision</c> result type of <paramref name="op"/>.</summary>
    public static DecimalType ResultType(ArithmeticOperator op, DecimalType a, DecimalType b)
    {
        (int p1, int s1, int p2, int s2) = (a.Precision, a.Scale, b.Precision, b.Scale);
        switch (op)
        {
            case ArithmeticOperator.Add or ArithmeticOperator.Subtract:
            {
                int scale = Math.Max(s1, s2);
                return DecimalValues.Adjust(Math.Max(p1 - s1, p2 - s2) + scale + 1, scale);
            }
            case ArithmeticOperator.Multiply:
                return DecimalValues.Adjust(p1 + p2 + 1, s1 + s2);
            case ArithmeticOperator.Divide:
            {
                int scale = Math.Max(6, s1 + p2 + 1);
                return DecimalValues.Adjust(p1 - s1 + s2 + scale, scale);
            }
            default:
            {
                int scale = Math.Max(s1, s2);
                return DecimalValues.Adjust(Math.Min(p1 - s1, p2 - s2) + scale, scale);
            }
        }
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var left = Left.Evaluate(batch);
        var right = Right.Evaluate(batch);
        int length = batch.Length;
        var x = Unscaled(left, length);
        var y = Unscaled(right, length);
        int sx = ((DecimalType)Left.DataType).Scale;
        int sy = ((DecimalType)Right.DataType).Scale;
        var type = (DecimalType)DataType;
        var values = KernelArrays.AllocateValues<Int128>(length);
        var output = KernelArrays.AsSpan<Int128>(values);
        var validity = Bitmaps.CombineValidity(left, right) ?? Bitmaps.AllSet(length);
        switch (Operator)
        {
            case ArithmeticOperator.Add: Run<AddOp>(x, sx, y, sy, type, output, validity); break;
            case ArithmeticOperator.Subtract: Run<SubtractOp>(x, sx, y, sy, type, output, validity); break;
            case ArithmeticOperator.Multiply: Run<MultiplyOp>(x, sx, y, sy, type, output, validity); break;
            case ArithmeticOperator.Divide: Run<DivideOp>(x, sx, y, sy, type, output, validity); break;
            default: Run<RemainderOp>(x, sx, y, sy, type, output, validity); break;
        }
        return KernelArrays.Fixed(type, values, validity, length);
    }

    /// <summary>One loop per operator (the operator dispatched once per batch, not per row).</summary>
    private static void Run<TOp>(ReadOnlySpan<Int128> x, int sx, ReadOnlySpan<Int128> y, int sy, DecimalType type, Span<Int128> output, byte[] validity)
        where TOp : struct, IDecimalOp
    {
        for (int i = 0; i < output.Length; i++)
        {
            if (Bits.GetBit(validity, i) && !TOp.Apply(x[i], sx, y[i], sy, type.Precision, type.Scale, out output[i]))
            {
                Bits.ClearBit(validity, i);
            }
        }
    }

    private interface IDecimalOp
    {
        static abstract bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result);
    }

    private readonly struct AddOp : IDecimalOp
    {
        public static bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result) =>
            DecimalValues.TryAdd(a, sa, b, sb, false, precision, scale, out result);
    }

    private readonly struct SubtractOp : IDecimalOp
    {
        public static bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result) =>
            DecimalValues.TryAdd(a, sa, b, sb, true, precision, scale, out result);
    }

    private readonly struct MultiplyOp : IDecimalOp
    {
        public static bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result) =>
            DecimalValues.TryMultiply(a, sa, b, sb, precision, scale, out result);
    }

    private readonly struct DivideOp : IDecimalOp
    {
        public static bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result) =>
            DecimalValues.TryDivide(a, sa, b, sb, precision, scale, out result);
    }

    private readonly struct RemainderOp : IDecimalOp
    {
        public static bool Apply(Int128 a, int sa, Int128 b, int sb, int precision, int scale, out Int128 result) =>
            DecimalValues.TryRemainder(a, sa, b, sb, precision, scale, out result);
    }

    private static ReadOnlySpan<Int128> Unscaled(ArrowArray array, int length) =>
        MemoryMarshal.Cast<byte, Int128>(array.Data.Buffers[1].Span).Slice(array.Offset, length);

    public override string ToString() => $"({Left} {Operator switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        _ => "%",
    }} {Right})";
}
