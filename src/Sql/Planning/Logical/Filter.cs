using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>Keeps the rows for which <see cref="Condition"/> is true (not false, not NULL).</summary>
internal sealed class Filter(Expression condition, LogicalPlan child) : LogicalPlan
{
    public Expression Condition { get; } = condition ?? throw new ArgumentNullException(nameof(condition));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Filter(Condition, children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override IReadOnlyList<Expression> Expressions => [Condition];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var condition = map(Condition);
        return ReferenceEquals(condition, Condition) ? this : new Filter(condition, Child);
    }

    public override string NodeString => $"Filter {Condition}";
}
