namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// Misused date, string and interval functions: each is refused when the query is defined, with Spark's error class
/// and the function, argument or position at fault.
/// </summary>
public sealed class SqlFunctionErrorTests(SqlTestTables tables) : IClassFixture<SqlTestTables>
{
    [Theory]
    [InlineData("SELECT date_add(day, amount) FROM orders", "[DATATYPE_MISMATCH]", "not an int")]
    [InlineData("SELECT date_add(qty, 1) FROM orders", "[DATATYPE_MISMATCH]", "not a date")]
    [InlineData("SELECT datediff(day) FROM orders", "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION]", "`datediff`")]
    [InlineData("SELECT add_months(day, 1, 2) FROM orders", "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION]", "`add_months`")]
    [InlineData("SELECT hour(qty) FROM orders", "[DATATYPE_MISMATCH]", "not a timestamp")]
    [InlineData("SELECT trunc(day, status) FROM orders", "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]", "`format`")]
    [InlineData("SELECT date_format(day, 'yyyy-QQ') FROM orders", "[INVALID_DATETIME_PATTERN]", "'QQ'")]
    [InlineData("SELECT to_date(status, 'yyyy-MM-dd''T') FROM orders", "[INVALID_DATETIME_PATTERN]", "Unclosed quote")]
    [InlineData("SELECT to_timestamp(status, status) FROM orders", "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]", "`to_timestamp`")]
    [InlineData("SELECT date_part('fortnight', day) FROM orders", "[INVALID_EXTRACT_FIELD]", "fortnight")]
    [InlineData("SELECT qty + INTERVAL 1 DAY FROM orders", "[DATATYPE_MISMATCH]", "an interval is added to a date or a timestamp")]
    [InlineData("SELECT INTERVAL 1 DAY", "[UNSUPPORTED_FEATURE]", "line 1, column 8")]
    [InlineData("SELECT current_date(1)", "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION]", "`current_date`")]
    [InlineData("SELECT lpad(name, hired) FROM emp", "[DATATYPE_MISMATCH", "must be an integer")]
    [InlineData("SELECT concat_ws(dept, name) FROM emp", "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]", "`sep`")]
    [InlineData("SELECT regexp_replace(name, '(open', 'x') FROM emp", "[INVALID_PARAMETER_VALUE.PATTERN]", "`regexp_replace`")]
    [InlineData("SELECT split(name, '[') FROM emp", "[INVALID_PARAMETER_VALUE.PATTERN]", "`split`")]
    [InlineData("SELECT regexp_extract(name, '(a)(b)', 3) FROM emp", "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX]", "2 groups")]
    [InlineData("SELECT translate(name, 'a') FROM emp", "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION]", "`translate`")]
    [InlineData("SELECT size(name) FROM emp", "[DATATYPE_MISMATCH]", "needs an array")]
    [InlineData("SELECT dept, grouping(dept) FROM emp GROUP BY dept", "[UNSUPPORTED_GROUPING_EXPRESSION]", "grouping(dept)")]
    [InlineData("SELECT dept, grouping_id(name) FROM emp GROUP BY ROLLUP(dept)", "[GROUPING_COLUMN_MISMATCH]", "(name)")]
    [InlineData("SELECT percentile(salary, 1.5) FROM emp", "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE]", "between 0.0 and 1.0")]
    [InlineData("SELECT percentile_approx(salary, bonus) FROM emp", "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]", "`percentage`")]
    [InlineData("SELECT percentile_approx(salary, 0.5, 0) FROM emp", "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE]", "`accuracy`")]
    [InlineData("SELECT percentile(hired, 0.5) FROM emp", "[DATATYPE_MISMATCH]", "needs numbers")]
    [InlineData("SELECT ntile(0) OVER (ORDER BY id) FROM emp", "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE]", "`buckets`")]
    [InlineData("SELECT nth_value(id, id) OVER (ORDER BY id) FROM emp", "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]", "`offset`")]
    public void MisusedFunction_IsAnAnalysisErrorNamingTheCulprit(string query, string errorClass, string detail)
    {
        var e = Assert.Throws<AnalysisException>(() => tables.Sql.Sql(query));

        Assert.StartsWith(errorClass, e.Message);
        Assert.Contains(detail, e.Message);
    }

    [Theory]
    [InlineData("SELECT day - INTERVAL 'x' DAY FROM orders", "INVALID_INTERVAL_FORMAT", 1, 23)]
    [InlineData("SELECT day + INTERVAL 2 FORTNIGHTS FROM orders", "INVALID_INTERVAL_FORMAT", 1, 25)]
    [InlineData("SELECT extract(EPOCHS FROM day) FROM orders", "INVALID_EXTRACT_FIELD", 1, 16)]
    [InlineData("SELECT extract(YEAR day) FROM orders", "PARSE_SYNTAX_ERROR", 1, 21)]
    public void MalformedIntervalOrExtract_IsAParseErrorAtTheToken(string query, string errorClass, int line, int column)
    {
        var e = Assert.Throws<ParseException>(() => tables.Sql.Sql(query));

        Assert.StartsWith($"[{errorClass}]", e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void BadRegexInAColumn_FailsTheQueryWhenItRuns_NamingThePattern()
    {
        // Only the rows' values show the pattern is malformed, so analysis accepts the query and the job fails.
        var frame = tables.Sql.Sql("SELECT regexp_extract(name, CASE WHEN id = 7 THEN '(open' ELSE '(a)' END, 1) FROM emp");

        var e = Assert.ThrowsAny<Exception>(() => frame.Collect());
        var cause = e is AnalysisException ? e : e.InnerException;

        Assert.IsType<AnalysisException>(cause);
        Assert.Contains("[INVALID_PARAMETER_VALUE.PATTERN]", cause!.Message);
        Assert.Contains("'(open'", cause.Message);
    }

    [Fact]
    public void CurrentDate_IsTodayInUtc_AndTheSameForEveryRow()
    {
        var before = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = tables.Sql.Sql("SELECT current_date(), current_date() FROM emp").Collect();
        var after = DateOnly.FromDateTime(DateTime.UtcNow);

        var values = rows.SelectMany(r => r.Values).Cast<DateOnly>().Distinct().ToList();
        Assert.Single(values);
        Assert.InRange(values[0], before, after);
    }

    [Fact]
    public void CurrentTimestamp_IsNowToTheMicrosecond_AndTheSameForEveryCallAndRow()
    {
        var before = DateTime.UtcNow.AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerMicrosecond) - TimeSpan.TicksPerMicrosecond);
        var rows = tables.Sql.Sql("SELECT current_timestamp(), now(), (SELECT max(current_timestamp()) FROM emp) FROM nums").Collect();
        var after = DateTime.UtcNow;

        var values = rows.SelectMany(r => r.Values).Cast<DateTime>().Distinct().ToList();
        Assert.Single(values);
        Assert.InRange(values[0], before, after);
        Assert.Equal(0, values[0].Ticks % TimeSpan.TicksPerMicrosecond);
    }
}
