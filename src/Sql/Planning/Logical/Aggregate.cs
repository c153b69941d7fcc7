using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Groups the child's rows by <see cref="GroupingExpressions"/> and computes <see cref="AggregateExpressions"/>
/// per group (one group, possibly empty input, when there is no grouping). Every non-aggregated column in the
/// aggregate list must be a grouping expression; the analyzer checks it.
/// </summary>
internal sealed class Aggregate(IReadOnlyList<Expression> groupingExpressions, IReadOnlyList<Expression> aggregateExpressions, LogicalPlan child) : LogicalPlan
{
    public IReadOnlyList<Expression> GroupingExpressions { get; } = groupingExpressions ?? throw new ArgumentNullException(nameof(groupingExpressions));

    /// <summary>The output list: grouping columns and aggregates, each named once resolved.</summary>
    public IReadOnlyList<Expression> AggregateExpressions { get; } = aggregateExpressions ?? throw new ArgumentNullException(nameof(aggregateExpressions));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Aggregate(GroupingExpressions, AggregateExpressions, children[0]);

    public override IReadOnlyList<AttributeReference> Output => [.. AggregateExpressions.Select(PlanExpressions.ToAttribute)];

    public override IReadOnlyList<Expression> Expressions => [.. GroupingExpressions, .. AggregateExpressions];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var grouping = MapList(GroupingExpressions, map);
        var aggregates = MapList(AggregateExpressions, map);
        return ReferenceEquals(grouping, GroupingExpressions) && ReferenceEquals(aggregates, AggregateExpressions)
            ? this
            : new Aggregate(grouping, aggregates, Child);
    }

    public override string NodeString => $"Aggregate {List(GroupingExpressions)}, {List(AggregateExpressions)}";
}
