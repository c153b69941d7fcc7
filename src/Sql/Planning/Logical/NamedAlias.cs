using Apache.Arrow;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// <c>expr AS name</c> inside a resolved plan: an <see cref="Alias"/> that also carries the
/// <see cref="ExprId"/> of the column it produces, so the column keeps its identity when the optimizer rewrites
/// the child (the analyzer turns every <see cref="Alias"/> into one).
/// </summary>
internal sealed class NamedAlias(Expression child, string name, ExprId exprId) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public ExprId ExprId { get; } = exprId;

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        ReferenceEquals(children[0], Child) ? this : new NamedAlias(children[0], Name, ExprId);

    public override DataType DataType => Child.DataType;

    public override bool Nullable => Child.Nullable;

    public override bool IsAggregate => Child.IsAggregate;

    public override ArrowArray Evaluate(RecordBatch batch) => Child.Evaluate(batch);

    /// <summary>The column this alias produces.</summary>
    public AttributeReference ToAttribute() => new(Name, Child.DataType, Child.Nullable, null, ExprId);

    public override string ToString() => $"{Child} AS {Name}";
}
