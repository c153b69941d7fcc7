using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The five arithmetic operators.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary>
/// <c>left op right</c> on numbers. Binding widens both sides to a common type; <c>/</c> always works in
/// double, as Spark's does. NULL in, NULL out; division or remainder by zero is NULL (non-ANSI).
/// </summary>
internal sealed class Arithmetic(ArithmeticOperator op, Expression left, Expression right) : Expression
{
    public ArithmeticOperator Operator { get; } = op;

    public Expression Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public Expression Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Arithmetic(Operator, children[0], children[1]);

    public override DataType DataType => Left.DataType;

    public override bool Nullable => Left.Nullable || Right.Nullable || Operator is ArithmeticOperator.Divide or ArithmeticOperator.Remainder;

    public string Symbol => Operator switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        _ => "%",
    };

    protected internal override Expression ResolveNode(StructType input)
    {
        if (DecimalArithmetic.Create(Operator, Left, Right) is { } decimalArithmetic)
        {
            return decimalArithmetic;
        }
        var type = TypeCoercion.ArithmeticType(Left.DataType, Right.DataType)
            ?? throw TypeCoercion.Mismatch(this, $"the operator {Symbol} needs numbers, not {Left.DataType} and {Right.DataType}");
        if (Operator == ArithmeticOperator.Divide)
        {
            type = DoubleType.Instance;
        }
        var left = TypeCoercion.CastTo(Left, type);
        var right = TypeCoercion.CastTo(Right, type);
        return ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new Arithmetic(Operator, left, right);
    }

    public override ArrowArray Evaluate(RecordBatch batch) =>
        ArithmeticKernels.Compute(Operator, ArrowTypeMapping.ToArrowType(DataType), ToOperand(Left, batch), ToOperand(Right, batch), batch.Length);

    /// <summary>A literal child stays a scalar; anything else is evaluated to an array.</summary>
    internal static Operand ToOperand(Expression child, RecordBatch batch) =>
        child is Literal literal ? Operand.OfScalar(literal.Value) : Operand.Of(child.Evaluate(batch));

    public override string ToString() => $"({Left} {Symbol} {Right})";
}
