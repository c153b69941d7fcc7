using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Computes <see cref="WindowExpressions"/> (aggregate or ranking functions, each named) over the window
/// partitioned by <see cref="PartitionSpec"/> and ordered by <see cref="OrderSpec"/>; output is the child's
/// columns followed by one per window expression; the physical WindowExec computes it.
/// </summary>
internal sealed class Window(IReadOnlyList<Expression> windowExpressions, IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec, LogicalPlan child) : LogicalPlan
{
    public IReadOnlyList<Expression> WindowExpressions { get; } = windowExpressions ?? throw new ArgumentNullException(nameof(windowExpressions));

    public IReadOnlyList<Expression> PartitionSpec { get; } = partitionSpec ?? throw new ArgumentNullException(nameof(partitionSpec));

    public IReadOnlyList<SortOrder> OrderSpec { get; } = orderSpec ?? throw new ArgumentNullException(nameof(orderSpec));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Window(WindowExpressions, PartitionSpec, OrderSpec, children[0]);

    public override IReadOnlyList<AttributeReference> Output => [.. Child.Output, .. WindowExpressions.Select(PlanExpressions.ToAttribute)];

    public override IReadOnlyList<Expression> Expressions => [.. WindowExpressions, .. PartitionSpec, .. OrderSpec];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var windows = MapList(WindowExpressions, map);
        var partition = MapList(PartitionSpec, map);
        var order = MapList(OrderSpec, map);
        return ReferenceEquals(windows, WindowExpressions) && ReferenceEquals(partition, PartitionSpec) && ReferenceEquals(order, OrderSpec)
            ? this
            : new Window(windows, partition, order, Child);
    }

    public override string NodeString => $"Window {List(WindowExpressions)}, {List(PartitionSpec)}, {List(OrderSpec)}";
}
