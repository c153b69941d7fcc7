using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Parsing.Ast;

/// <summary>Something in a FROM clause that produces rows; the small closed family shares this file.</summary>
internal abstract record RelationSyntax(TextPosition Position);

/// <summary>A view or CTE by name, with an optional alias.</summary>
internal sealed record TableRelation(TextPosition Position, string Name, string? Alias) : RelationSyntax(Position);

/// <summary>A file queried in place: <c>csv.`path`</c>, <c>json.`path`</c>, <c>arrow.`path`</c>, <c>parquet.`path`</c>.</summary>
internal sealed record FileRelation(TextPosition Position, string Format, string Path, string? Alias) : RelationSyntax(Position);

/// <summary><c>(query) [AS] alias</c>.</summary>
internal sealed record SubqueryRelation(TextPosition Position, QuerySyntax Query, string? Alias) : RelationSyntax(Position);

/// <summary>
/// <c>left [NATURAL] type JOIN right [ON condition | USING (columns)]</c>; a comma join is a cross join.
/// </summary>
internal sealed record JoinRelation(
    TextPosition Position,
    RelationSyntax Left,
    RelationSyntax Right,
    JoinType JoinType,
    Expression? Condition,
    IReadOnlyList<string>? UsingColumns,
    bool Natural) : RelationSyntax(Position);
