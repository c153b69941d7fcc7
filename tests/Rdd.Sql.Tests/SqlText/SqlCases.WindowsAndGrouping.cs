namespace Rdd.Sql.Tests.SqlText;

/// <summary>The distribution and value window functions, and last as an aggregate over a window.</summary>
public static partial class SqlCases
{
    private static IEnumerable<SqlCase> MoreWindowFunctions()
    {
        yield return new("SELECT id, percent_rank() OVER (PARTITION BY dept ORDER BY salary), cume_dist() OVER (PARTITION BY dept ORDER BY salary) FROM emp",
            Note: "peers (equal salaries, NULLs first) share a value; a one-row partition has percent_rank 0");
        yield return new("SELECT oid, percent_rank() OVER (ORDER BY amount DESC), cume_dist() OVER (ORDER BY day, qty) FROM orders");
        yield return new("SELECT id, ntile(4) OVER (PARTITION BY dept ORDER BY id), ntile(1) OVER (ORDER BY id), ntile(300) OVER (ORDER BY id) FROM emp",
            Note: "the first rows mod n buckets are one row larger; more buckets than rows gives one row each");
        yield return new("SELECT a, b, ntile(3) OVER (ORDER BY a, b, c), cume_dist() OVER (PARTITION BY a ORDER BY b) FROM nums");
        yield return new("SELECT id, first_value(salary) OVER (PARTITION BY dept ORDER BY id), last_value(salary) OVER (PARTITION BY dept ORDER BY id), last(name) OVER (PARTITION BY dept ORDER BY hired, id) FROM emp",
            "SELECT id, first_value(salary) OVER (PARTITION BY dept ORDER BY id), last_value(salary) OVER (PARTITION BY dept ORDER BY id), last_value(name) OVER (PARTITION BY dept ORDER BY hired, id) FROM emp",
            "the default frame ends at the current row, so last_value is the current row's value (NULLs included)");
        yield return new("SELECT oid, last_value(amount) OVER (PARTITION BY status ORDER BY day, oid), first_value(qty) OVER (PARTITION BY status ORDER BY day DESC, oid) FROM orders");
        yield return new("SELECT oid, last(qty) OVER (PARTITION BY emp_id ORDER BY oid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), first(qty) OVER (PARTITION BY emp_id ORDER BY oid ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM orders",
            "SELECT oid, last_value(qty) OVER (PARTITION BY emp_id ORDER BY oid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), first_value(qty) OVER (PARTITION BY emp_id ORDER BY oid ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM orders");
        yield return new("SELECT id, nth_value(name, 2) OVER (PARTITION BY dept ORDER BY id), nth_value(salary, 3) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(id, 1) OVER (PARTITION BY dept) FROM emp",
            Note: "NULL until the frame reaches the n-th row");
        yield return new("SELECT oid, nth_value(amount, 2) OVER (ORDER BY oid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders");
    }

    private static IEnumerable<SqlCase> GroupingFunctions()
    {
        yield return new("SELECT dept, grouping(dept), count(*) FROM emp GROUP BY ROLLUP(dept)", Note: "grouping tells the total row (1) from the NULL dept's group (0)");
        yield return new("SELECT status, year(day) AS y, grouping(status), grouping(year(day)), grouping_id(), grouping_id(year(day), status), count(*) FROM orders GROUP BY CUBE(status, year(day))",
            "SELECT status, year(day) AS y, grouping(status), grouping(year(day)), grouping(status, year(day)), grouping(year(day), status), count(*) FROM orders GROUP BY CUBE(status, year(day))",
            "grouping_id() is every GROUP BY expression; DuckDB's grouping(a, b) is grouping_id(a, b)");
        yield return new("SELECT dept, mgr IS NULL, grouping_id(dept, mgr IS NULL), sum(salary) FROM emp GROUP BY GROUPING SETS ((dept, mgr IS NULL), (dept), ())",
            "SELECT dept, mgr IS NULL, grouping(dept, mgr IS NULL), sum(salary) FROM emp GROUP BY GROUPING SETS ((dept, mgr IS NULL), (dept), ())");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY ROLLUP(dept) ORDER BY grouping(dept), dept", Note: "grouping() in ORDER BY only");
        yield return new("SELECT status, sum(qty) FROM orders GROUP BY ROLLUP(status) HAVING grouping(status) = 0 AND sum(qty) > 100");
    }
}
