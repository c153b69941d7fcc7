namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// All rows of every child, duplicates kept (Spark's <c>DataFrame.Union</c> = UNION ALL), matched by position.
/// The output takes the first child's names and ids; a column is nullable if it is in any child. The analyzer
/// checks the arity and widens types (adding casts below).
/// </summary>
internal sealed class Union(IReadOnlyList<LogicalPlan> children) : LogicalPlan
{
    public override IReadOnlyList<LogicalPlan> Children { get; } = children is { Count: >= 2 } ? children : throw new ArgumentException("A union needs at least two inputs.", nameof(children));

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Union(children);

    public override IReadOnlyList<AttributeReference> Output
    {
        get
        {
            var first = Children[0].Output;
            return [.. first.Select((a, i) => a.WithNullability(Children.Any(c => c.Output[i].Nullable)))];
        }
    }

    public override string NodeString => "Union";
}
