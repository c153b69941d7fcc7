namespace Rdd.Sql.Planning.Logical;

/// <summary>Names the child (<c>df.Alias("t")</c>, <c>FROM x AS t</c>): its columns can be referred to as <c>t.col</c>.</summary>
internal sealed class SubqueryAlias(string alias, LogicalPlan child) : LogicalPlan
{
    public string Alias { get; } = alias ?? throw new ArgumentNullException(nameof(alias));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new SubqueryAlias(Alias, children[0]);

    /// <summary>The child's columns (same ids) qualified by <see cref="Alias"/>.</summary>
    public override IReadOnlyList<AttributeReference> Output => [.. Child.Output.Select(a => a.WithQualifier(Alias))];

    public override string NodeString => $"SubqueryAlias {Alias}";
}
