namespace Rdd.Sql.Planning.Logical;

/// <summary>The child's rows after the first <see cref="Count"/> (in its order, if it has one): SQL's OFFSET.</summary>
internal sealed class Offset(int count, LogicalPlan child) : LogicalPlan
{
    public int Count { get; } = count >= 0 ? count : throw new ArgumentOutOfRangeException(nameof(count), count, "The offset must not be negative.");

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Offset(Count, children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override string NodeString => $"Offset {Count}";
}
