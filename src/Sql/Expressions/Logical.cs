using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>AND / OR with SQL's three-valued logic: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE.</summary>
internal sealed class BinaryLogical(bool isAnd, Expression left, Expression right) : Expression
{
    public bool IsAnd { get; } = isAnd;

    public Expression Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public Expression Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public static BinaryLogical And(Expression left, Expression right) => new(true, left, right);

    public static BinaryLogical Or(Expression left, Expression right) => new(false, left, right);

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new BinaryLogical(IsAnd, children[0], children[1]);

    public override DataType DataType => BooleanType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var left = Logical.RequireBoolean(this, Left);
        var right = Logical.RequireBoolean(this, Right);
        return ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new BinaryLogical(IsAnd, left, right);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var left = (BooleanArray)Left.Evaluate(batch);
        var right = (BooleanArray)Right.Evaluate(batch);
        return IsAnd ? BooleanKernels.And(left, right) : BooleanKernels.Or(left, right);
    }

    public override string ToString() => $"({Left} {(IsAnd ? "AND" : "OR")} {Right})";
}

/// <summary>NOT, with NOT NULL = NULL.</summary>
internal sealed class Not(Expression child) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Not(children[0]);

    public override DataType DataType => BooleanType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var child = Logical.RequireBoolean(this, Child);
        return ReferenceEquals(child, Child) ? this : new Not(child);
    }

    public override ArrowArray Evaluate(RecordBatch batch) => BooleanKernels.Not((BooleanArray)Child.Evaluate(batch));

    public override string ToString() => $"(NOT {Child})";
}

/// <summary>Checks shared by the boolean operators.</summary>
internal static class Logical
{
    /// <summary><paramref name="operand"/> if boolean, a cast of an untyped NULL; otherwise a type mismatch.</summary>
    public static Expression RequireBoolean(Expression owner, Expression operand) => operand.DataType switch
    {
        BooleanType => operand,
        NullType => TypeCoercion.CastTo(operand, BooleanType.Instance),
        var other => throw TypeCoercion.Mismatch(owner, $"{operand} is {other}, not boolean"),
    };
}
