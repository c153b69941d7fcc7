using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing.Ast;

/// <summary>The forms a query can take inside an expression.</summary>
internal enum SubqueryKind
{
    /// <summary><c>(SELECT max(x) FROM t)</c>: one value.</summary>
    Scalar,

    /// <summary><c>EXISTS (SELECT …)</c>.</summary>
    Exists,

    /// <summary><c>value IN (SELECT x FROM …)</c>.</summary>
    In,
}

/// <summary>
/// A query inside an expression, as parsed. It never reaches execution: the SQL planner rewrites it into joins
/// (semi/anti joins for EXISTS and IN, a join with a one-row or grouped plan for a scalar subquery), and anywhere it
/// cannot, analysis fails naming the subquery.
/// </summary>
internal sealed class SubqueryExpression(SubqueryKind kind, QuerySyntax query, Expression? value, TextPosition position) : Expression
{
    public SubqueryKind Kind { get; } = kind;

    public QuerySyntax Query { get; } = query;

    /// <summary>The tested value of an IN subquery; null for the other kinds.</summary>
    public Expression? Value { get; } = value;

    public TextPosition Position { get; } = position;

    public override IReadOnlyList<Expression> Children => Value is null ? [] : [Value];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        new SubqueryExpression(Kind, Query, children.Count > 0 ? children[0] : null, Position);

    public override bool Resolved => false;

    public override DataType DataType => throw Unresolved();

    protected internal override Expression ResolveNode(StructType input) =>
        throw new AnalysisException(
            $"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] The subquery `{this}` is not supported here: subqueries are supported as "
            + $"WHERE conjuncts (EXISTS, IN, scalar comparisons), in select lists and in HAVING (scalar); {Position}.");

    public override string ToString() => Kind switch
    {
        SubqueryKind.Scalar => "scalarsubquery()",
        SubqueryKind.Exists => "exists(subquery)",
        _ => $"{Value} IN (subquery)",
    };
}
