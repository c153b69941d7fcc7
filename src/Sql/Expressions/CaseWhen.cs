using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN v1 ... [ELSE e] END</c>: the value of the first branch whose condition is TRUE (NULL
/// counts as not true), else <c>e</c>, else NULL. Binding casts every value to a common type.
/// </summary>
internal sealed class CaseWhen : Expression
{
    public CaseWhen(IReadOnlyList<(Expression Condition, Expression Value)> branches, Expression? elseValue = null)
    {
        ArgumentNullException.ThrowIfNull(branches);
        if (branches.Count == 0)
        {
            throw new ArgumentException("CASE needs at least one WHEN branch.", nameof(branches));
        }
        Branches = branches;
        Else = elseValue;
    }

    public IReadOnlyList<(Expression Condition, Expression Value)> Branches { get; }

    public Expression? Else { get; }

    /// <summary>Condition, value, condition, value ..., then the else value if any.</summary>
    public override IReadOnlyList<Expression> Children =>
        [.. Branches.SelectMany(b => new[] { b.Condition, b.Value }), .. Else is null ? System.Array.Empty<Expression>() : [Else]];

    public override Expression WithChildren(IReadOnlyList<Expression> children)
    {
        var branches = new (Expression, Expression)[Branches.Count];
        for (int i = 0; i < branches.Length; i++)
        {
            branches[i] = (children[2 * i], children[(2 * i) + 1]);
        }
        return new CaseWhen(branches, Else is null ? null : children[^1]);
    }

    /// <summary>A copy with <paramref name="value"/> as the ELSE branch (the builder form <c>When(...).Otherwise(...)</c>).</summary>
    public CaseWhen WithElse(Expression value) => new(Branches, value);

    /// <summary>A copy with one more WHEN branch.</summary>
    public CaseWhen WithBranch(Expression condition, Expression value) => new([.. Branches, (condition, value)], Else);

    public override DataType DataType => Branches[0].Value.DataType;

    public override bool Nullable => Else is null || Branches.Any(b => b.Value.Nullable) || Else.Nullable;

    protected internal override Expression ResolveNode(StructType input)
    {
        var type = Branches[0].Value.DataType;
        foreach (var value in Branches.Skip(1).Select(b => b.Value).Concat(Else is null ? [] : [Else]))
        {
            type = TypeCoercion.CommonType(type, value.DataType)
                ?? throw TypeCoercion.Mismatch(this, $"the branches have incompatible types {type} and {value.DataType}");
        }
        if (type is NullType)
        {
            type = StringType.Instance;
        }
        var branches = Branches.Select(b => (Logical.RequireBoolean(this, b.Condition), TypeCoercion.CastTo(b.Value, type))).ToArray();
        return new CaseWhen(branches, Else is null ? null : TypeCoercion.CastTo(Else, type));
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        int length = batch.Length;
        var choice = new int[length];
        choice.AsSpan().Fill(-1);
        var undecided = Bitmaps.AllSet(length);
        var sources = new List<ArrowArray>();
        for (int b = 0; b < Branches.Count; b++)
        {
            var condition = (BooleanArray)Branches[b].Condition.Evaluate(batch);
            sources.Add(Branches[b].Value.Evaluate(batch));
            for (int i = 0; i < length; i++)
            {
                if (Bits.GetBit(undecided, i) && condition.IsValid(i) && condition.GetBit(i))
                {
                    choice[i] = b;
                    Bits.ClearBit(undecided, i);
                }
            }
        }
        if (Else is not null)
        {
            sources.Add(Else.Evaluate(batch));
            for (int i = 0; i < length; i++)
            {
                if (Bits.GetBit(undecided, i))
                {
                    choice[i] = sources.Count - 1;
                }
            }
        }
        return ChooseKernel.Choose(DataType, sources, choice);
    }

    public override string ToString() =>
        $"CASE {string.Join(" ", Branches.Select(b => $"WHEN {b.Condition} THEN {b.Value}"))}{(Else is null ? "" : $" ELSE {Else}")} END";
}

/// <summary><c>coalesce(e1, e2, ...)</c>: the first non-NULL argument.</summary>
internal sealed class Coalesce : Expression
{
    public Coalesce(IReadOnlyList<Expression> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0)
        {
            throw new ArgumentException("coalesce needs at least one argument.", nameof(arguments));
        }
        Arguments = arguments;
    }

    public IReadOnlyList<Expression> Arguments { get; }

    public override IReadOnlyList<Expression> Children => Arguments;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Coalesce([.. children]);

    public override DataType DataType => Arguments[0].DataType;

    public override bool Nullable => Arguments.All(a => a.Nullable);

    protected internal override Expression ResolveNode(StructType input)
    {
        var type = Arguments[0].DataType;
        foreach (var argument in Arguments.Skip(1))
        {
            type = TypeCoercion.CommonType(type, argument.DataType)
                ?? throw TypeCoercion.Mismatch(this, $"the arguments have incompatible types {type} and {argument.DataType}");
        }
        if (type is NullType)
        {
            type = StringType.Instance;
        }
        return new Coalesce([.. Arguments.Select(a => TypeCoercion.CastTo(a, type))]);
    }

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var sources = Arguments.Select(a => a.Evaluate(batch)).ToArray();
        var choice = new int[batch.Length];
        for (int i = 0; i < choice.Length; i++)
        {
            choice[i] = -1;
            for (int k = 0; k < sources.Length; k++)
            {
                if (sources[k].IsValid(i))
                {
                    choice[i] = k;
                    break;
                }
            }
        }
        return ChooseKernel.Choose(DataType, sources, choice);
    }

    public override string ToString() => $"coalesce({string.Join(", ", Arguments)})";
}
