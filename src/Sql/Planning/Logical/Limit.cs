namespace Rdd.Sql.Planning.Logical;

/// <summary>The first <see cref="Count"/> rows of the child (in its order, if it has one).</summary>
internal sealed class Limit(int count, LogicalPlan child) : LogicalPlan
{
    public int Count { get; } = count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "The limit must not be negative.");

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Limit(Count, children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override string NodeString => $"Limit {Count}";
}
