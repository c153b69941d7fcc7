namespace Rdd.Sql.Tests.SqlText;

/// <summary>Percentiles and collecting aggregates.</summary>
public static partial class SqlCases
{
    private static IEnumerable<SqlCase> MoreAggregates()
    {
        yield return new("SELECT dept, percentile(salary, 0.25), percentile(bonus, 0.9), percentile(salary, 0), percentile(salary, 1), median(bonus) FROM emp GROUP BY dept",
            "SELECT dept, quantile_cont(salary, 0.25), quantile_cont(bonus, 0.9), min(salary), max(salary), median(bonus) FROM emp GROUP BY dept", "Spark's percentile interpolates as DuckDB's quantile_cont");
        yield return new("SELECT percentile(a, 0.5), percentile(c, 0.75), percentile(b, 0.3) FROM nums", "SELECT quantile_cont(a, 0.5), quantile_cont(c, 0.75), quantile_cont(b, 0.3) FROM nums");
        yield return new("SELECT status, percentile_approx(amount, 0.5), approx_percentile(qty, 0.95, 100), percentile_approx(amount, 0.1), percentile_approx(day_n, 1.0) FROM (SELECT status, amount, qty, datediff(day, DATE '2024-01-01') AS day_n FROM orders) t GROUP BY status",
            "WITH r AS (SELECT status, amount, qty, datediff('day', DATE '2024-01-01', day) AS day_n, row_number() OVER (PARTITION BY status ORDER BY amount) AS ra, row_number() OVER (PARTITION BY status ORDER BY qty) AS rq, count(*) OVER (PARTITION BY status) AS n FROM orders) "
            + "SELECT status, max(CASE WHEN ra = greatest(1, ceil(0.5 * n)) THEN amount END), max(CASE WHEN rq = greatest(1, ceil(0.95 * n)) THEN qty END), max(CASE WHEN ra = greatest(1, ceil(0.1 * n)) THEN amount END), max(day_n) FROM r GROUP BY status",
            "percentile_approx is computed exactly: the value of rank ceil(p * n), which Spark's sketch returns when its error bound is not reached");
        yield return new("SELECT dept, size(collect_list(name)), size(collect_set(name)), size(collect_list(bonus)), size(array_agg(dept)) FROM emp GROUP BY dept",
            "SELECT dept, count(name), count(DISTINCT name), count(bonus), count(dept) FROM emp GROUP BY dept", "NULLs are not collected");
        yield return new("SELECT dept, explode(names) FROM (SELECT dept, collect_set(name) AS names FROM emp GROUP BY dept) t",
            "SELECT DISTINCT dept, name FROM emp WHERE name IS NOT NULL");
        yield return new("SELECT status, explode(qs) FROM (SELECT status, collect_list(qty) AS qs FROM orders WHERE emp_id < 20 GROUP BY status) t",
            "SELECT status, qty FROM orders WHERE emp_id < 20");
        yield return new("SELECT size(collect_list(v)), size(collect_set(id)) FROM empty_t", "SELECT 0, 0", "no rows collect an empty array, not NULL");
        yield return new("SELECT a, size(collect_set(c)), element_at(collect_list(b), 1) FROM nums WHERE a <> 5 AND a <> 1 GROUP BY a",
            "SELECT a, count(DISTINCT c), first(b) FILTER (WHERE b IS NOT NULL) FROM nums WHERE a <> 5 AND a <> 1 GROUP BY a", "one row per group here, so the list's order is fixed");
    }
}
