using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Joins two inputs on <see cref="Condition"/> (none for a cross join). A join <c>USING</c> columns is
/// unresolved: the analyzer turns it into an equality condition and a Project on top that keeps one copy of
/// each using column (coalesced for a full outer join), as Spark does. Output: the left columns then the right
/// ones (left only for semi and anti joins), the side an outer join may fail to match made nullable.
/// </summary>
internal sealed class Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression? condition, IReadOnlyList<string>? usingColumns = null) : LogicalPlan
{
    public LogicalPlan Left { get; } = left ?? throw new ArgumentNullException(nameof(left));

    public LogicalPlan Right { get; } = right ?? throw new ArgumentNullException(nameof(right));

    public JoinType JoinType { get; } = joinType;

    public Expression? Condition { get; } = condition;

    /// <summary>The USING column names, until the analyzer rewrites them; empty otherwise.</summary>
    public IReadOnlyList<string> UsingColumns { get; } = usingColumns ?? [];

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Join(children[0], children[1], JoinType, Condition, UsingColumns);

    public override bool Resolved => UsingColumns.Count == 0 && base.Resolved;

    public override IReadOnlyList<AttributeReference> Output
    {
        get
        {
            bool leftNullable = JoinType is JoinType.RightOuter or JoinType.FullOuter;
            bool rightNullable = JoinType is JoinType.LeftOuter or JoinType.FullOuter;
            var left = Left.Output.Select(a => leftNullable ? a.WithNullability(true) : a);
            return JoinType.OutputsRight()
                ? [.. left, .. Right.Output.Select(a => rightNullable ? a.WithNullability(true) : a)]
                : [.. left];
        }
    }

    public override IReadOnlyList<Expression> Expressions => Condition is null ? [] : [Condition];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        if (Condition is null)
        {
            return this;
        }
        var condition = map(Condition);
        return ReferenceEquals(condition, Condition) ? this : new Join(Left, Right, JoinType, condition, UsingColumns);
    }

    /// <summary>This join with another condition.</summary>
    public Join WithCondition(Expression? condition) => new(Left, Right, JoinType, condition, UsingColumns);

    public override string NodeString =>
        $"Join {JoinType.Display()}"
        + (UsingColumns.Count > 0 ? $", USING {List(UsingColumns)}" : "")
        + (Condition is null ? "" : $", {Condition}");
}
