namespace Rdd.Sql.Tests.SqlText;

public static partial class SqlCases
{
    /// <summary>
    /// Decimal literals: <c>1.5</c> is decimal(2,1) in Spark and DuckDB alike (exact sums, trailing zeros kept as
    /// text); with an integer column the arithmetic is decimal, with a double column double.
    /// </summary>
    private static IEnumerable<SqlCase> DecimalLiterals()
    {
        yield return new("SELECT 0.1 + 0.2 = 0.3, 0.06 + 0.01 = 0.07, 0.1 * 3 = 0.3", Note: "exact: doubles would give false");
        yield return new("SELECT CAST(1.50 AS STRING), CAST(-0.05 AS STRING), CAST(100.0 AS STRING)", "SELECT CAST(1.50 AS VARCHAR), CAST(-0.05 AS VARCHAR), CAST(100.0 AS VARCHAR)",
            "a decimal keeps its scale as text (a double would print 1.5)");
        yield return new("SELECT CAST(1.5BD AS STRING), 2.25BD * 2", "SELECT CAST(1.5 AS VARCHAR), 2.25 * 2", "Spark's BD suffix");
        yield return new("SELECT 1.5D + 1, 1.5e0 * 2, 2.5E-1 + 0.5", "SELECT 1.5::DOUBLE + 1, 1.5e0 * 2, 2.5E-1 + 0.5", "Spark's D suffix and exponent are doubles");
        yield return new("SELECT a, a * 1.5, a + 0.25, b - 2.5, b * 0.1 = 0.1 * b FROM nums", Note: "integer columns meet a decimal literal as decimal");
        yield return new("SELECT a, c * 1.5, c + 0.1, c - 0.25 FROM nums", Note: "a double column meets a decimal literal as double");
        yield return new("SELECT oid FROM orders WHERE amount BETWEEN 100.25 AND 200.75");
        yield return new("SELECT oid FROM orders WHERE amount > 500.50 AND qty <= 3.5");
        yield return new("SELECT id FROM emp WHERE salary > 45000.5 OR bonus < -10.25");
        yield return new("SELECT id, salary * 1.1, bonus * 1.1 FROM emp WHERE salary IS NULL OR bonus IS NULL OR id < 20");
        yield return new("SELECT sum(a * 0.5), avg(b + 0.25), max(c * 2.0), min(a - 0.125) FROM nums");
        yield return new("SELECT dept, sum(salary * 0.01), avg(bonus * 1.0) FROM emp GROUP BY dept");
        yield return new("SELECT sum(id * 1.5), avg(id + 0.5), max(id * 0.1) FROM empty_t", Note: "no rows: NULLs");
        yield return new("SELECT 10 / 4.0, 1.0 / 3, 7.5 % 2, -7.5 % 2");
        yield return new("SELECT a, CASE WHEN a > 2 THEN 1.5 ELSE a END, coalesce(b, 0.5) FROM nums");
        yield return new("SELECT a FROM nums WHERE a IN (1.0, 5.0, 2.5)");
        yield return new("SELECT a FROM nums WHERE c IN (1.5, 10.0)");
        yield return new("SELECT round(2.345, 2), round(-2.345, 1), round(a * 1.25, 1) FROM nums", Note: "HALF_UP on the decimal");
        yield return new("SELECT l, l * 2.5 FROM (SELECT 1.25 AS l UNION ALL SELECT 3.5 UNION ALL SELECT NULL)", Note: "union of decimal(3,2), decimal(2,1) and NULL widens to decimal(3,2)");
    }
}

public static partial class SqlCases
{
    /// <summary>CASE branches and IN lists that constant folding simplifies give the same answers.</summary>
    private static IEnumerable<SqlCase> FoldedCaseAndIn()
    {
        yield return new("SELECT a, CASE WHEN 1 > 2 THEN a WHEN 2 > 1 THEN b ELSE 0 END FROM nums");
        yield return new("SELECT a, CASE WHEN NULL THEN 1 WHEN a > 2 THEN 2 END, CASE WHEN 1 = 0 THEN 'x' END FROM nums", Note: "a NULL condition never runs its branch");
        yield return new("SELECT a, CASE WHEN false THEN 1 ELSE c END, CASE WHEN true THEN a ELSE c END FROM nums", Note: "the CASE stays double");
        yield return new("SELECT a, b FROM nums WHERE b IN (1, 1, 1)");
        yield return new("SELECT a, b FROM nums WHERE b IN (NULL, NULL) OR a IN (5, 5)");
        yield return new("SELECT a, b FROM nums WHERE b NOT IN (0, 0)");
        yield return new("SELECT id FROM emp WHERE dept IN ('eng', 'hr', 'eng') AND CASE WHEN 2 < 1 THEN false ELSE salary > 50000 END");
    }
}

public static partial class SqlCases
{
    /// <summary>substring with a column position or length (Spark takes any int expression there).</summary>
    private static IEnumerable<SqlCase> SubstringOfColumns()
    {
        yield return new("SELECT id, substring(name, id % 4 + 1, 3), substring(name, 2, id % 5), substring(name, id % 3 + 1) FROM emp");
        yield return new("SELECT id, substring(name, mgr % 3 + 1, 2), substr(name, 1, mgr % 4) FROM emp", Note: "a NULL position or length is NULL");
        yield return new("SELECT oid, substring(status, qty % 3 + 1, qty) FROM orders");
        yield return new("SELECT id, substring(name, -(id % 3) - 1, 2) FROM emp", Note: "a negative position counts from the end");
        yield return new("SELECT substring(v, id, 2) FROM empty_t");
    }
}
