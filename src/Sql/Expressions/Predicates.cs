using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary><c>IS NULL</c> (or <c>IS NOT NULL</c> when negated): never null itself.</summary>
internal sealed class IsNull(Expression child, bool negated = false) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public bool Negated { get; } = negated;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new IsNull(children[0], Negated);

    public override DataType DataType => BooleanType.Instance;

    public override bool Nullable => false;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        if (Child is Literal literal)
        {
            return KernelArrays.Constant(BooleanType.Instance, (literal.Value is null) != Negated, batch.Length);
        }
        return BooleanKernels.IsNull(Child.Evaluate(batch), Negated);
    }

    public override string ToString() => $"({Child} IS {(Negated ? "NOT " : "")}NULL)";
}

/// <summary>
/// <c>value IN (list)</c>: TRUE on a match; otherwise NULL if the value or any item is NULL, else FALSE —
/// exactly an OR of equalities, which is how it is evaluated.
/// </summary>
internal sealed class In(Expression value, IReadOnlyList<Expression> list) : Expression
{
    public Expression Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    public IReadOnlyList<Expression> List { get; } = list ?? throw new ArgumentNullException(nameof(list));

    public override IReadOnlyList<Expression> Children => [Value, .. List];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new In(children[0], [.. children.Skip(1)]);

    public override DataType DataType => BooleanType.Instance;

    protected internal override Expression ResolveNode(StructType input)
    {
        var type = Value.DataType;
        foreach (var item in List)
        {
            type = TypeCoercion.CommonType(type, item.DataType)
                ?? throw TypeCoercion.Mismatch(this, $"{Value.DataType} and {item.DataType} cannot be compared");
        }
        if (type is NullType)
        {
            type = BooleanType.Instance;
        }
        return new In(TypeCoercion.CastTo(Value, type), [.. List.Select(e => TypeCoercion.CastTo(e, type))]);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        if (List.Count == 0)
        {
            return KernelArrays.Constant(BooleanType.Instance, false, batch.Length);
        }
        var type = ArrowTypeMapping.ToArrowType(Value.DataType);
        var value = Arithmetic.ToOperand(Value, batch);
        BooleanArray? result = null;
        foreach (var item in List)
        {
            var equal = CompareKernels.Compute(ComparisonOperator.Equal, type, value, Arithmetic.ToOperand(item, batch), batch.Length);
            result = result is null ? equal : BooleanKernels.Or(result, equal);
        }
        return result!;
    }

    public override string ToString() => $"({Value} IN ({string.Join(", ", List)}))";
}
