namespace Rdd.Sql.Tests.SqlText;

/// <summary>Date and time functions and interval arithmetic, against DuckDB's spelling of Spark's meaning.</summary>
public static partial class SqlCases
{
    private const string DuckDow = "Spark's dayofweek is 1 = Sunday … 7 = Saturday; DuckDB's is 0 … 6";
    private const string DuckIntervalIsTimestamp = "DuckDB's date ± interval is a timestamp; Spark keeps a date for a day/month/year interval";

    /// <summary>A timestamp per order with varied times of day: the order's day plus oid-derived hours, minutes and seconds.</summary>
    private const string Stamps = "(SELECT oid, CAST(day AS TIMESTAMP) + INTERVAL 7 HOURS + INTERVAL 59 MINUTES + INTERVAL 30 SECONDS AS t, day FROM orders) s";

    private static IEnumerable<SqlCase> DateTimeFunctions()
    {
        yield return new("SELECT oid, date_add(day, qty), date_sub(day, qty), date_add(day, -3) FROM orders", "SELECT oid, day + qty, day - qty, day - 3 FROM orders");
        yield return new("SELECT id, date_add(hired, mgr), datediff(hired, DATE '2019-06-01'), datediff(DATE '2019-06-01', hired) FROM emp",
            "SELECT id, hired + mgr, datediff('day', DATE '2019-06-01', hired), datediff('day', hired, DATE '2019-06-01') FROM emp", "datediff(end, start) is DuckDB's datediff('day', start, end)");
        yield return new("SELECT oid, add_months(day, qty), add_months(day, -qty) FROM orders",
            "SELECT oid, CAST(day + to_months(qty) AS DATE), CAST(day - to_months(qty) AS DATE) FROM orders", DuckIntervalIsTimestamp);
        yield return new("SELECT add_months(DATE '2024-01-31', 1), add_months(DATE '2023-01-31', 1), add_months(DATE '2024-02-29', 12), add_months(DATE '2024-03-31', -1)",
            "SELECT DATE '2024-02-29', DATE '2023-02-28', DATE '2025-02-28', DATE '2024-02-29'", "add_months clamps to the month's last day");
        yield return new("SELECT oid, last_day(day), last_day(DATE '2024-02-10'), last_day(DATE '2023-12-31') FROM orders",
            "SELECT oid, last_day(day), DATE '2024-02-29', DATE '2023-12-31' FROM orders");
        yield return new("SELECT oid, trunc(day, 'MM'), trunc(day, 'year'), trunc(day, 'Q'), trunc(day, 'QUARTER'), trunc(day, 'week') FROM orders",
            "SELECT oid, CAST(date_trunc('month', day) AS DATE), CAST(date_trunc('year', day) AS DATE), NULL::DATE, CAST(date_trunc('quarter', day) AS DATE), CAST(date_trunc('week', day) AS DATE) FROM orders",
            "a unit Spark does not know ('Q') gives NULL; weeks start on Monday in both");
        yield return new("SELECT trunc(hired, 'yy'), trunc(hired, 'mon'), trunc(hired, 'dd') FROM emp",
            "SELECT CAST(date_trunc('year', hired) AS DATE), CAST(date_trunc('month', hired) AS DATE), NULL::DATE FROM emp", "Spark's trunc knows no day unit (date_trunc does)");
        yield return new($"SELECT oid, date_trunc('HOUR', t), date_trunc('minute', t), date_trunc('DAY', t), date_trunc('week', t), date_trunc('MM', t), date_trunc('quarter', t), date_trunc('year', t) FROM {Stamps}",
            $"SELECT oid, date_trunc('hour', t), date_trunc('minute', t), date_trunc('day', t), date_trunc('week', t), date_trunc('month', t), date_trunc('quarter', t), date_trunc('year', t) FROM {Stamps}");
        yield return new("SELECT oid, quarter(day), dayofweek(day), dayofyear(day), weekofyear(day) FROM orders",
            "SELECT oid, quarter(day), dayofweek(day) + 1, dayofyear(day), weekofyear(day) FROM orders", DuckDow);
        yield return new("SELECT weekofyear(DATE '2021-01-03'), weekofyear(DATE '2020-12-31'), weekofyear(DATE '2024-12-30'), dayofweek(DATE '2024-12-29')",
            "SELECT 53, 53, 1, 1", "ISO weeks: early January can be week 53 of the year before");
        yield return new($"SELECT oid, hour(t), minute(t), second(t), hour(day), quarter(t) FROM {Stamps}", $"SELECT oid, hour(t), minute(t), second(t), 0, quarter(t) FROM {Stamps}");
        yield return new("SELECT hour(TIMESTAMP '2024-05-06 23:04:05.678'), minute(TIMESTAMP '2024-05-06 23:04:05'), second(TIMESTAMP '1969-12-31 23:59:58'), hour('2024-01-02 03:04:05')",
            "SELECT 23, 4, 58, 3", "times before the epoch count down from midnight correctly");
        yield return new("SELECT oid, extract(YEAR FROM day), extract(month FROM day), extract(DAY FROM day), extract(QUARTER FROM day), extract(WEEK FROM day), extract(DOY FROM day), extract(DOW FROM day), extract(DAYOFWEEK_ISO FROM day) FROM orders",
            "SELECT oid, extract(year FROM day), extract(month FROM day), extract(day FROM day), extract(quarter FROM day), extract(week FROM day), extract(doy FROM day), extract(dow FROM day) + 1, extract(isodow FROM day) FROM orders", DuckDow);
        yield return new($"SELECT oid, extract(HOUR FROM t), extract(MINUTE FROM t), extract(SECOND FROM t), date_part('year', t), date_part('SECONDS', TIMESTAMP '2024-05-06 23:04:05.678') FROM {Stamps}",
            $"SELECT oid, extract(hour FROM t), extract(minute FROM t), extract(second FROM t), extract(year FROM t), 5.678 FROM {Stamps}", "Spark's SECOND is a decimal(8, 6) with the fraction");
        yield return new("SELECT id, date_part('month', hired), date_part('d', hired), date_part('dow', hired) FROM emp", "SELECT id, month(hired), day(hired), dayofweek(hired) + 1 FROM emp", DuckDow);
        yield return new("SELECT to_date('06/05/2024', 'dd/MM/yyyy'), to_date('2024-05-06 11:12', 'yyyy-MM-dd HH:mm'), to_date('May 6 2024', 'MMM d yyyy'), to_date('garbage', 'yyyy-MM-dd'), to_date(NULL, 'yyyy')",
            "SELECT DATE '2024-05-06', DATE '2024-05-06', DATE '2024-05-06', NULL::DATE, NULL::DATE", "a string the pattern does not match is NULL (Spark without ANSI mode)");
        yield return new("SELECT to_timestamp('2024-05-06 07:08:09', 'yyyy-MM-dd HH:mm:ss'), to_timestamp('06.05.2024 7:08 PM', 'dd.MM.yyyy h:mm a'), to_timestamp('2024-05-06T07:08:09.123', 'yyyy-MM-dd''T''HH:mm:ss.SSS'), to_timestamp('x', 'yyyy')",
            "SELECT TIMESTAMP '2024-05-06 07:08:09', TIMESTAMP '2024-05-06 19:08:00', TIMESTAMP '2024-05-06 07:08:09.123', NULL::TIMESTAMP", "'' is a quote inside a quoted pattern");
        yield return new("SELECT oid, date_format(day, 'dd.MM.yyyy'), date_format(day, 'yyyy/MM/dd EEE MMM'), date_format(day, 'EEEE, MMMM d, yy') FROM orders",
            "SELECT oid, strftime(day, '%d.%m.%Y'), strftime(day, '%Y/%m/%d %a %b'), strftime(day, '%A, %B %-d, %y') FROM orders", "Spark patterns are DuckDB strftime formats");
        yield return new($"SELECT oid, date_format(t, 'yyyy-MM-dd HH:mm:ss'), date_format(t, 'hh:mm a'), to_timestamp(date_format(t, 'yyyyMMddHHmmss'), 'yyyyMMddHHmmss') FROM {Stamps}",
            $"SELECT oid, strftime(t, '%Y-%m-%d %H:%M:%S'), strftime(t, '%I:%M %p'), t FROM {Stamps}", "formatting and parsing with the same pattern round-trips");
        yield return new("SELECT oid, to_date(date_format(day, 'MM/dd/yyyy'), 'MM/dd/yyyy') FROM orders", "SELECT oid, day FROM orders");
        yield return new("SELECT to_timestamp('2024-05-06 07:08:09'), to_timestamp(DATE '2024-05-06', 'yyyy'), to_date(TIMESTAMP '2024-05-06 23:59:59', 'yyyy')",
            "SELECT TIMESTAMP '2024-05-06 07:08:09', TIMESTAMP '2024-05-06 00:00:00', DATE '2024-05-06'", "without a pattern, or on a date or timestamp, to_date/to_timestamp are casts");
        yield return new("SELECT DATE '1998-12-01' - INTERVAL '90' DAY, DATE '1998-12-01' + INTERVAL '1' YEAR, DATE '1995-01-31' + INTERVAL 1 MONTH, INTERVAL 3 DAYS + DATE '2000-02-27'",
            "SELECT CAST(DATE '1998-12-01' - INTERVAL '90' DAY AS DATE), CAST(DATE '1998-12-01' + INTERVAL '1' YEAR AS DATE), CAST(DATE '1995-01-31' + INTERVAL 1 MONTH AS DATE), CAST(DATE '2000-02-27' + INTERVAL 3 DAY AS DATE)", DuckIntervalIsTimestamp);
        yield return new("SELECT oid, day + INTERVAL 3 MONTH, day - INTERVAL '2' WEEK, day + INTERVAL 1 YEAR 2 MONTHS FROM orders",
            "SELECT oid, CAST(day + INTERVAL 3 MONTH AS DATE), CAST(day - INTERVAL 14 DAY AS DATE), CAST(day + INTERVAL 14 MONTH AS DATE) FROM orders", DuckIntervalIsTimestamp);
        yield return new("SELECT count(*), sum(qty) FROM orders WHERE day >= DATE '2024-03-01' AND day < DATE '2024-03-01' + INTERVAL '3' MONTH",
            "SELECT count(*), sum(qty) FROM orders WHERE day >= DATE '2024-03-01' AND day < DATE '2024-06-01'", "TPC-H's date range predicate");
        yield return new("SELECT status, count(*) FROM orders WHERE day <= DATE '2025-02-01' - INTERVAL '90' DAY GROUP BY status", Note: "TPC-H Q1's shipdate bound");
        yield return new($"SELECT oid, t + INTERVAL 1 MONTH, t - INTERVAL 90 MINUTES, day + INTERVAL 36 HOURS FROM {Stamps}", Note: "a date plus a time interval is a timestamp in both");
    }
}
