using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The one-argument math functions.</summary>
internal enum MathFunction
{
    Abs,
    Sqrt,
    Exp,
    Log,
}

/// <summary><c>abs</c> (keeps the type), <c>sqrt</c>, <c>exp</c>, <c>ln</c> (double; NULL for x &lt;= 0).</summary>
internal sealed class MathFunctionCall(MathFunction function, Expression child) : Expression
{
    public MathFunction Function { get; } = function;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new MathFunctionCall(Function, children[0]);

    public override DataType DataType => Function == MathFunction.Abs ? Child.DataType : DoubleType.Instance;

    public override bool Nullable => Child.Nullable || Function == MathFunction.Log;

    protected internal override Expression ResolveNode(StructType input)
    {
        if (Function == MathFunction.Abs && Child.DataType is DecimalType)
        {
            return this;
        }
        var target = Function == MathFunction.Abs
            ? (TypeCoercion.IsNumeric(Child.DataType) ? Child.DataType : DoubleType.Instance)
            : DoubleType.Instance;
        var child = TypeCoercion.CastTo(Child, target);
        return ReferenceEquals(child, Child) ? this : new MathFunctionCall(Function, child);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var input = Child.Evaluate(batch);
        return Function switch
        {
            MathFunction.Abs => MathKernels.Abs(input, DataType),
            MathFunction.Sqrt => MathKernels.Sqrt(input),
            MathFunction.Exp => MathKernels.Exp(input),
            _ => MathKernels.Log(input),
        };
    }

    public override string ToString() => $"{(Function == MathFunction.Log ? "ln" : Function.ToString().ToLowerInvariant())}({Child})";
}

/// <summary><c>round(x, scale)</c>, HALF_UP as Spark's; the result has the input's type.</summary>
internal sealed class Round(Expression child, int scale = 0) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public int Scale { get; } = scale;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Round(children[0], Scale);

    /// <summary>The input's type; for decimal(p,s) Spark's decimal(p−s+1+min(d,s), min(d,s)), room for a carry into a new digit.</summary>
    public override DataType DataType => Child.DataType is DecimalType d
        ? DecimalValues.Bounded(d.Precision - d.Scale + 1 + Math.Min(Scale, d.Scale), Math.Min(Scale, d.Scale))
        : Child.DataType;

    protected internal override Expression ResolveNode(StructType input) =>
        Child.DataType is DecimalType && Scale < 0
            ? throw TypeCoercion.Mismatch(this, $"round of {Child.DataType.SimpleString} to a negative scale is not supported yet (cast to double to round)")
            : Child.DataType is DecimalType || TypeCoercion.IsNumeric(Child.DataType) ? this : new Round(TypeCoercion.CastTo(Child, DoubleType.Instance), Scale);

    public override ArrowArray Evaluate(RecordBatch batch) =>
        Child.DataType is DecimalType
            ? DecimalCastKernels.Cast(Child.Evaluate(batch), Child.DataType, DataType)
            : MathKernels.Round(Child.Evaluate(batch), DataType, Scale);

    public override string ToString() => $"round({Child}, {Scale})";
}

/// <summary><c>pow(x, y)</c> in double.</summary>
internal sealed class Pow(Expression left, Expression right) : Expression
{
    public Expression Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public Expression Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public override IReadOnlyList<Expression> Children => [Left, Right];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Pow(children[0], children[1]);

    public override DataType DataType => DoubleType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var left = TypeCoercion.CastTo(Left, DoubleType.Instance);
        var right = TypeCoercion.CastTo(Right, DoubleType.Instance);
        return ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new Pow(left, right);
    }

    public override ArrowArray Evaluate(RecordBatch batch) =>
        MathKernels.Pow(Arithmetic.ToOperand(Left, batch), Arithmetic.ToOperand(Right, batch), batch.Length);

    public override string ToString() => $"POWER({Left}, {Right})";
}
