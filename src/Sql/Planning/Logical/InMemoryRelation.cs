namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// A cached frame's plan (Spark's InMemoryRelation): a leaf with the cached query's own output attributes, so frames
/// built on the cached one keep resolving against them, whose rows come from <see cref="Data"/> once a query has
/// computed it. The optimizer does not look inside: the cached query is planned and optimized on its own, once.
/// </summary>
internal sealed class InMemoryRelation(LogicalPlan cachedPlan, CachedBatches data) : LogicalPlan
{
    /// <summary>The analyzed plan whose rows are cached.</summary>
    public LogicalPlan CachedPlan { get; } = cachedPlan ?? throw new ArgumentNullException(nameof(cachedPlan));

    /// <summary>The cached rows.</summary>
    public CachedBatches Data { get; } = data ?? throw new ArgumentNullException(nameof(data));

    public override IReadOnlyList<AttributeReference> Output => CachedPlan.Output;

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;

    public override string NodeString => $"InMemoryRelation {List(Output)}{(Data.IsMaterialized ? "" : " (not computed yet)")}";
}
