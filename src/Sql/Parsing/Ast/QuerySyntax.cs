using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing.Ast;

/// <summary>
/// A query expression: <c>WITH</c> definitions, a body (a SELECT, a set operation or a parenthesized query),
/// then the <c>ORDER BY</c> and <c>LIMIT</c>/<c>OFFSET</c> that apply to the body's result. Expressions inside are
/// the engine's unresolved <see cref="Expression"/>s (Spark's parser, too, builds unresolved expressions).
/// </summary>
internal sealed record QuerySyntax(
    TextPosition Position,
    IReadOnlyList<CommonTableExpression> With,
    QueryBody Body,
    IReadOnlyList<SortOrder> OrderBy,
    int? Limit,
    int? Offset);

/// <summary><c>name [(c1, …)] AS (query)</c> in a <c>WITH</c> clause.</summary>
internal sealed record CommonTableExpression(TextPosition Position, string Name, IReadOnlyList<string>? ColumnNames, QuerySyntax Query);

/// <summary>The part of a query before ORDER BY: a SELECT block, a set operation, or a nested query.</summary>
internal abstract record QueryBody(TextPosition Position);

/// <summary>
/// <c>SELECT [DISTINCT] items [FROM relation] [WHERE …] [GROUP BY …] [HAVING …] [WINDOW name AS (…), …]</c>
/// (a named window is kept as a <see cref="WindowExpression"/> over a placeholder function). With ROLLUP, CUBE or
/// GROUPING SETS, <c>GroupingSets</c> lists the sets and <c>GroupBy</c> every expression they use. Select items may be
/// <see cref="Alias"/>es and stars (<see cref="ColumnReference"/> named <c>*</c>, optionally qualified).
/// </summary>
internal sealed record SelectBody(
    TextPosition Position,
    bool Distinct,
    IReadOnlyList<Expression> Items,
    RelationSyntax? From,
    Expression? Where,
    IReadOnlyList<Expression>? GroupBy,
    Expression? Having,
    IReadOnlyDictionary<string, WindowExpression>? Windows = null,
    IReadOnlyList<IReadOnlyList<Expression>>? GroupingSets = null) : QueryBody(Position);

/// <summary>The set operators; <c>MINUS</c> is Spark's other name for <c>EXCEPT</c>.</summary>
internal enum SetOperator
{
    Union,
    Intersect,
    Except,
}

/// <summary><c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c>.</summary>
internal sealed record SetOperationBody(TextPosition Position, SetOperator Operator, bool All, QueryBody Left, QueryBody Right) : QueryBody(Position);

/// <summary>A parenthesized query used as a body (its own ORDER BY/LIMIT apply inside).</summary>
internal sealed record NestedQueryBody(QuerySyntax Query) : QueryBody(Query.Position);
