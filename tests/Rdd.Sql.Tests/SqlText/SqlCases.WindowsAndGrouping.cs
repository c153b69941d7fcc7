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

/// <summary>Window functions over a grouped query: the windows run over the aggregate's rows.</summary>
public static partial class SqlCases
{
    private static IEnumerable<SqlCase> WindowsOverAggregates()
    {
        yield return new("SELECT day, sum(qty), sum(sum(qty)) OVER (ORDER BY day) FROM orders GROUP BY day",
            Note: "a running total of the daily sums (the default RANGE frame: days are unique after grouping)");
        yield return new("SELECT dept, count(*) AS n, rank() OVER (ORDER BY count(*) DESC) FROM emp GROUP BY dept");
        yield return new("SELECT status, sum(amount) / sum(sum(amount)) OVER () AS share FROM orders GROUP BY status",
            Note: "each group's share of the total");
        yield return new("SELECT dept, year(hired) AS y, avg(salary), max(avg(salary)) OVER (PARTITION BY dept) FROM emp GROUP BY dept, year(hired)");
        yield return new("SELECT emp_id, count(*) AS n, lag(count(*)) OVER (ORDER BY emp_id) FROM orders GROUP BY emp_id HAVING count(*) > 1 ORDER BY emp_id",
            Note: "HAVING filters the groups before the window sees them");
        yield return new("SELECT dept, sum(salary) AS total, row_number() OVER (ORDER BY sum(salary) DESC, dept) AS r FROM emp GROUP BY dept ORDER BY r");
        yield return new("SELECT sum(qty), sum(sum(qty)) OVER () FROM orders", Note: "a global aggregate is one row");
        yield return new("SELECT count(id), max(v), count(*) OVER () FROM empty_t", Note: "a global aggregate is one row over an empty input too");
        yield return new("SELECT DISTINCT status, count(*) OVER () FROM orders GROUP BY status, emp_id");
        yield return new("SELECT dept, sum(salary), sum(sum(salary)) OVER () FROM emp GROUP BY ROLLUP(dept)",
            Note: "under ROLLUP the window sees every set's rows, the grand total's too");
        yield return new("SELECT dept, count(*) AS n, rank() OVER (PARTITION BY grouping(dept) ORDER BY count(*) DESC) FROM emp GROUP BY ROLLUP(dept)");
        yield return new("SELECT status, year(day) AS y, count(*), sum(count(*)) OVER (PARTITION BY grouping_id() ORDER BY status NULLS LAST, year(day) NULLS LAST) FROM orders GROUP BY CUBE(status, year(day))",
            "SELECT status, year(day) AS y, count(*), sum(count(*)) OVER (PARTITION BY grouping(status, year(day)) ORDER BY status NULLS LAST, year(day) NULLS LAST) FROM orders GROUP BY CUBE(status, year(day))",
            "a running count per grouping set; DuckDB's grouping(a, b) is grouping_id(a, b)");
        yield return new("SELECT emp_id, status, sum(qty) AS q, rank() OVER (PARTITION BY emp_id ORDER BY sum(qty) DESC NULLS LAST, status NULLS LAST) FROM orders GROUP BY GROUPING SETS ((emp_id, status), (emp_id)) HAVING count(*) > 1");
    }
}
