namespace Rdd.Sql.Expressions;

/// <summary>
/// A sort key for ORDER BY: the child, the direction and where NULLs go. Spark's defaults: ASC NULLS FIRST,
/// DESC NULLS LAST. The sort operator reads it; it has no value of its own.
/// </summary>
internal sealed class SortOrder : Expression
{
    public SortOrder(Expression child, bool ascending = true, bool? nullsFirst = null)
    {
        Child = child ?? throw new ArgumentNullException(nameof(child));
        Ascending = ascending;
        NullsFirst = nullsFirst ?? ascending;
    }

    public Expression Child { get; }

    public bool Ascending { get; }

    public bool NullsFirst { get; }

    public override IReadOnlyList<Expression> Children => [Child];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new SortOrder(children[0], Ascending, NullsFirst);

    public override DataType DataType => Child.DataType;

    public override bool Nullable => Child.Nullable;

    public override string ToString() => $"{Child} {(Ascending ? "ASC" : "DESC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
