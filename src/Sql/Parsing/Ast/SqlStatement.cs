namespace Rdd.Sql.Parsing.Ast;

/// <summary>One SQL statement as parsed, before any name is looked up; the small closed family shares this file.</summary>
internal abstract record SqlStatement(TextPosition Position);

/// <summary>A query: <c>[WITH …] SELECT … | (…) UNION …</c>.</summary>
internal sealed record QueryStatement(QuerySyntax Query) : SqlStatement(Query.Position);

/// <summary><c>CREATE [OR REPLACE] [GLOBAL] TEMP[ORARY] VIEW name [(c1, c2)] AS query</c>.</summary>
internal sealed record CreateViewStatement(TextPosition Position, string Name, bool OrReplace, IReadOnlyList<string>? ColumnNames, QuerySyntax Query)
    : SqlStatement(Position);

/// <summary><c>DROP VIEW [IF EXISTS] name</c>.</summary>
internal sealed record DropViewStatement(TextPosition Position, string Name, bool IfExists) : SqlStatement(Position);

/// <summary><c>SHOW TABLES [LIKE 'pattern']</c> (Spark's pattern: <c>*</c> any text, <c>|</c> alternatives).</summary>
internal sealed record ShowTablesStatement(TextPosition Position, string? Pattern) : SqlStatement(Position);

/// <summary><c>DESCRIBE [TABLE] name</c> or <c>DESCRIBE QUERY query</c>.</summary>
internal sealed record DescribeStatement(TextPosition Position, RelationSyntax Target) : SqlStatement(Position);

/// <summary><c>EXPLAIN [EXTENDED] statement</c>.</summary>
internal sealed record ExplainStatement(TextPosition Position, bool Extended, SqlStatement Statement) : SqlStatement(Position);

/// <summary><c>CACHE [LAZY] TABLE name [AS query]</c>.</summary>
internal sealed record CacheTableStatement(TextPosition Position, string Name, bool Lazy, QuerySyntax? Query) : SqlStatement(Position);

/// <summary><c>UNCACHE TABLE [IF EXISTS] name</c>.</summary>
internal sealed record UncacheTableStatement(TextPosition Position, string Name, bool IfExists) : SqlStatement(Position);
