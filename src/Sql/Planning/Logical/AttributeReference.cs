using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// A resolved column of a logical plan's output (Spark's <c>AttributeReference</c>): name, type, nullability,
/// the qualifier it can be referred to by (<c>t</c> in <c>t.a</c>) and a unique <see cref="ExprId"/>. Two
/// attributes are the same column exactly when their ids are equal; the physical planner binds them to
/// ordinals with <see cref="PlanExpressions.BindReferences"/>.
/// </summary>
internal sealed class AttributeReference(string name, DataType dataType, bool nullable, string? qualifier, ExprId exprId) : Expression
{
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    public string? Qualifier { get; } = qualifier;

    public ExprId ExprId { get; } = exprId;

    public override DataType DataType { get; } = dataType ?? throw new ArgumentNullException(nameof(dataType));

    public override bool Nullable { get; } = nullable;

    public override bool Resolved => true;

    public override IReadOnlyList<Expression> Children => [];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => this;

    /// <summary>A new column (fresh id) named <paramref name="name"/>.</summary>
    public static AttributeReference Create(string name, DataType dataType, bool nullable = true, string? qualifier = null) =>
        new(name, dataType, nullable, qualifier, ExprId.New());

    /// <summary>The same column seen through an alias (<c>SubqueryAlias</c>).</summary>
    public AttributeReference WithQualifier(string? qualifier) =>
        string.Equals(qualifier, Qualifier, StringComparison.Ordinal) ? this : new(Name, DataType, Nullable, qualifier, ExprId);

    /// <summary>The same column, nullable or not (the inner side of an outer join becomes nullable).</summary>
    public AttributeReference WithNullability(bool nullable) =>
        nullable == Nullable ? this : new(Name, DataType, nullable, Qualifier, ExprId);

    /// <summary>Whether <paramref name="other"/> is the same column (same id).</summary>
    public bool SameAs(AttributeReference other) => other.ExprId == ExprId;

    /// <summary>The qualified name for messages: <c>t.a</c> or <c>a</c>.</summary>
    public string QualifiedName => Qualifier is null ? Name : $"{Qualifier}.{Name}";

    /// <summary>The bare name, as Spark prints plans without ids (<c>Project [a, b]</c>).</summary>
    public override string ToString() => Name;
}
