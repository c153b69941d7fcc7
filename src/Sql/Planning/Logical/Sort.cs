using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>Orders all rows (a global sort) by <see cref="Order"/>.</summary>
internal sealed class Sort(IReadOnlyList<SortOrder> order, LogicalPlan child) : LogicalPlan
{
    public IReadOnlyList<SortOrder> Order { get; } = order ?? throw new ArgumentNullException(nameof(order));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Sort(Order, children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override IReadOnlyList<Expression> Expressions => Order;

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var order = MapList(Order, map);
        return ReferenceEquals(order, Order) ? this : new Sort(order, Child);
    }

    public override string NodeString => $"Sort {List(Order)}, true";
}
