namespace Rdd.Sql.Tests.SqlText;

public static partial class SqlCases
{
    /// <summary>
    /// Correlated EXISTS / IN whose correlation has an equality and other predicates (TPC-H Q21's
    /// <c>l2.l_suppkey &lt;&gt; l1.l_suppkey</c>): a semi / anti join on the equality with the rest as its residual.
    /// </summary>
    private static IEnumerable<SqlCase> CorrelatedNonEquality()
    {
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM emp m WHERE m.dept = e.dept AND m.id <> e.id)");
        yield return new("SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM emp m WHERE m.dept = e.dept AND m.id <> e.id)",
            Note: "NULL dept matches nothing: kept by NOT EXISTS");
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT * FROM emp m WHERE m.dept = e.dept AND m.salary > e.salary)");
        yield return new("SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT * FROM emp m WHERE m.dept = e.dept AND m.salary > e.salary)",
            Note: "a NULL salary makes the residual NULL: no match, so the row is kept");
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id AND o.amount > e.bonus AND o.qty > 3)");
        yield return new("SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id AND o.amount * 0.01 > e.bonus)");
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id AND e.salary > 50000)",
            Note: "a predicate on the outer row only is part of the join condition");
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM empty_t t WHERE t.id = e.id AND t.v <> e.name)");
        yield return new("SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM empty_t t WHERE t.id = e.id AND t.v <> e.name)");
        yield return new("SELECT n.a, n.b FROM nums n WHERE EXISTS (SELECT 1 FROM nums n2 WHERE n2.a = n.a AND n2.b <> n.b)");
        yield return new("SELECT n.a, n.b FROM nums n WHERE NOT EXISTS (SELECT 1 FROM nums n2 WHERE n2.a = n.a AND n2.c > n.c)");
        yield return new("SELECT e.id FROM emp e WHERE e.mgr IN (SELECT m.id FROM emp m WHERE m.dept = e.dept AND m.hired < e.hired)");
        yield return new("SELECT s.dept, count(*) FROM emp s WHERE s.salary IS NOT NULL AND EXISTS (SELECT 1 FROM emp l2 WHERE l2.dept = s.dept AND l2.id <> s.id) "
            + "AND NOT EXISTS (SELECT 1 FROM emp l3 WHERE l3.dept = s.dept AND l3.id <> s.id AND l3.salary > s.salary) GROUP BY s.dept",
            Note: "TPC-H Q21's shape");
    }
}

public static partial class SqlCases
{
    /// <summary>Scalar subqueries that are not aggregates: one row gives its value, none NULL (more fail: <see cref="SqlErrorTests"/>).</summary>
    private static IEnumerable<SqlCase> SingleRowSubqueries()
    {
        yield return new("SELECT id, (SELECT a FROM nums WHERE a = 6) FROM emp WHERE id < 5");
        yield return new("SELECT id, (SELECT a FROM nums WHERE a = 100) FROM emp WHERE id < 5", Note: "no row: NULL");
        yield return new("SELECT (SELECT id FROM empty_t), (SELECT b FROM nums WHERE a = 0)", Note: "no row, and one row holding NULL");
        yield return new("SELECT id FROM emp WHERE salary > (SELECT salary FROM emp WHERE id = 7)");
        yield return new("SELECT d.dept, (SELECT e.name FROM emp e WHERE e.id = d.floor) FROM dept d");
        yield return new("SELECT e.id, (SELECT m.name FROM emp m WHERE m.id = e.mgr) AS boss FROM emp e", Note: "a NULL mgr matches nothing: NULL");
        yield return new("SELECT e.id FROM emp e WHERE e.salary < (SELECT m.salary FROM emp m WHERE m.id = e.mgr)");
        yield return new("SELECT e.id, (SELECT t.v FROM empty_t t WHERE t.id = e.id) FROM emp e WHERE e.id < 5");
    }
}

public static partial class SqlCases
{
    /// <summary>Correlated NOT IN: a null-aware anti join (a NULL value or a NULL among the correlated rows makes it not true).</summary>
    private static IEnumerable<SqlCase> CorrelatedNotIn()
    {
        yield return new("SELECT e.id FROM emp e WHERE e.id NOT IN (SELECT m.mgr FROM emp m WHERE m.dept = e.dept)", Note: "a dept with a NULL mgr keeps none of its rows");
        yield return new("SELECT e.id FROM emp e WHERE e.mgr NOT IN (SELECT m.id FROM emp m WHERE m.dept = e.dept)", Note: "a NULL mgr stays only where its dept has no other rows");
        yield return new("SELECT o.oid FROM orders o WHERE o.qty NOT IN (SELECT n.b FROM nums n WHERE n.a = o.qty - 1)");
        yield return new("SELECT a, b FROM nums n WHERE b NOT IN (SELECT m.a FROM nums m WHERE m.c = n.c)", Note: "a NULL c correlates with nothing: NOT IN an empty set is true");
        yield return new("SELECT e.id FROM emp e WHERE e.id NOT IN (SELECT t.id FROM empty_t t WHERE t.v = e.name)");
        yield return new("SELECT e.id FROM emp e WHERE e.mgr NOT IN (SELECT m.id FROM emp m WHERE m.dept = e.dept AND m.salary > e.salary)");
        yield return new("SELECT dept, count(*) FROM emp e WHERE salary NOT IN (SELECT o.qty * 5000 FROM orders o WHERE o.emp_id = e.id) GROUP BY dept");
    }
}

public static partial class SqlCases
{
    /// <summary>EXISTS / IN subqueries under OR in WHERE (Spark's existence join): a flag from a left join with the distinct keys.</summary>
    private static IEnumerable<SqlCase> SubqueriesUnderOr()
    {
        yield return new("SELECT id FROM emp WHERE salary > 55000 OR dept IN (SELECT dept FROM dept WHERE floor = 2)");
        yield return new("SELECT id FROM emp WHERE salary > 55000 OR EXISTS (SELECT 1 FROM dept WHERE floor > 4)", Note: "uncorrelated and true: every row");
        yield return new("SELECT id FROM emp WHERE salary > 55000 OR EXISTS (SELECT 1 FROM empty_t)");
        yield return new("SELECT e.id FROM emp e WHERE e.salary > 55000 OR EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id AND o.amount > 900)");
        yield return new("SELECT e.id FROM emp e WHERE e.dept IS NULL OR NOT EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id)");
        yield return new("SELECT d.dept, d.floor FROM dept d WHERE d.floor > 3 OR d.dept IN (SELECT e.dept FROM emp e WHERE e.salary > 58000)", Note: "dept has eng twice: each kept once");
        yield return new("SELECT a, b FROM nums WHERE a < 0 OR b IN (SELECT b FROM nums WHERE a > 2 OR b IS NULL)", Note: "a NULL among the values: no match is not true");
        yield return new("SELECT o.oid FROM orders o WHERE o.qty > 8 OR o.qty IN (SELECT n.a FROM nums n WHERE n.b = o.qty)");
        yield return new("SELECT id FROM emp e WHERE (salary > 50000 AND EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id)) OR (dept = 'hr' AND mgr IN (SELECT id FROM emp WHERE salary < 40000))");
        yield return new("SELECT id FROM empty_t WHERE id > 0 OR EXISTS (SELECT 1 FROM nums)");
        yield return new("SELECT dept, count(*) FROM emp e WHERE NOT (EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id) OR bonus > 100) GROUP BY dept");
    }
}
