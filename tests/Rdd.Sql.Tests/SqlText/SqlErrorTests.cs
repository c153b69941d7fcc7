namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// Malformed and unresolvable SQL: each case's exception type, Spark error class, and position (line and column
/// for <see cref="ParseException"/>, Spark's <c>line L pos P</c> suffix for <see cref="AnalysisException"/>).
/// </summary>
public sealed class SqlErrorTests(SqlTestTables tables) : IClassFixture<SqlTestTables>
{
    private ParseException ParseError(string query) => Assert.Throws<ParseException>(() => tables.Sql.Sql(query));

    private AnalysisException AnalysisError(string query) => Assert.Throws<AnalysisException>(() => tables.Sql.Sql(query));

    [Theory]
    [InlineData("SELEC a FROM t", 1, 1, "'SELEC'")]
    [InlineData("SELECT a FROM", 1, 14, "end of input")]
    [InlineData("SELECT a,\nFROM emp", 2, 1, "'FROM'")]
    [InlineData("SELECT a FROM emp\nWHERE", 2, 6, "end of input")]
    [InlineData("SELECT a FROM emp WHERE a > 1 GROUP a", 1, 37, "'a'")]
    [InlineData("SELECT a FROM emp ORDER a", 1, 25, "'a'")]
    [InlineData("SELECT * FROM emp JOIN dept ON", 1, 31, "end of input")]
    [InlineData("SELECT * FROM emp LEFT dept", 1, 24, "'dept'")]
    [InlineData("SELECT * FROM (SELECT 1", 1, 24, "end of input")]
    [InlineData("SELECT 1 UNION", 1, 15, "end of input")]
    [InlineData("WITH t AS SELECT 1 SELECT * FROM t", 1, 11, "'SELECT'")]
    [InlineData("CREATE VIEW v AS SELECT 1", 1, 8, "'VIEW'")]
    [InlineData("DROP TABLE t", 1, 6, "'TABLE'")]
    [InlineData("SELECT a FROM emp extra words", 1, 25, "'words'")]
    [InlineData("SELECT 1 +\n\n  * 2", 3, 3, "'*'")]
    [InlineData("SELECT * FROM emp NATURAL JOIN dept ON x", 1, 37, "'ON'")]
    [InlineData("SELECT a::", 1, 11, "end of input")]
    [InlineData("SELECT a FROM emp;;", 1, 19, "';'")]
    [InlineData("SELECT split(name, 'a')[0 FROM emp", 1, 27, "'FROM'")]
    [InlineData("SELECT [1]", 1, 8, "'['")]
    [InlineData("SELECT 1.5.5", 1, 11, "'.5'")]
    public void SyntaxError_HasLineColumnAndCaret(string query, int line, int column, string near)
    {
        var e = ParseError(query);

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"[PARSE_SYNTAX_ERROR] Syntax error at or near {near}", e.Message);
        var lines = query.Split('\n');
        Assert.Contains($"{lines[line - 1]}\n{new string('-', column - 1)}^^^", e.Message);
    }

    [Fact]
    public void LexerErrors_HavePositions()
    {
        var comment = ParseError("SELECT 1 /* never closed");
        Assert.Equal((1, 10), (comment.Line, comment.Column));
        Assert.Contains("UNCLOSED_BRACKETED_COMMENT", comment.Message);

        var text = ParseError("SELECT\n 'open");
        Assert.Equal((2, 2), (text.Line, text.Column));
        Assert.Contains("Unclosed string literal", text.Message);
    }

    [Theory]
    [InlineData("SELECT a FROM emp LIMIT -1", "INVALID_LIMIT_LIKE_EXPRESSION", 1, 25)]
    [InlineData("SELECT a FROM emp LIMIT 'x'", "INVALID_LIMIT_LIKE_EXPRESSION", 1, 25)]
    [InlineData("SELECT CAST(a AS widget) FROM emp", "UNSUPPORTED_DATATYPE", 1, 18)]
    [InlineData("SELECT a::widget FROM emp", "UNSUPPORTED_DATATYPE", 1, 11)]
    [InlineData("SELECT DATE '2024-13-01'", "INVALID_TYPED_LITERAL", 1, 13)]
    [InlineData("SELECT TIMESTAMP 'soon'", "INVALID_TYPED_LITERAL", 1, 18)]
    [InlineData("SELECT sum(a) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM nums", "UNSUPPORTED_FEATURE", 1, 32)]
    [InlineData("SELECT first(a) FILTER (WHERE a > 1) FROM nums", "INVALID_AGGREGATE_FILTER", 1, 8)]
    public void InvalidLiteralOrType_IsAParseErrorAtTheToken(string query, string errorClass, int line, int column)
    {
        var e = ParseError(query);

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.StartsWith($"[{errorClass}]", e.Message);
    }

    [Fact]
    public void WindowOverAggregate_ReadsAnUngroupedColumn_IsMissingAggregation()
    {
        var e = AnalysisError("SELECT dept, sum(salary), rank() OVER (ORDER BY hired) FROM emp GROUP BY dept");

        Assert.StartsWith("[MISSING_AGGREGATION] The non-aggregating expression `hired`", e.Message);
    }

    [Fact]
    public void UnknownTable_NamesItAndTheNearestViews()
    {
        var e = AnalysisError("SELECT * FROM emps");

        Assert.StartsWith("[TABLE_OR_VIEW_NOT_FOUND] The table or view `emps` cannot be found.", e.Message);
        Assert.Contains("Did you mean one of the following? [`emp`, ", e.Message);
        Assert.EndsWith("; line 1 pos 14.", e.Message);
    }

    [Fact]
    public void UnknownTable_InAJoinOnTheSecondLine_ReportsThatPosition()
    {
        var e = AnalysisError("SELECT *\nFROM emp JOIN deptt ON true");

        Assert.Contains("`deptt`", e.Message);
        Assert.Contains("[`dept`, ", e.Message);
        Assert.EndsWith("; line 2 pos 14.", e.Message);
    }

    [Fact]
    public void UnknownColumn_IsSparksUnresolvedColumnWithTheNearestNames()
    {
        var e = AnalysisError("SELECT salry FROM emp");

        Assert.StartsWith(
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `salry` cannot be resolved. "
            + "Did you mean one of the following? [`emp.salary`, ",
            e.Message);
        Assert.Equal(5, e.Message.Split("`emp.").Length - 1);
        Assert.EndsWith("]; line 1 pos 7.", e.Message);
    }

    [Theory]
    [InlineData("SELECT id FROM emp WHERE x > 1", "`x`", 1, 26)]
    [InlineData("SELECT id FROM emp\nORDER BY\n  nope", "`nope`", 3, 3)]
    [InlineData("SELECT e.idd FROM emp e", "`e.idd`", 1, 8)]
    [InlineData("SELECT dept, count(*) FROM emp GROUP BY dept HAVING zz > 1", "`zz`", 1, 53)]
    [InlineData("SELECT * FROM emp JOIN dept ON emp.dept = dept.nope", "`dept.nope`", 1, 43)]
    public void UnknownColumn_AnywhereInTheQuery_IsReportedAtItsPosition(string query, string name, int line, int column)
    {
        var e = AnalysisError(query);

        Assert.StartsWith($"[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name {name} cannot be resolved.", e.Message);
        Assert.EndsWith($"; line {line} pos {column - 1}.", e.Message);
    }

    [Fact]
    public void UnknownFunction_NamesTheNearestFunctions()
    {
        var e = AnalysisError("SELECT uper(name) FROM emp");

        Assert.StartsWith("[UNRESOLVED_ROUTINE] Cannot resolve routine `uper`", e.Message);
        Assert.Contains("Did you mean one of the following? [`upper`, ", e.Message);
        Assert.EndsWith("; line 1 pos 7.", e.Message);
    }

    [Theory]
    [InlineData("SELECT dept FROM emp e JOIN dept d ON e.dept = d.dept", "[AMBIGUOUS_REFERENCE]")]
    [InlineData("SELECT dept, salary FROM emp GROUP BY dept", "[MISSING_AGGREGATION]")]
    [InlineData("SELECT dept FROM emp GROUP BY dept HAVING salary > 1", "[MISSING_AGGREGATION]")]
    [InlineData("SELECT id FROM emp ORDER BY 3", "[ORDER_BY_POS_OUT_OF_RANGE]")]
    [InlineData("SELECT dept, count(*) FROM emp GROUP BY 2", "[GROUP_BY_POS_AGGREGATE]")]
    [InlineData("SELECT dept FROM emp GROUP BY 0", "[GROUP_BY_POS_OUT_OF_RANGE]")]
    [InlineData("SELECT id FROM emp UNION SELECT id, name FROM emp", "[NUM_COLUMNS_MISMATCH]")]
    [InlineData("SELECT hired FROM emp UNION SELECT true", "[INCOMPATIBLE_COLUMN_TYPE]")]
    [InlineData("SELECT id FROM emp WHERE name", "[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN]")]
    [InlineData("SELECT id FROM emp WHERE count(*) > 1", "[INVALID_AGGREGATE_USE]")]
    [InlineData("SELECT x.* FROM emp e", "[CANNOT_RESOLVE_STAR_EXPAND]")]
    [InlineData("SELECT * FROM emp JOIN dept USING (floor)", "[UNRESOLVED_USING_COLUMN_FOR_JOIN]")]
    [InlineData("SELECT substring(name, hired) FROM emp", "[DATATYPE_MISMATCH]")]
    [InlineData("SELECT upper(name, dept) FROM emp", "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION]")]
    [InlineData("WITH t (a, b) AS (SELECT 1) SELECT * FROM t", "[CREATE_VIEW_COLUMN_ARITY_MISMATCH]")]
    [InlineData("SELECT id FROM emp WHERE id IN (SELECT id, name FROM emp)", "[INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN]")]
    [InlineData("SELECT e.id FROM emp e WHERE EXISTS (SELECT 1 FROM emp m WHERE m.salary > e.salary)", "[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION]")]
    [InlineData("SELECT id FROM emp WHERE id > 1 OR NOT dept IN (SELECT dept FROM dept)", "[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY]")]
    [InlineData("SELECT e.id FROM emp e WHERE e.id > 1 OR EXISTS (SELECT 1 FROM emp m WHERE m.dept = e.dept AND m.id < e.id)", "[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY]")]
    [InlineData("SELECT id FROM emp WHERE EXISTS (SELECT 1 FROM dept d WHERE d.nope = id)", "[UNRESOLVED_COLUMN.WITH_SUGGESTION]")]
    [InlineData("SELECT rank() OVER w FROM emp", "[MISSING_WINDOW_SPECIFICATION]")]
    [InlineData("SELECT a[0] FROM nums", "[DATATYPE_MISMATCH]")]
    [InlineData("SELECT split(name, 'a')['x'] FROM emp", "[DATATYPE_MISMATCH]")]
    [InlineData("SELECT e.id FROM emp e WHERE (SELECT max(m.id) FROM emp m WHERE m.dept = e.dept AND m.id < e.id) > 3", "[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE]")]
    [InlineData("SELECT id FROM emp INTERSECT ALL SELECT id, name FROM emp", "[NUM_COLUMNS_MISMATCH]")]
    [InlineData("SELECT id FROM emp WHERE name RLIKE '(unclosed'", "[INVALID_PARAMETER_VALUE.PATTERN]")]
    [InlineData("SELECT rank() FROM emp", "[UNSUPPORTED_WINDOW]")]
    [InlineData("SELECT * FROM csv.`/nonexistent/rdd-sql-test/x.csv`", null)]
    public void AnalysisErrors_CarrySparksErrorClass(string query, string? errorClass)
    {
        var e = Assert.ThrowsAny<Exception>(() => tables.Sql.Sql(query));

        if (errorClass is null)
        {
            Assert.IsType<FileNotFoundException>(e, exactMatch: false);
            return;
        }
        Assert.IsType<AnalysisException>(e);
        Assert.StartsWith(errorClass, e.Message);
    }

    [Theory]
    [InlineData("SELECT id, (SELECT a FROM nums WHERE a > 4) FROM emp", "line 1 pos 11")]
    [InlineData("SELECT id FROM emp WHERE salary >\n  (SELECT salary FROM emp WHERE dept = 'hr')", "line 2 pos 2")]
    [InlineData("SELECT e.id, (SELECT o.oid FROM orders o WHERE o.emp_id = e.id) FROM emp e", "line 1 pos 13")]
    public void ScalarSubquery_ReturningSeveralRows_FailsWhenTheQueryRuns_AsInDuckDb(string query, string position)
    {
        var frame = tables.Sql.Sql(query);

        var e = Assert.ThrowsAny<Exception>(() => frame.Collect());
        var message = e.InnerException?.Message ?? e.Message;
        Assert.StartsWith("[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression", message);
        Assert.Contains($"the subquery at {position} returned", message);
        var duck = Assert.ThrowsAny<Exception>(() => tables.QueryDuck(query));
        Assert.Contains("More than one row returned by a subquery used as an expression", duck.Message);
    }

    [Fact]
    public void TypeErrors_AreReportedWhenTheQueryIsDefined_NotWhenItRuns()
    {
        var e = Assert.Throws<AnalysisException>(() => tables.Sql.Sql("SELECT hired + true FROM emp"));

        Assert.Contains("DATATYPE_MISMATCH", e.Message);
    }
}
