namespace Rdd.Sql.Tests.SqlText;

public static partial class SqlCases
{
    /// <summary>INTERSECT ALL / EXCEPT ALL as multisets (min(l, r) and max(l - r, 0) copies; NULL meets NULL).</summary>
    private static IEnumerable<SqlCase> SetOperationsAll()
    {
        yield return new("SELECT dept FROM emp INTERSECT ALL SELECT dept FROM dept", Note: "dept has eng twice and one NULL");
        yield return new("SELECT dept FROM emp EXCEPT ALL SELECT dept FROM dept");
        yield return new("SELECT dept FROM dept EXCEPT ALL SELECT dept FROM emp WHERE dept <> 'eng'");
        yield return new("SELECT a, b FROM nums INTERSECT ALL SELECT a, b FROM nums WHERE a > 0");
        yield return new("SELECT a, b FROM nums EXCEPT ALL SELECT a, b FROM nums WHERE a = 1 OR b IS NULL", Note: "(1, 1) twice on both sides: gone; (2, NULL) removed by (2, NULL)");
        yield return new("SELECT a, b FROM nums EXCEPT ALL (SELECT a, b FROM nums WHERE a = 5 LIMIT 1)", Note: "one of the two (5, 0) rows stays");
        yield return new("SELECT a FROM nums EXCEPT ALL SELECT id FROM empty_t");
        yield return new("SELECT a FROM nums INTERSECT ALL SELECT id FROM empty_t");
        yield return new("SELECT id FROM empty_t EXCEPT ALL SELECT a FROM nums");
        yield return new("SELECT qty FROM orders EXCEPT ALL SELECT qty FROM orders WHERE status = 'open'");
        yield return new("SELECT qty, status FROM orders INTERSECT ALL SELECT qty, status FROM orders WHERE emp_id IS NULL OR status IS NULL");
        yield return new("SELECT a FROM nums UNION ALL SELECT a FROM nums EXCEPT ALL SELECT a FROM nums WHERE a > 2", Note: "left to right: (UNION ALL) EXCEPT ALL");
        yield return new("SELECT a FROM nums INTERSECT ALL SELECT b FROM nums UNION ALL SELECT 100", Note: "INTERSECT binds tighter");
        yield return new("SELECT dept, count(*) FROM (SELECT dept FROM emp INTERSECT ALL SELECT dept FROM emp WHERE salary > 40000) t GROUP BY dept");
        yield return new("SELECT a FROM nums INTERSECT ALL SELECT c FROM nums", Note: "int and double widen to double: 0, 5, 5 (10.0 is no a)");
        yield return new("SELECT b FROM nums MINUS ALL SELECT a FROM nums", "SELECT b FROM nums EXCEPT ALL SELECT a FROM nums", "Spark's MINUS is EXCEPT");
        yield return new("SELECT a FROM nums INTERSECT DISTINCT SELECT b FROM nums", "SELECT a FROM nums INTERSECT SELECT b FROM nums", "DISTINCT is the default");
    }

    /// <summary>NULL literals and NULL-typed columns, where Spark allows them.</summary>
    private static IEnumerable<SqlCase> NullLiterals()
    {
        yield return new("SELECT NULL");
        yield return new("SELECT NULL AS x, id FROM emp WHERE id < 4");
        yield return new("SELECT NULL FROM empty_t");
        yield return new("SELECT NULL UNION ALL SELECT 1", Note: "NULL widens to the other side's type");
        yield return new("SELECT a, NULL FROM nums UNION SELECT 1, 'x'");
        yield return new("SELECT coalesce(NULL, a), NULL IS NULL, NULL + 1, a + NULL FROM nums");
        yield return new("SELECT a, CASE WHEN a > 0 THEN NULL ELSE a END, CASE WHEN a > 0 THEN a END FROM nums");
        yield return new("SELECT x, count(*) FROM (SELECT NULL AS x FROM nums) t GROUP BY x");
        yield return new("SELECT DISTINCT NULL, a FROM nums");
        yield return new("SELECT a FROM nums WHERE b = NULL OR NULL", "SELECT a FROM nums WHERE b = NULL OR NULL::BOOLEAN", "nothing: NULL is not true");
        yield return new("SELECT a, NULL AS n FROM nums ORDER BY n, a");
        yield return new("SELECT id FROM emp WHERE dept IN ('hr', NULL)", Note: "a NULL in the list never matches");
    }

    /// <summary><c>arr[i]</c>: 0-based in Spark SQL (DuckDB's lists are 1-based); NULL outside the array or for a NULL index.</summary>
    private static IEnumerable<SqlCase> ArraySubscripts()
    {
        yield return new("SELECT id, split(name, 'a')[0], split(name, 'a')[1], split(name, 'a')[5] FROM emp",
            "SELECT id, string_split(name, 'a')[1], string_split(name, 'a')[2], string_split(name, 'a')[6] FROM emp", "Spark's subscript is 0-based, DuckDB's 1-based");
        yield return new("SELECT id, split(dept, 'e')[id % 3] FROM emp", "SELECT id, string_split(dept, 'e')[id % 3 + 1] FROM emp", "Spark's subscript is 0-based, DuckDB's 1-based");
        yield return new("SELECT id, split(name, 'a')[mgr - mgr], split(name, 'a')[-1] FROM emp",
            "SELECT id, string_split(name, 'a')[mgr - mgr + 1], CAST(NULL AS VARCHAR) FROM emp", "a NULL index or one before the start is NULL in Spark (DuckDB's -1 is the last)");
        yield return new("SELECT id FROM emp WHERE split(name, 'a')[0] = 'c' OR split(name, 'a')[1] LIKE 'v%'",
            "SELECT id FROM emp WHERE string_split(name, 'a')[1] = 'c' OR string_split(name, 'a')[2] LIKE 'v%'", "Spark's subscript is 0-based, DuckDB's 1-based");
        yield return new("SELECT upper(split(v, ',')[0]) FROM empty_t", "SELECT upper(string_split(v, ',')[1]) FROM empty_t", "Spark's subscript is 0-based, DuckDB's 1-based");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept HAVING max(split(name, 'a')[0]) > 'd'",
            "SELECT dept, count(*) FROM emp GROUP BY dept HAVING max(string_split(name, 'a')[1]) > 'd'", "Spark's subscript is 0-based, DuckDB's 1-based");
        yield return new("SELECT id, split(name, 'a')[1 + 1]::string FROM emp", "SELECT id, string_split(name, 'a')[3] FROM emp", "Spark's subscript is 0-based, DuckDB's 1-based");
    }
}
