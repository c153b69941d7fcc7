using Apache.Arrow;

namespace Rdd.Sql.Expressions;

/// <summary>Names the result of its child (<c>expr AS name</c>); evaluation passes the child through.</summary>
internal sealed class Alias(Expression child, string name) : Expression
{
    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new Alias(children[0], Name);

    public override DataType DataType => Child.DataType;

    public override bool Nullable => Child.Nullable;

    public override bool IsAggregate => Child.IsAggregate;

    public override ArrowArray Evaluate(RecordBatch batch) => Child.Evaluate(batch);

    public override string ToString() => $"{Child} AS {Name}";
}
