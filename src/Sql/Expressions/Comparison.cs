using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The six comparison operators.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>
/// <c>left op right</c>, a boolean that is NULL when either side is. Binding brings both sides to a common type
/// (<see cref="TypeCoercion.CommonType"/>).
/// </summary>
internal sealed class Comparison(ComparisonOperator op, Expression left, Expression right) : Expression
{
    public ComparisonOperator Operator { get; } = op;

    public Expression Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public Expression Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Comparison(Operator, children[0], children[1]);

    public override DataType DataType => BooleanType.Instance;

    public string Symbol => Operator switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };

    protected internal override Expression ResolveNode(StructType input)
    {
        var type = TypeCoercion.CommonType(Left.DataType, Right.DataType)
            ?? throw TypeCoercion.Mismatch(this, $"{Left.DataType} and {Right.DataType} cannot be compared");
        if (type is NullType)
        {
            type = BooleanType.Instance;
        }
        if (type is Types.ArrayType or StructType)
        {
            throw TypeCoercion.Mismatch(this, $"comparing values of type {type.SimpleString} is not supported");
        }
        var left = TypeCoercion.CastTo(Left, type);
        var right = TypeCoercion.CastTo(Right, type);
        return ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new Comparison(Operator, left, right);
    }

    public override ArrowArray Evaluate(RecordBatch batch) =>
        CompareKernels.Compute(
            Operator, ArrowTypeMapping.ToArrowType(Left.DataType),
            Arithmetic.ToOperand(Left, batch), Arithmetic.ToOperand(Right, batch), batch.Length);

    public override string ToString() => $"({Left} {Symbol} {Right})";
}
