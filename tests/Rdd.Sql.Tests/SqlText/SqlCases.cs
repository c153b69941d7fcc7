namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// The queries Rdd and DuckDB must agree on, grouped by feature. Where Spark's semantics differ from DuckDB's the
/// case carries DuckDB's spelling of Spark's meaning and a note; the NULL ordering default is aligned once in
/// <see cref="SqlTestTables"/> (DuckDB set to Spark's NULLS FIRST for ASC, NULLS LAST for DESC).
/// </summary>
public static partial class SqlCases
{
    private const string UsingOrder = "Spark's SELECT * of a USING/NATURAL join lists the keys first; DuckDB keeps the left's column order";
    private const string SemiAnti = "Spark's LEFT SEMI/ANTI JOIN is DuckDB's [NOT] EXISTS";

    public static IReadOnlyList<SqlCase> All { get; } =
    [
        .. Projection(),
        .. Predicates(),
        .. Expressions(),
        .. Aggregates(),
        .. Joins(),
        .. Ordering(),
        .. SetOperations(),
        .. CommonTableExpressions(),
        .. EmptyAndEdgeCases(),
        .. Subqueries(),
        .. CorrelatedNonEquality(),
        .. SingleRowSubqueries(),
        .. CorrelatedNotIn(),
        .. SubqueriesUnderOr(),
        .. DecimalLiterals(),
        .. FoldedCaseAndIn(),
        .. SubstringOfColumns(),
        .. SetOperationsAll(),
        .. NullLiterals(),
        .. ArraySubscripts(),
        .. Windows(),
        .. AggregateFilters(),
        .. GroupingSets(),
        .. MoreFunctions(),
        .. DateTimeFunctions(),
        .. StringFunctions(),
        .. StringFunctionsWithColumnArguments(),
        .. MoreWindowFunctions(),
        .. GroupingFunctions(),
        .. WindowsOverAggregates(),
        .. MoreAggregates(),
    ];

    private static IEnumerable<SqlCase> Projection()
    {
        yield return new("SELECT * FROM emp");
        yield return new("SELECT * FROM dept");
        yield return new("SELECT * FROM orders");
        yield return new("SELECT * FROM nums");
        yield return new("SELECT id, name FROM emp");
        yield return new("SELECT name, id, name FROM emp");
        yield return new("SELECT id AS k, salary s FROM emp");
        yield return new("SELECT e.* FROM emp e");
        yield return new("SELECT e.id, e.dept FROM emp AS e");
        yield return new("select ID, Name from EMP");
        yield return new("SELECT `id`, `name` FROM `emp`", "SELECT \"id\", \"name\" FROM \"emp\"", "Spark quotes names with backquotes, DuckDB with double quotes");
        yield return new("SELECT DISTINCT dept FROM emp");
        yield return new("SELECT DISTINCT dept, salary FROM emp");
        yield return new("SELECT DISTINCT * FROM nums");
        yield return new("SELECT ALL a FROM nums");
        yield return new("SELECT 1");
        yield return new("SELECT 1 + 2 AS three, 'x' AS s, true AS t");
        yield return new("SELECT 7 / 2, 7 % 3, -7 % 3, 2 * 3 - 1", Note: "int / int is double in Spark; DuckDB's / is too");
        yield return new("SELECT a, b, c FROM nums -- a trailing comment");
        yield return new("SELECT /* a block\ncomment */ a FROM nums");
        yield return new("SELECT t.x FROM (SELECT a AS x FROM nums) t");
        yield return new("SELECT x, y FROM (SELECT a AS x, b AS y FROM nums WHERE a > 0) AS t WHERE y IS NOT NULL");
        yield return new("SELECT * FROM (SELECT * FROM (SELECT id, dept FROM emp) a) b");
        yield return new("SELECT id, salary * 2 AS double_salary, salary + bonus FROM emp");
        yield return new("SELECT oid, amount * qty AS total FROM orders");
        yield return new("SELECT a, -a, +a, - -a FROM nums");
        yield return new("SELECT id, 100L, 5S, 3Y FROM emp WHERE id < 3", "SELECT id, 100, 5, 3 FROM emp WHERE id < 3", "Spark's L/S/Y literal suffixes");
        yield return new("SELECT 2147483648, -2147483648, 9223372036854775807");
        yield return new("SELECT 1.5 + 1, 1e3, 2.5E-1", Note: "1.5 is a decimal(2,1), 1e3 a double (Spark and DuckDB)");
        yield return new("SELECT 'it''s', 'a' 'b'", "SELECT 'it''s', 'ab'", "Spark concatenates adjacent string literals");
    }

    private static IEnumerable<SqlCase> Predicates()
    {
        string[] comparisons = ["=", "<>", "!=", "<", "<=", ">", ">="];
        foreach (var op in comparisons)
        {
            yield return new($"SELECT id FROM emp WHERE salary {op} 45000", op == "!=" ? "SELECT id FROM emp WHERE salary <> 45000" : null);
            yield return new($"SELECT oid FROM orders WHERE amount {op} 500.5", op == "!=" ? "SELECT oid FROM orders WHERE amount <> 500.5" : null);
            yield return new($"SELECT id FROM emp WHERE name {op} 'dave'", op == "!=" ? "SELECT id FROM emp WHERE name <> 'dave'" : null);
            yield return new($"SELECT id FROM emp WHERE hired {op} DATE '2019-06-01'", op == "!=" ? "SELECT id FROM emp WHERE hired <> DATE '2019-06-01'" : null);
        }
        yield return new("SELECT id FROM emp WHERE salary == 45000", "SELECT id FROM emp WHERE salary = 45000", "Spark's == is =");
        yield return new("SELECT id FROM emp WHERE salary > 40000 AND dept = 'eng'");
        yield return new("SELECT id FROM emp WHERE salary > 50000 OR bonus > 300");
        yield return new("SELECT id FROM emp WHERE NOT (salary > 40000)");
        yield return new("SELECT id FROM emp WHERE NOT salary > 40000 OR dept IS NULL");
        yield return new("SELECT id FROM emp WHERE (salary > 40000 OR dept = 'hr') AND bonus IS NOT NULL");
        yield return new("SELECT id FROM emp WHERE dept IS NULL");
        yield return new("SELECT id FROM emp WHERE dept IS NOT NULL AND name IS NULL");
        yield return new("SELECT id FROM emp WHERE dept IN ('eng', 'hr')");
        yield return new("SELECT id FROM emp WHERE dept NOT IN ('eng', 'hr')");
        yield return new("SELECT id FROM emp WHERE salary IN (30000, 45000, 59000)");
        yield return new("SELECT a FROM nums WHERE b IN (1, NULL)");
        yield return new("SELECT a FROM nums WHERE b NOT IN (1, NULL)", Note: "NOT IN with a NULL item is never true");
        yield return new("SELECT a FROM nums WHERE b NOT IN (1, 3)");
        yield return new("SELECT id FROM emp WHERE salary BETWEEN 40000 AND 45000");
        yield return new("SELECT id FROM emp WHERE salary NOT BETWEEN 40000 AND 45000");
        yield return new("SELECT oid FROM orders WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-03-31'");
        yield return new("SELECT id FROM emp WHERE name LIKE 'a%'");
        yield return new("SELECT id FROM emp WHERE name LIKE '%e%'");
        yield return new("SELECT id FROM emp WHERE name LIKE '_o%'");
        yield return new("SELECT id FROM emp WHERE name NOT LIKE '%1%'");
        yield return new("SELECT id FROM emp WHERE name ILIKE 'M%'");
        yield return new("SELECT id FROM emp WHERE name NOT ILIKE '%A%'");
        yield return new("SELECT oid FROM orders WHERE status ILIKE 'open'");
        yield return new("SELECT a, b FROM nums WHERE b IS DISTINCT FROM 1");
        yield return new("SELECT a, b FROM nums WHERE b IS NOT DISTINCT FROM NULL");
        yield return new("SELECT a, b, c FROM nums WHERE b <=> a", "SELECT a, b, c FROM nums WHERE b IS NOT DISTINCT FROM a", "Spark's <=> is IS NOT DISTINCT FROM");
        yield return new("SELECT a FROM nums WHERE c > 0 AND b > 0 OR a < 0");
        yield return new("SELECT a FROM nums WHERE true");
        yield return new("SELECT a FROM nums WHERE false");
        yield return new("SELECT a FROM nums WHERE NULL");
        yield return new("SELECT a FROM nums WHERE c = a * 1.5");
        yield return new("SELECT id FROM emp WHERE hired > '2020-01-01'", "SELECT id FROM emp WHERE hired > DATE '2020-01-01'", "a string compared with a date is cast to date");
        yield return new("SELECT id FROM emp WHERE year(hired) = 2018 AND month(hired) > 6");
        yield return new("SELECT oid FROM orders WHERE emp_id IS NULL OR status IS NULL");
        yield return new("SELECT id FROM emp WHERE !(dept = 'eng')", "SELECT id FROM emp WHERE NOT (dept = 'eng')", "Spark's ! is NOT");
    }

    private static IEnumerable<SqlCase> Expressions()
    {
        yield return new("SELECT id, CASE WHEN salary > 50000 THEN 'high' WHEN salary > 40000 THEN 'mid' ELSE 'low' END FROM emp");
        yield return new("SELECT id, CASE WHEN salary > 50000 THEN 'high' END FROM emp");
        yield return new("SELECT id, CASE dept WHEN 'eng' THEN 1 WHEN 'ops' THEN 2 ELSE 0 END FROM emp");
        yield return new("SELECT id, CASE dept WHEN 'eng' THEN salary END FROM emp");
        yield return new("SELECT a, CASE WHEN b IS NULL THEN c ELSE b END FROM nums");
        yield return new("SELECT CAST(salary AS STRING), CAST('12' AS INT), CAST(id AS DOUBLE) FROM emp");
        yield return new("SELECT CAST(bonus AS INT) FROM emp", "SELECT CAST(trunc(bonus) AS INT) FROM emp", "Spark truncates a double cast to int; DuckDB rounds");
        yield return new("SELECT CAST(salary AS BIGINT) * 100000 FROM emp");
        yield return new("SELECT CAST(hired AS STRING) FROM emp");
        yield return new("SELECT CAST('2024-02-29' AS DATE)");
        yield return new("SELECT salary::double / 3, id::string FROM emp");
        yield return new("SELECT CAST(a AS BOOLEAN) FROM nums");
        yield return new("SELECT coalesce(dept, name, 'none') FROM emp");
        yield return new("SELECT coalesce(b, a) FROM nums");
        yield return new("SELECT nvl(b, -1), ifnull(c, 0) FROM nums", "SELECT coalesce(b, -1), coalesce(c, 0) FROM nums", "nvl is Spark's coalesce of two");
        yield return new("SELECT nullif(a, 5), nullif(b, 0) FROM nums");
        yield return new("SELECT if(a > 2, 'big', 'small'), if(b IS NULL, 0, b) FROM nums");
        yield return new("SELECT isnull(b), isnotnull(c) FROM nums", "SELECT b IS NULL, c IS NOT NULL FROM nums", "Spark's isnull/isnotnull functions");
        yield return new("SELECT upper(name), lower(name), length(name) FROM emp");
        yield return new("SELECT trim('  x  '), length(trim('  x  '))");
        yield return new("SELECT substring(name, 2, 3), substr(name, 1, 2), substring(name, 3) FROM emp");
        yield return new("SELECT concat(name, '-', dept) FROM emp", "SELECT name || '-' || dept FROM emp", "Spark's concat is NULL when any input is; DuckDB's concat skips NULLs");
        yield return new("SELECT concat('a', 'b', 'c')");
        yield return new("SELECT abs(a), abs(c), sqrt(abs(c)), exp(a) FROM nums");
        yield return new("SELECT ln(amount), log(amount), log(2, amount) FROM orders WHERE amount > 0", "SELECT ln(amount), ln(amount), log(2, amount) FROM orders WHERE amount > 0", "Spark's one-argument log is ln; DuckDB's is log10");
        yield return new("SELECT pow(a, 2), power(2, a) FROM nums");
        yield return new("SELECT round(amount), round(amount, 1), round(-2.5), round(2.5) FROM orders");
        yield return new("SELECT year(hired), month(hired), day(hired), dayofmonth(hired) FROM emp");
        yield return new("SELECT year(day) * 100 + month(day) FROM orders");
        yield return new("SELECT a / b, a % b FROM nums", "SELECT CASE WHEN b <> 0 THEN a / b END, a % b FROM nums", "Spark (non-ANSI) divides by zero to NULL; DuckDB's / of integers gives infinity");
        yield return new("SELECT a + b * c - a FROM nums");
        yield return new("SELECT (a + b) * c FROM nums");
        yield return new("SELECT a / 2, a / 2.0, b / a FROM nums WHERE a <> 0");
        yield return new("SELECT salary > 45000, dept = 'eng' AND salary > 40000 FROM emp");
        yield return new("SELECT upper(concat(substring(name, 1, 1), '.')) AS initial FROM emp WHERE name IS NOT NULL",
            "SELECT upper(substring(name, 1, 1) || '.') AS initial FROM emp WHERE name IS NOT NULL");
        yield return new("SELECT id, salary + coalesce(bonus, 0) AS pay FROM emp");
        yield return new("SELECT TIMESTAMP '2024-01-02 03:04:05'");
        yield return new("SELECT length(status) + qty FROM orders");
        yield return new("SELECT c * 2, c + a, c - b FROM nums");
        yield return new("SELECT amount BETWEEN 100 AND 200 FROM orders");
        yield return new("SELECT name LIKE '%a%', dept IN ('eng') FROM emp");
    }

    private static IEnumerable<SqlCase> Aggregates()
    {
        yield return new("SELECT count(*) FROM emp");
        yield return new("SELECT count(*), count(name), count(dept), count(salary), count(DISTINCT dept) FROM emp");
        yield return new("SELECT sum(salary), avg(salary), min(salary), max(salary) FROM emp");
        yield return new("SELECT sum(bonus), avg(bonus), min(bonus), max(bonus) FROM emp");
        yield return new("SELECT min(name), max(name), min(hired), max(hired) FROM emp");
        yield return new("SELECT stddev_samp(salary), stddev(bonus) FROM emp");
        yield return new("SELECT corr(amount, qty) FROM orders");
        yield return new("SELECT median(salary), median(amount) FROM emp, (SELECT 1.0 AS amount)", "SELECT median(salary), median(amount) FROM emp, (SELECT 1.0::DOUBLE AS amount)");
        yield return new("SELECT median(amount) FROM orders");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept");
        yield return new("SELECT dept, count(*) AS n, sum(salary) AS total, avg(bonus) FROM emp GROUP BY dept");
        yield return new("SELECT dept, count(DISTINCT salary) FROM emp GROUP BY dept");
        yield return new("SELECT dept, min(name), max(hired) FROM emp GROUP BY dept");
        yield return new("SELECT count(*) FROM emp GROUP BY dept");
        yield return new("SELECT dept, salary, count(*) FROM emp GROUP BY dept, salary");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY 1");
        yield return new("SELECT count(*), dept FROM emp GROUP BY 2");
        yield return new("SELECT upper(dept) AS d, count(*) FROM emp GROUP BY d", Note: "GROUP BY a select alias (Spark's groupByAliases)");
        yield return new("SELECT upper(dept), count(*) FROM emp GROUP BY upper(dept)");
        yield return new("SELECT salary / 10000 AS band, count(*) FROM emp GROUP BY salary / 10000");
        yield return new("SELECT year(hired) AS y, count(*), sum(salary) FROM emp GROUP BY year(hired)");
        yield return new("SELECT emp_id, sum(amount), count(*), max(qty) FROM orders GROUP BY emp_id");
        yield return new("SELECT status, emp_id IS NULL, count(*) FROM orders GROUP BY status, emp_id IS NULL");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept HAVING count(*) > 10");
        yield return new("SELECT dept, count(*) AS n FROM emp GROUP BY dept HAVING n > 10");
        yield return new("SELECT dept FROM emp GROUP BY dept HAVING sum(salary) > 500000", Note: "an aggregate only in HAVING");
        yield return new("SELECT dept, avg(salary) FROM emp GROUP BY dept HAVING max(bonus) > 400 AND count(*) > 2");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept HAVING dept LIKE 'e%'", Note: "a grouping column in HAVING");
        yield return new("SELECT count(*) FROM emp GROUP BY dept HAVING dept IS NULL", Note: "a grouping column in HAVING that is not selected");
        yield return new("SELECT sum(a) FROM nums HAVING sum(a) > 0", Note: "HAVING without GROUP BY: one global group");
        yield return new("SELECT sum(a) FROM nums HAVING sum(a) > 1000");
        yield return new("SELECT dept, sum(salary) + 1, max(salary) - min(salary) FROM emp GROUP BY dept");
        yield return new("SELECT dept, sum(salary) / count(salary) AS mean FROM emp GROUP BY dept");
        yield return new("SELECT dept, count(*) * 2 FROM emp GROUP BY dept");
        yield return new("SELECT dept, CASE WHEN count(*) > 20 THEN 'big' ELSE 'small' END FROM emp GROUP BY dept");
        yield return new("SELECT count(*) FROM emp WHERE dept = 'eng'");
        yield return new("SELECT sum(CASE WHEN dept = 'eng' THEN 1 ELSE 0 END), sum(CASE WHEN dept = 'ops' THEN salary END) FROM emp");
        yield return new("SELECT count(DISTINCT emp_id), count(emp_id) FROM orders");
        yield return new("SELECT a, count(*) FROM nums GROUP BY a");
        yield return new("SELECT b, sum(c) FROM nums GROUP BY b");
        yield return new("SELECT DISTINCT count(*) FROM emp GROUP BY dept");
        yield return new("SELECT max(a) + min(b) FROM nums");
        yield return new("SELECT avg(a), sum(b), avg(c) FROM nums");
        yield return new("SELECT status, round(sum(amount), 2), round(avg(qty), 3) FROM orders GROUP BY status");
        yield return new("SELECT sum(amount * qty) FROM orders WHERE status = 'shipped'");
        foreach (var agg in new[] { "count", "sum", "avg", "min", "max" })
        {
            foreach (var column in new[] { "salary", "bonus", "mgr" })
            {
                yield return new($"SELECT dept, {agg}({column}) FROM emp GROUP BY dept");
            }
            foreach (var column in new[] { "amount", "qty" })
            {
                yield return new($"SELECT status, {agg}({column}) FROM orders GROUP BY status");
            }
        }
    }

    private static IEnumerable<SqlCase> Joins()
    {
        yield return new("SELECT e.id, d.floor FROM emp e JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, d.floor FROM emp e INNER JOIN dept d ON e.dept = d.dept AND d.floor > 1");
        yield return new("SELECT e.id, d.floor FROM emp e LEFT JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, d.floor FROM emp e LEFT OUTER JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, d.dept, d.floor FROM emp e RIGHT JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, d.dept, d.floor FROM emp e RIGHT OUTER JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, e.dept, d.dept, d.floor FROM emp e FULL JOIN dept d ON e.dept = d.dept");
        yield return new("SELECT e.id, d.dept FROM emp e FULL OUTER JOIN dept d ON e.dept = d.dept AND e.salary > 45000");
        yield return new("SELECT * FROM emp e LEFT SEMI JOIN dept d ON e.dept = d.dept",
            "SELECT * FROM emp e WHERE EXISTS (SELECT 1 FROM dept d WHERE e.dept = d.dept)", SemiAnti);
        yield return new("SELECT * FROM emp e LEFT ANTI JOIN dept d ON e.dept = d.dept",
            "SELECT * FROM emp e WHERE NOT EXISTS (SELECT 1 FROM dept d WHERE e.dept = d.dept)", SemiAnti);
        yield return new("SELECT d.* FROM dept d LEFT SEMI JOIN emp e ON e.dept = d.dept AND e.salary > 55000",
            "SELECT d.* FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept AND e.salary > 55000)", SemiAnti);
        yield return new("SELECT d.* FROM dept d LEFT ANTI JOIN emp e ON e.dept = d.dept",
            "SELECT d.* FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept)", SemiAnti);
        yield return new("SELECT o.oid FROM orders o SEMI JOIN emp e ON o.emp_id = e.id",
            "SELECT o.oid FROM orders o WHERE EXISTS (SELECT 1 FROM emp e WHERE o.emp_id = e.id)", SemiAnti);
        yield return new("SELECT o.oid FROM orders o ANTI JOIN emp e ON o.emp_id = e.id",
            "SELECT o.oid FROM orders o WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE o.emp_id = e.id)", SemiAnti);
        yield return new("SELECT n.a, d.dept FROM nums n CROSS JOIN dept d");
        yield return new("SELECT n.a, d.dept FROM nums n, dept d");
        yield return new("SELECT n.a, d.dept FROM nums n, dept d WHERE n.a = d.floor");
        yield return new("SELECT * FROM nums, dept, empty_t");
        yield return new("SELECT * FROM emp JOIN dept USING (dept)", "SELECT dept, id, name, salary, bonus, hired, mgr, floor, budget FROM emp JOIN dept USING (dept)", UsingOrder);
        yield return new("SELECT dept, id, floor FROM emp LEFT JOIN dept USING (dept)");
        yield return new("SELECT dept, id, floor FROM emp RIGHT JOIN dept USING (dept)");
        yield return new("SELECT dept, id, floor FROM emp FULL JOIN dept USING (dept)", Note: "the USING key of a full join is coalesce(left, right)");
        yield return new("SELECT * FROM emp NATURAL JOIN dept", "SELECT dept, id, name, salary, bonus, hired, mgr, floor, budget FROM emp NATURAL JOIN dept", UsingOrder);
        yield return new("SELECT * FROM emp NATURAL LEFT JOIN dept", "SELECT dept, id, name, salary, bonus, hired, mgr, floor, budget FROM emp NATURAL LEFT JOIN dept", UsingOrder);
        yield return new("SELECT * FROM nums NATURAL JOIN empty_t", "SELECT * FROM nums CROSS JOIN empty_t", "a NATURAL join without common columns is a cross join in Spark, an error in DuckDB");
        yield return new("SELECT e.id, m.id AS manager, m.name FROM emp e JOIN emp m ON e.mgr = m.id", Note: "a self-join");
        yield return new("SELECT e.id, m.name FROM emp e LEFT JOIN emp m ON e.mgr = m.id WHERE m.salary > e.salary");
        yield return new("SELECT e.name, o.oid, o.amount FROM emp e JOIN orders o ON o.emp_id = e.id WHERE o.amount > 900");
        yield return new("SELECT e.dept, count(*), sum(o.amount) FROM emp e JOIN orders o ON o.emp_id = e.id GROUP BY e.dept");
        yield return new("SELECT d.dept, count(e.id) FROM dept d LEFT JOIN emp e ON e.dept = d.dept GROUP BY d.dept");
        yield return new("SELECT e.id, d.floor, o.oid FROM emp e JOIN dept d ON e.dept = d.dept JOIN orders o ON o.emp_id = e.id WHERE d.floor = 2");
        yield return new("SELECT e.id, d.floor FROM emp e LEFT JOIN dept d ON e.dept = d.dept LEFT JOIN orders o ON o.emp_id = e.id WHERE o.oid IS NULL");
        yield return new("SELECT e.id, o.oid FROM emp e JOIN orders o ON o.emp_id = e.id AND o.qty > e.id % 7");
        yield return new("SELECT e.id, o.oid FROM emp e JOIN orders o ON o.emp_id < 3 AND e.id < 3", Note: "a join with no equality: nested loops");
        yield return new("SELECT a.a, b.a FROM nums a JOIN nums b ON a.b = b.a");
        yield return new("SELECT a.a, b.a FROM nums a FULL JOIN nums b ON a.b = b.a");
        yield return new("SELECT x.id, y.id FROM (SELECT id, dept FROM emp WHERE id < 20) x JOIN (SELECT id, dept FROM emp WHERE id > 180) y ON x.dept = y.dept");
        yield return new("SELECT * FROM emp e JOIN empty_t t ON e.id = t.id");
        yield return new("SELECT e.id, t.v FROM emp e LEFT JOIN empty_t t ON e.id = t.id WHERE e.id < 5");
        yield return new("SELECT * FROM (nums n JOIN dept d ON n.a = d.floor)");
        yield return new("SELECT e.id, d.floor FROM emp e JOIN dept d ON upper(e.dept) = upper(d.dept)");
        foreach (var type in new[] { "INNER", "LEFT", "RIGHT", "FULL" })
        {
            yield return new($"SELECT o.oid, e.name FROM orders o {type} JOIN emp e ON o.emp_id = e.id");
            yield return new($"SELECT n.a, m.b FROM nums n {type} JOIN nums m ON n.a = m.b AND n.c > 0");
            yield return new($"SELECT d.floor, e.id FROM dept d {type} JOIN emp e ON d.dept = e.dept AND e.salary < 35000");
        }
    }

    private static IEnumerable<SqlCase> Ordering()
    {
        yield return new("SELECT id, salary FROM emp ORDER BY salary, id");
        yield return new("SELECT id, salary FROM emp ORDER BY salary DESC, id");
        yield return new("SELECT id, salary FROM emp ORDER BY salary ASC NULLS LAST, id");
        yield return new("SELECT id, salary FROM emp ORDER BY salary DESC NULLS FIRST, id DESC");
        yield return new("SELECT id, name FROM emp ORDER BY name, id", Note: "Spark puts NULLs first for ASC (DuckDB is set to the same default)");
        yield return new("SELECT id, name FROM emp ORDER BY name DESC, id", Note: "Spark puts NULLs last for DESC");
        yield return new("SELECT id, name FROM emp ORDER BY 2, 1");
        yield return new("SELECT id AS k, salary AS s FROM emp ORDER BY s, k");
        yield return new("SELECT id FROM emp ORDER BY salary, id", Note: "a sort key not in the select list");
        yield return new("SELECT id FROM emp ORDER BY salary + coalesce(bonus, 0) DESC, id");
        yield return new("SELECT id, name FROM emp ORDER BY length(name) DESC NULLS LAST, name, id");
        yield return new("SELECT id, salary FROM emp ORDER BY salary DESC, id LIMIT 10");
        yield return new("SELECT id FROM emp ORDER BY id LIMIT 0");
        yield return new("SELECT id FROM emp ORDER BY id DESC LIMIT 1");
        yield return new("SELECT oid, amount FROM orders ORDER BY amount DESC, oid LIMIT 25");
        yield return new("SELECT oid, day FROM orders ORDER BY day, oid LIMIT 30");
        yield return new("SELECT dept, count(*) AS n FROM emp GROUP BY dept ORDER BY n DESC, dept");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept ORDER BY 2, 1");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept ORDER BY count(*) DESC, dept");
        yield return new("SELECT dept FROM emp GROUP BY dept ORDER BY sum(salary) DESC NULLS LAST", Note: "an aggregate only in ORDER BY");
        yield return new("SELECT dept, max(salary) FROM emp GROUP BY dept HAVING count(*) > 5 ORDER BY avg(bonus), dept");
        yield return new("SELECT DISTINCT dept FROM emp ORDER BY dept");
        yield return new("SELECT DISTINCT dept FROM emp ORDER BY dept DESC LIMIT 3");
        yield return new("SELECT a, b, c FROM nums ORDER BY b NULLS LAST, a, c");
        yield return new("SELECT a, b FROM nums ORDER BY b DESC NULLS FIRST, a DESC");
        yield return new("SELECT * FROM (SELECT id, salary FROM emp ORDER BY salary DESC, id LIMIT 5) t ORDER BY id");
        yield return new("SELECT e.id, d.floor FROM emp e JOIN dept d ON e.dept = d.dept ORDER BY d.floor DESC, e.id LIMIT 15");
        yield return new("SELECT emp_id, sum(amount) AS total FROM orders GROUP BY emp_id ORDER BY total DESC LIMIT 5");
        yield return new("SELECT id, hired FROM emp ORDER BY hired DESC, id LIMIT 20");
        yield return new("SELECT upper(name) AS u FROM emp WHERE name IS NOT NULL ORDER BY u, 1 LIMIT 12");
        yield return new("SELECT id, dept FROM emp WHERE dept IS NOT NULL ORDER BY dept ASC, id DESC");
        yield return new("SELECT id FROM emp ORDER BY id LIMIT 5 OFFSET 10");
        yield return new("SELECT id, salary FROM emp ORDER BY salary DESC NULLS LAST, id OFFSET 190");
        yield return new("SELECT oid FROM orders ORDER BY amount DESC, oid LIMIT 3 OFFSET 1");
        yield return new("SELECT id FROM emp ORDER BY id OFFSET 500");
        yield return new("SELECT a FROM nums UNION ALL SELECT b FROM nums ORDER BY 1 NULLS LAST LIMIT 4 OFFSET 3");
        yield return new("SELECT count(*) FROM (SELECT id FROM emp ORDER BY id LIMIT 50 OFFSET 20) t");
        yield return new("SELECT * FROM (SELECT id FROM emp ORDER BY id OFFSET 190) t WHERE id % 2 = 0", Note: "a filter above an offset stays above it");
    }

    private static IEnumerable<SqlCase> SetOperations()
    {
        yield return new("SELECT dept FROM emp UNION SELECT dept FROM dept");
        yield return new("SELECT dept FROM emp UNION ALL SELECT dept FROM dept");
        yield return new("SELECT dept FROM emp INTERSECT SELECT dept FROM dept");
        yield return new("SELECT dept FROM dept INTERSECT SELECT dept FROM emp", Note: "NULL matches NULL in set operations");
        yield return new("SELECT dept FROM dept EXCEPT SELECT dept FROM emp");
        yield return new("SELECT dept FROM emp EXCEPT SELECT dept FROM dept");
        yield return new("SELECT dept FROM dept MINUS SELECT dept FROM emp", "SELECT dept FROM dept EXCEPT SELECT dept FROM emp", "MINUS is Spark's EXCEPT");
        yield return new("SELECT a, b FROM nums UNION SELECT b, a FROM nums");
        yield return new("SELECT a, b FROM nums INTERSECT SELECT a, b FROM nums WHERE c > 0");
        yield return new("SELECT a, b FROM nums EXCEPT SELECT a, b FROM nums WHERE c > 0");
        yield return new("SELECT a FROM nums UNION ALL SELECT a FROM nums UNION ALL SELECT id FROM empty_t");
        yield return new("SELECT a FROM nums UNION SELECT a FROM nums EXCEPT SELECT 1");
        yield return new("SELECT a FROM nums EXCEPT SELECT 1 UNION SELECT 100");
        yield return new("SELECT a FROM nums UNION SELECT b FROM nums INTERSECT SELECT 1", Note: "INTERSECT binds tighter than UNION");
        yield return new("SELECT a FROM nums UNION ALL SELECT c FROM nums", Note: "int and double widen to double");
        yield return new("SELECT id, name FROM emp WHERE id < 5 UNION ALL SELECT oid, status FROM orders WHERE oid < 10005");
        yield return new("SELECT a FROM nums UNION SELECT b FROM nums ORDER BY 1");
        yield return new("SELECT a AS x FROM nums UNION SELECT b FROM nums ORDER BY x DESC LIMIT 3");
        yield return new("(SELECT a FROM nums ORDER BY a LIMIT 2) UNION ALL (SELECT a FROM nums ORDER BY a DESC LIMIT 2)");
        yield return new("SELECT * FROM (SELECT dept FROM emp UNION SELECT dept FROM dept) t WHERE dept IS NOT NULL");
        yield return new("SELECT count(*) FROM (SELECT id FROM emp UNION ALL SELECT id FROM emp) t");
        yield return new("SELECT id FROM empty_t UNION SELECT id FROM empty_t");
        yield return new("SELECT a FROM nums INTERSECT SELECT id FROM empty_t");
        yield return new("SELECT a FROM nums EXCEPT SELECT id FROM empty_t");
        yield return new("SELECT dept, salary FROM emp INTERSECT DISTINCT SELECT dept, salary FROM emp WHERE id > 100",
            "SELECT dept, salary FROM emp INTERSECT SELECT dept, salary FROM emp WHERE id > 100");
    }

    private static IEnumerable<SqlCase> CommonTableExpressions()
    {
        yield return new("WITH t AS (SELECT id, dept FROM emp WHERE salary > 45000) SELECT * FROM t");
        yield return new("WITH t AS (SELECT dept, count(*) AS n FROM emp GROUP BY dept) SELECT dept FROM t WHERE n > 10");
        yield return new("WITH a AS (SELECT id FROM emp), b AS (SELECT id FROM a WHERE id < 50) SELECT count(*) FROM b");
        yield return new("WITH a AS (SELECT id, mgr FROM emp) SELECT x.id, y.id FROM a x JOIN a y ON x.mgr = y.id", Note: "a CTE joined with itself");
        yield return new("WITH t (k, v) AS (SELECT a, b FROM nums) SELECT k, v FROM t WHERE v > 0");
        yield return new("WITH emp AS (SELECT * FROM nums) SELECT count(*) FROM emp", Note: "a CTE hides the view of the same name");
        yield return new("WITH t AS (SELECT 1 AS x) SELECT x FROM t UNION ALL SELECT x + 1 FROM t");
        yield return new("WITH totals AS (SELECT emp_id, sum(amount) AS total FROM orders GROUP BY emp_id), ranked AS (SELECT e.name, t.total FROM totals t JOIN emp e ON t.emp_id = e.id) SELECT * FROM ranked WHERE total > 5000");
        yield return new("SELECT * FROM (WITH t AS (SELECT a FROM nums) SELECT a FROM t) s");
        yield return new("WITH t AS (SELECT dept FROM emp) SELECT dept FROM t INTERSECT SELECT dept FROM dept");
    }

    private static IEnumerable<SqlCase> EmptyAndEdgeCases()
    {
        yield return new("SELECT * FROM empty_t");
        yield return new("SELECT count(*), sum(id), min(v), max(id), avg(id) FROM empty_t", Note: "a global aggregate of no rows is one row");
        yield return new("SELECT v, count(*) FROM empty_t GROUP BY v", Note: "a grouped aggregate of no rows has no rows");
        yield return new("SELECT count(*) FROM emp WHERE false");
        yield return new("SELECT sum(salary) FROM emp WHERE id < 0");
        yield return new("SELECT DISTINCT v FROM empty_t");
        yield return new("SELECT * FROM empty_t ORDER BY id LIMIT 5");
        yield return new("SELECT id FROM emp WHERE id IN (1, 2, 3) AND id NOT IN (2)");
        yield return new("SELECT count(*) FROM emp e, dept d");
        yield return new("SELECT count(*) FROM orders WHERE emp_id NOT IN (1, 2, 3)");
        yield return new("SELECT dept, count(*) FROM emp WHERE dept = 'eng' GROUP BY dept");
        yield return new("SELECT id FROM emp WHERE name = 'o''neil' OR name LIKE 'o''%'");
        yield return new("SELECT id FROM emp WHERE name LIKE 'ab%'");
        yield return new("SELECT max(id) FROM emp GROUP BY mgr IS NULL");
        yield return new("SELECT count(*) FROM (SELECT DISTINCT dept, salary FROM emp) t");
        yield return new("SELECT a, count(*) FROM (SELECT a FROM nums UNION ALL SELECT a FROM nums) t GROUP BY a HAVING count(*) > 2");
        yield return new("SELECT sum(qty) FROM orders WHERE day >= DATE '2024-06-01' AND status IN ('shipped', 'returned')");
        yield return new("SELECT COUNT(*), Sum(qty) FROM Orders WHERE Status = 'open'");
    }

    private static IEnumerable<SqlCase> Subqueries()
    {
        yield return new("SELECT id FROM emp WHERE dept IN (SELECT dept FROM dept WHERE floor = 2)");
        yield return new("SELECT id FROM emp WHERE dept IN (SELECT dept FROM dept) AND salary > 50000");
        yield return new("SELECT id FROM emp WHERE dept NOT IN (SELECT dept FROM dept)", Note: "the subquery has a NULL: NOT IN is never true");
        yield return new("SELECT id FROM emp WHERE dept NOT IN (SELECT dept FROM dept WHERE dept IS NOT NULL)", Note: "a NULL dept is not NOT IN a non-empty list");
        yield return new("SELECT a, b FROM nums WHERE b NOT IN (SELECT a FROM nums WHERE a > 3)");
        yield return new("SELECT a, b FROM nums WHERE b NOT IN (SELECT id FROM empty_t)", Note: "NOT IN an empty subquery is true, even for NULL");
        yield return new("SELECT a, b FROM nums WHERE b IN (SELECT id FROM empty_t)");
        yield return new("SELECT oid FROM orders WHERE emp_id IN (SELECT id FROM emp WHERE dept = 'hr')");
        yield return new("SELECT oid FROM orders WHERE emp_id NOT IN (SELECT id FROM emp WHERE dept = 'hr')");
        yield return new("SELECT id FROM emp WHERE mgr IN (SELECT id FROM emp WHERE salary > 55000)", Note: "the subquery reads the outer query's view");
        yield return new("SELECT count(*) FROM emp WHERE EXISTS (SELECT 1 FROM dept WHERE floor > 4)");
        yield return new("SELECT count(*) FROM emp WHERE NOT EXISTS (SELECT 1 FROM dept WHERE floor > 4)");
        yield return new("SELECT count(*) FROM emp WHERE NOT EXISTS (SELECT * FROM empty_t)");
        yield return new("SELECT d.dept FROM dept d WHERE EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept AND e.salary > 55000)");
        yield return new("SELECT d.dept, d.floor FROM dept d WHERE NOT EXISTS (SELECT 1 FROM emp e WHERE e.dept = d.dept)");
        yield return new("SELECT e.id FROM emp e WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id)");
        yield return new("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM orders o WHERE o.emp_id = e.id AND o.amount > 990)");
        yield return new("SELECT a FROM nums WHERE EXISTS (SELECT 1 FROM nums n2 WHERE n2.a = nums.b)");
        yield return new("SELECT o.oid FROM orders o WHERE o.qty IN (SELECT n.a FROM nums n WHERE n.b = o.qty)");
        yield return new("SELECT o.oid FROM orders o WHERE o.qty IN (SELECT n.a + 1 FROM nums n WHERE n.a = o.qty - 1)");
        yield return new("SELECT id FROM emp WHERE salary > (SELECT avg(salary) FROM emp)");
        yield return new("SELECT id, salary - (SELECT min(salary) FROM emp) FROM emp");
        yield return new("SELECT (SELECT max(a) FROM nums), (SELECT count(*) FROM emp)");
        yield return new("SELECT id FROM emp WHERE salary > (SELECT max(id) FROM empty_t)", Note: "a scalar subquery over no rows is NULL");
        yield return new("SELECT id FROM emp WHERE id = (SELECT min(oid) - 10000 FROM orders)");
        yield return new("SELECT e.id FROM emp e WHERE e.salary > (SELECT avg(m.salary) FROM emp m WHERE m.dept = e.dept)");
        yield return new("SELECT e.id, (SELECT max(o.amount) FROM orders o WHERE o.emp_id = e.id) FROM emp e");
        yield return new("SELECT d.dept, (SELECT count(*) FROM emp e WHERE e.dept = d.dept) FROM dept d", Note: "count of no rows is 0, not NULL (the count bug)");
        yield return new("SELECT d.dept FROM dept d WHERE (SELECT count(*) FROM emp e WHERE e.dept = d.dept) = 0");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept HAVING count(*) > (SELECT count(*) / 10 FROM emp)");
        yield return new("SELECT id FROM emp WHERE id IN (SELECT emp_id FROM orders WHERE amount > (SELECT avg(amount) FROM orders))");
        yield return new("WITH big AS (SELECT id FROM emp WHERE salary > 50000) SELECT oid FROM orders WHERE emp_id IN (SELECT id FROM big)");
        yield return new("SELECT * FROM (SELECT id FROM emp WHERE dept IN (SELECT dept FROM dept WHERE floor < 3)) t WHERE id < 50");
        yield return new("SELECT dept, count(*) FROM emp WHERE id NOT IN (SELECT emp_id FROM orders WHERE emp_id IS NOT NULL) GROUP BY dept");
    }

    private static IEnumerable<SqlCase> Windows()
    {
        yield return new("SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY id) FROM emp");
        yield return new("SELECT id, rank() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp", Note: "ties share a rank; NULL salaries last (DESC)");
        yield return new("SELECT id, dense_rank() OVER (PARTITION BY dept ORDER BY salary) FROM emp", Note: "NULL salaries first (ASC)");
        yield return new("SELECT id, rank() OVER (ORDER BY salary DESC NULLS FIRST), dense_rank() OVER (ORDER BY hired) FROM emp");
        yield return new("SELECT id, lag(salary) OVER (PARTITION BY dept ORDER BY id), lead(salary) OVER (PARTITION BY dept ORDER BY id) FROM emp");
        yield return new("SELECT id, lag(salary, 2, 0) OVER (ORDER BY id), lead(name, 3, 'none') OVER (ORDER BY id) FROM emp");
        yield return new("SELECT id, sum(salary) OVER (PARTITION BY dept) FROM emp");
        yield return new("SELECT id, count(*) OVER (PARTITION BY dept), max(hired) OVER (PARTITION BY dept) FROM emp");
        yield return new("SELECT id, sum(salary) OVER (PARTITION BY dept ORDER BY id) FROM emp", Note: "ORDER BY without a frame: running total (RANGE … CURRENT ROW)");
        yield return new("SELECT oid, avg(amount) OVER (PARTITION BY status ORDER BY day) FROM orders", Note: "peers (same day) share the running value");
        yield return new("SELECT oid, sum(qty) OVER (ORDER BY oid ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM orders");
        yield return new("SELECT oid, max(amount) OVER (PARTITION BY emp_id ORDER BY oid ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM orders");
        yield return new("SELECT oid, count(*) OVER (ORDER BY oid ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM orders");
        yield return new("SELECT oid, min(amount) OVER (PARTITION BY status ORDER BY oid ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM orders");
        yield return new("SELECT id, sum(bonus) OVER (PARTITION BY dept ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM emp");
        yield return new("SELECT id, rank() OVER w, sum(salary) OVER w FROM emp WINDOW w AS (PARTITION BY dept ORDER BY salary)");
        yield return new("SELECT id, row_number() OVER a, count(*) OVER b FROM emp WINDOW a AS (ORDER BY id), b AS (PARTITION BY mgr IS NULL)");
        yield return new("SELECT * FROM (SELECT id, dept, row_number() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS rn FROM emp) t WHERE rn <= 3", Note: "top-N per group");
        yield return new("SELECT dept, id FROM (SELECT dept, id, rank() OVER (PARTITION BY dept ORDER BY hired) AS r FROM emp WHERE hired IS NOT NULL) t WHERE r = 1");
        yield return new("SELECT a, b, sum(c) OVER (PARTITION BY a ORDER BY b) FROM nums");
        yield return new("SELECT id, salary - avg(salary) OVER (PARTITION BY dept) AS diff FROM emp");
        yield return new("SELECT emp_id, oid, amount, lag(amount) OVER (PARTITION BY emp_id ORDER BY oid) AS prev FROM orders WHERE emp_id < 10");
    }

    private static IEnumerable<SqlCase> AggregateFilters()
    {
        yield return new("SELECT dept, count(*) FILTER (WHERE salary > 45000), sum(bonus) FILTER (WHERE hired > DATE '2020-01-01') FROM emp GROUP BY dept");
        yield return new("SELECT count(DISTINCT dept) FILTER (WHERE salary > 50000), avg(salary) FILTER (WHERE dept = 'eng') FROM emp");
        yield return new("SELECT status, max(amount) FILTER (WHERE qty > 5), min(day) FILTER (WHERE amount < 100) FROM orders GROUP BY status");
        yield return new("SELECT count(*) FILTER (WHERE false), count(*) FILTER (WHERE true) FROM emp");
    }

    private static IEnumerable<SqlCase> GroupingSets()
    {
        yield return new("SELECT dept, count(*) FROM emp GROUP BY ROLLUP(dept)", Note: "the total row's dept is NULL, beside the NULL dept's own group");
        yield return new("SELECT dept, mgr IS NULL AS top, count(*), sum(salary) FROM emp GROUP BY ROLLUP(dept, mgr IS NULL)");
        yield return new("SELECT status, year(day), count(*), round(sum(amount), 2) FROM orders GROUP BY CUBE(status, year(day))");
        yield return new("SELECT dept, salary > 45000, count(*) FROM emp GROUP BY GROUPING SETS ((dept), (salary > 45000), ())");
        yield return new("SELECT dept, count(*) FROM emp GROUP BY dept WITH ROLLUP", "SELECT dept, count(*) FROM emp GROUP BY ROLLUP(dept)", "Spark's WITH ROLLUP is ROLLUP(…)");
        yield return new("SELECT dept, year(hired) AS y, max(salary) FROM emp GROUP BY dept, year(hired) WITH CUBE", "SELECT dept, year(hired) AS y, max(salary) FROM emp GROUP BY CUBE(dept, year(hired))", "Spark's WITH CUBE is CUBE(…)");
        yield return new("SELECT status, emp_id IS NULL, sum(qty) FROM orders GROUP BY status, ROLLUP(emp_id IS NULL)");
        yield return new("SELECT dept, count(*) AS n FROM emp GROUP BY ROLLUP(dept) HAVING n > 5");
        yield return new("SELECT a, b, count(*), sum(c) FROM nums GROUP BY GROUPING SETS ((a, b), (b), (a))");
        yield return new("SELECT count(dept), count(*) FROM emp GROUP BY GROUPING SETS ((dept), ())", Note: "aggregates read the real values of a column the set leaves out");
        yield return new("SELECT v, count(*) FROM empty_t GROUP BY ROLLUP(v)", Note: "the grand total of no rows is one row");
        yield return new("SELECT dept FROM emp GROUP BY ROLLUP(dept) HAVING sum(salary) > 300000 ORDER BY max(bonus) DESC NULLS LAST, count(*)", Note: "aggregates only in HAVING and ORDER BY");
        yield return new("SELECT status, sum(qty) AS q FROM orders GROUP BY CUBE(status) ORDER BY q DESC, status");
    }

    private static IEnumerable<SqlCase> MoreFunctions()
    {
        yield return new("SELECT a, b, c, greatest(a, b), least(a, b, c) FROM nums", Note: "NULL arguments are skipped");
        yield return new("SELECT greatest(salary, bonus * 100), least(hired, DATE '2020-01-01') FROM emp");
        yield return new("SELECT nvl2(b, 'set', 'unset'), nvl2(c, c * 2, -1) FROM nums", "SELECT CASE WHEN b IS NOT NULL THEN 'set' ELSE 'unset' END, CASE WHEN c IS NOT NULL THEN c * 2 ELSE -1 END FROM nums");
        yield return new("SELECT c, floor(c), ceil(c), ceiling(c), floor(a), ceil(-c) FROM nums");
        yield return new("SELECT oid, floor(amount / 7), ceil(amount / 7) FROM orders");
        yield return new("SELECT sign(a), signum(c), sign(b - a) FROM nums", "SELECT sign(a), sign(c), sign(b - a) FROM nums", "signum is Spark's other name for sign");
        yield return new("SELECT mod(a, 3), mod(c, 2), negative(a), positive(c) FROM nums", "SELECT a % 3, c % 2, -a, c FROM nums", "mod/negative/positive are Spark's names for %, unary - and +");
        yield return new("SELECT log10(amount), log2(amount) FROM orders WHERE amount > 0");
        yield return new("SELECT pi(), e(), round(pi() * 2, 4)", "SELECT pi(), exp(1), round(pi() * 2, 4)");
        yield return new("SELECT left(name, 3), right(name, 2), left(name, 0), right(name, 0) FROM emp");
        yield return new("SELECT id FROM emp WHERE startswith(name, 'da') OR endswith(name, '7') OR contains(name, 'a_')",
            "SELECT id FROM emp WHERE starts_with(name, 'da') OR ends_with(name, '7') OR contains(name, 'a_')", "Spark's startswith/endswith are DuckDB's starts_with/ends_with; _ is no wildcard here");
        yield return new("SELECT to_date('2024-05-06'), to_date(CAST(hired AS STRING)) FROM emp", "SELECT CAST('2024-05-06' AS DATE), CAST(CAST(hired AS STRING) AS DATE) FROM emp");
        yield return new("SELECT int(c), bigint(a), double(a), string(a), boolean(a) FROM nums",
            "SELECT CAST(trunc(c) AS INT), CAST(a AS BIGINT), CAST(a AS DOUBLE), CAST(a AS VARCHAR), CAST(a AS BOOLEAN) FROM nums", "Spark's type-name functions are casts (double to int truncates)");
        yield return new("SELECT dept, count_if(salary > 45000), count_if(bonus IS NULL) FROM emp GROUP BY dept");
        yield return new("SELECT dept, variance(salary), var_samp(bonus), var_pop(salary), stddev_pop(bonus) FROM emp GROUP BY dept");
        yield return new("SELECT var_pop(a), stddev_pop(a), variance(a) FROM nums WHERE a = 6", Note: "one value: population variance 0, sample variance NULL");
        yield return new("SELECT id FROM emp WHERE name RLIKE '^[a-d][a-z]+[0-9]{2}$'", "SELECT id FROM emp WHERE regexp_matches(name, '^[a-d][a-z]+[0-9]{2}$')", "RLIKE is DuckDB's regexp_matches (a match anywhere)");
        yield return new("SELECT id FROM emp WHERE name NOT REGEXP '[0-9]'", "SELECT id FROM emp WHERE NOT regexp_matches(name, '[0-9]')", "REGEXP is RLIKE");
        yield return new("SELECT status, rlike(status, 'pen'), regexp_like(status, '^[A-Z]') FROM orders", "SELECT status, regexp_matches(status, 'pen'), regexp_matches(status, '^[A-Z]') FROM orders");
    }
}
