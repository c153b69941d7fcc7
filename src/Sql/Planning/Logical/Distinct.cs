namespace Rdd.Sql.Planning.Logical;

/// <summary>The distinct rows of the child (every column compared, NULLs equal).</summary>
internal sealed class Distinct(LogicalPlan child) : LogicalPlan
{
    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Distinct(children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override string NodeString => "Distinct";
}
