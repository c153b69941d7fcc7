namespace Rdd.Sql.Tests.SqlText;

/// <summary>String functions, against DuckDB's spelling of Spark's meaning.</summary>
public static partial class SqlCases
{
    private static IEnumerable<SqlCase> StringFunctions()
    {
        yield return new("SELECT id, concat_ws('-', name, dept), concat_ws(', ', dept, name, status_less), concat_ws('', name) FROM (SELECT id, name, dept, CAST(NULL AS STRING) AS status_less FROM emp) t",
            "SELECT id, concat_ws('-', name, dept), concat_ws(', ', dept, name, status_less), coalesce(name, '') FROM (SELECT id, name, dept, CAST(NULL AS STRING) AS status_less FROM emp) t",
            "NULL arguments are skipped; the result is never NULL");
        yield return new("SELECT concat_ws('/', a, b, c) FROM nums", "SELECT concat_ws('/', CAST(a AS VARCHAR), CAST(b AS VARCHAR), CAST(c AS VARCHAR)) FROM nums", "numbers are cast to string");
        yield return new("SELECT id, instr(name, 'a'), instr(name, 'al'), instr(name, ''), position('a', name), locate('e', name, 3), locate('a', name, 0) FROM emp",
            "SELECT id, instr(name, 'a'), instr(name, 'al'), instr(name, ''), instr(name, 'a'), CASE WHEN instr(substr(name, 3), 'e') = 0 THEN 0 ELSE instr(substr(name, 3), 'e') + 2 END, CASE WHEN name IS NULL THEN NULL ELSE 0 END FROM emp",
            "locate(sub, str, pos) searches from character pos; pos < 1 gives 0");
        yield return new("SELECT id, lpad(name, 8, '*'), rpad(name, 8, 'xy'), lpad(name, 3), rpad(name, 0, '.'), lpad(name, 6, '') FROM emp",
            "SELECT id, lpad(name, 8, '*'), rpad(name, 8, 'xy'), lpad(name, 3, ' '), '' || substr(name, 1, 0), substr(name, 1, 6) FROM emp", "a longer string is cut to len; an empty pad pads nothing");
        yield return new("SELECT id, repeat(dept, 2), repeat(dept, 0), reverse(name), ascii(name), ascii('') FROM emp",
            "SELECT id, repeat(dept, 2), CASE WHEN dept IS NULL THEN NULL ELSE '' END, reverse(name), ascii(name), 0 FROM emp");
        yield return new("SELECT id, initcap(name), initcap('hello wORLD  x'), initcap(concat(name, ' ', dept)) FROM emp",
            "SELECT id, upper(lower(name)[1]) || lower(name)[2:], 'Hello World  X', array_to_string(list_transform(string_split(lower(name || ' ' || dept), ' '), x -> upper(x[1]) || x[2:]), ' ') FROM emp",
            "DuckDB has no initcap: capitalize after each space");
        yield return new("SELECT id, translate(name, 'ae', 'AE'), translate(name, 'abc', 'x'), translate(name, 'aa', 'bc') FROM emp",
            "SELECT id, translate(name, 'ae', 'AE'), translate(name, 'abc', 'x'), translate(name, 'a', 'b') FROM emp", "characters beyond 'to' are removed; the first mapping of a character wins");
        yield return new("SELECT id, substring_index(name, 'a', 1), substring_index(name, 'a', 2), substring_index(name, 'a', -1), substring_index(name, 'a', -2), substring_index(name, 'a', 0) FROM emp",
            "SELECT id, array_to_string(string_split(name, 'a')[1:1], 'a'), array_to_string(string_split(name, 'a')[1:2], 'a'), array_to_string(string_split(name, 'a')[-1:], 'a'), array_to_string(string_split(name, 'a')[-2:], 'a'), CASE WHEN name IS NULL THEN NULL ELSE '' END FROM emp",
            "DuckDB has no substring_index: join the first (last) count pieces");
        yield return new("SELECT substring_index('www.apache.org', '.', 2), substring_index('www.apache.org', '.', -2), substring_index('a.b', '.', 5), substring_index('aaaa', 'aa', 2)",
            "SELECT 'www.apache', 'apache.org', 'a.b', 'a'", "Spark's examples; a match may start inside the previous one (Spark searches again one byte on)");
        yield return new("SELECT id, replace(name, 'a', 'AA'), replace(name, 'al'), replace(name, '', 'x') FROM emp", "SELECT id, replace(name, 'a', 'AA'), replace(name, 'al', ''), name FROM emp", "an empty search changes nothing");
        yield return new("SELECT id, regexp_replace(name, '[aeiou]', '_'), regexp_replace(name, '([a-z])([0-9])', '$2$1'), regexp_replace(name, 'x*', '-') FROM emp",
            "SELECT id, regexp_replace(name, '[aeiou]', '_', 'g'), regexp_replace(name, '([a-z])([0-9])', '\\2\\1', 'g'), regexp_replace(name, 'x*', '-', 'g') FROM emp", "Spark replaces every match; DuckDB needs 'g' and writes groups as \\1");
        yield return new("SELECT id, regexp_extract(name, '([a-z]+)([0-9]*)', 1), regexp_extract(name, '([a-z]+)([0-9]*)', 2), regexp_extract(name, '[0-9]+', 0), regexp_extract(name, '(q)|(a)', 1), regexp_extract(name, 'zz(z)') FROM emp",
            "SELECT id, regexp_extract(name, '([a-z]+)([0-9]*)', 1), regexp_extract(name, '([a-z]+)([0-9]*)', 2), regexp_extract(name, '[0-9]+', 0), regexp_extract(name, '(q)|(a)', 1), regexp_extract(name, 'zz(z)', 1) FROM emp",
            "no match, or a group that took no part, is the empty string");
        yield return new("SELECT id, size(split(name, 'a')), element_at(split(name, '[0-9]'), 1), element_at(split(name, 'a', 2), -1), size(split(name, '')) FROM emp",
            "SELECT id, coalesce(len(string_split_regex(name, 'a')), -1), string_split_regex(name, '[0-9]')[1], CASE WHEN instr(name, 'a') = 0 THEN name ELSE substr(name, instr(name, 'a') + 1) END, coalesce(length(name), -1) FROM emp",
            "size(NULL) is -1 (Spark's legacy default); trailing empty pieces are kept; a limit leaves the rest in the last piece; an empty regex splits into characters");
        yield return new("SELECT id, explode(split(name, '[_%]')) FROM emp WHERE name LIKE 'a%'", "SELECT id, unnest(string_split_regex(name, '[_%]')) FROM emp WHERE name LIKE 'a%'");
        yield return new("SELECT status, element_at(split(status, 'e'), 1), size(split('', ',')), element_at(split('a,b,,', ','), 4), size(split('a,b,,', ',')) FROM orders",
            "SELECT status, string_split(status, 'e')[1], 1, '', 4 FROM orders", "Java's split keeps trailing empty strings (Spark's limit -1)");
    }
}

/// <summary>String functions whose parameters are columns (Spark takes any expression there).</summary>
public static partial class SqlCases
{
    private static IEnumerable<SqlCase> StringFunctionsWithColumnArguments()
    {
        yield return new("SELECT id, lpad(name, id % 7, dept), rpad(name, mgr % 9, '.'), lpad(dept, 5, name) FROM emp",
            Note: "runs of rows with equal parameters share one kernel call; a NULL parameter gives NULL");
        yield return new("SELECT id, repeat(dept, id % 3), instr(name, substr(dept, 1, 1)) FROM emp");
        yield return new("SELECT id, replace(name, substr(name, 2, 1), dept), translate(name, dept, 'xyz') FROM emp WHERE length(name) > 1");
        yield return new("SELECT id, regexp_extract(name, CASE WHEN id % 2 = 0 THEN '([a-z]+)' ELSE '([A-Z])' END, 1) FROM emp",
            Note: "a pattern per row: each distinct pattern is compiled once");
        yield return new("SELECT id, regexp_replace(name, CASE WHEN id % 3 = 0 THEN '[aeiou]' ELSE 'x' END, dept) FROM emp",
            "SELECT id, regexp_replace(name, CASE WHEN id % 3 = 0 THEN '[aeiou]' ELSE 'x' END, dept, 'g') FROM emp",
            "Spark replaces every match; DuckDB needs the 'g' option for that");
        yield return new("SELECT id, lpad(v, id, 'ab') FROM empty_t");
    }
}
