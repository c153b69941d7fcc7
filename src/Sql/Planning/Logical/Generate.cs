using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Spark's <c>Generate</c> for <c>explode</c>: each input row once per item of the array <see cref="Generator"/>
/// evaluates to, with the item as the extra column <see cref="Item"/>; a NULL or empty array gives no row.
/// </summary>
internal sealed class Generate(Expression generator, AttributeReference item, LogicalPlan child) : LogicalPlan
{
    /// <summary>The array expression, over the child's output.</summary>
    public Expression Generator { get; } = generator ?? throw new ArgumentNullException(nameof(generator));

    /// <summary>The generated column.</summary>
    public AttributeReference Item { get; } = item ?? throw new ArgumentNullException(nameof(item));

    public LogicalPlan Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => new Generate(Generator, Item, children[0]);

    public override IReadOnlyList<AttributeReference> Output => [.. Child.Output, Item];

    public override IReadOnlyList<Expression> Expressions => [Generator];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var generator = map(Generator);
        return ReferenceEquals(generator, Generator) ? this : new Generate(generator, Item, Child);
    }

    public override string NodeString => $"Generate explode({Generator}), [{Item.Name}#{Item.ExprId}]";
}
