namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// One comparison query: <paramref name="Query"/> in Spark SQL for Rdd; <paramref name="DuckQuery"/> the DuckDB
/// text when DuckDB needs other words for Spark's semantics (<paramref name="Note"/> says which difference);
/// <paramref name="Ordered"/> overrides "compare in order when the query has ORDER BY".
/// </summary>
public sealed record SqlCase(string Query, string? DuckQuery = null, string? Note = null, bool? Ordered = null);
