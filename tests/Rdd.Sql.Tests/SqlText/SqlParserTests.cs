using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Tests.SqlText;

/// <summary>The syntax tree <see cref="SqlParser"/> builds, with positions, before any name is looked up.</summary>
public sealed class SqlParserTests
{
    private static QuerySyntax Query(string text) => Assert.IsType<QueryStatement>(SqlParser.Parse(text)).Query;

    private static SelectBody Select(string text) => Assert.IsType<SelectBody>(Query(text).Body);

    [Fact]
    public void Parse_Select_KeepsClausesAndPositions()
    {
        var select = Select("SELECT a, b AS x\nFROM t\nWHERE a > 1\nGROUP BY a\nHAVING count(*) > 2");

        Assert.Equal(new TextPosition(1, 1), select.Position);
        Assert.Equal(["a", "(b AS x)"], select.Items.Select(i => i is Alias alias ? $"({alias.Child} AS {alias.Name})" : i.ToString()));
        var table = Assert.IsType<TableRelation>(select.From);
        Assert.Equal(("t", new TextPosition(2, 6)), (table.Name, table.Position));
        Assert.Equal("(a > 1)", select.Where!.ToString());
        Assert.Equal("a", Assert.Single(select.GroupBy!).ToString());
        Assert.NotNull(select.Having);
    }

    [Fact]
    public void Parse_KeywordsAnyCase_QuotedNamesAndComments()
    {
        var select = Select("sElEcT `select`, `a b` -- line comment\n/* block /* nested */ */ FrOm `from` AS `t t`");

        Assert.Equal(["select", "a b"], select.Items.Select(i => ((ColumnReference)i).Name));
        var table = Assert.IsType<TableRelation>(select.From);
        Assert.Equal(("from", "t t"), (table.Name, table.Alias));
    }

    [Fact]
    public void Parse_Stars_PlainAndQualified()
    {
        var select = Select("SELECT *, t.* FROM t");

        Assert.Equal([(null, "*"), ("t", "*")], select.Items.Cast<ColumnReference>().Select(c => (c.Qualifier, c.Name)));
    }

    [Theory]
    [InlineData("JOIN", "Inner")]
    [InlineData("INNER JOIN", "Inner")]
    [InlineData("LEFT JOIN", "LeftOuter")]
    [InlineData("left outer join", "LeftOuter")]
    [InlineData("RIGHT OUTER JOIN", "RightOuter")]
    [InlineData("FULL JOIN", "FullOuter")]
    [InlineData("FULL OUTER JOIN", "FullOuter")]
    [InlineData("LEFT SEMI JOIN", "LeftSemi")]
    [InlineData("SEMI JOIN", "LeftSemi")]
    [InlineData("LEFT ANTI JOIN", "LeftAnti")]
    [InlineData("ANTI JOIN", "LeftAnti")]
    public void Parse_JoinKeywords_GiveTheJoinType(string keywords, string expected)
    {
        var join = Assert.IsType<JoinRelation>(Select($"SELECT * FROM a x {keywords} b y ON x.k = y.k").From);

        Assert.Equal(expected, join.JoinType.ToString());
        Assert.Equal("(x.k = y.k)", join.Condition!.ToString());
        Assert.Equal(("x", "y"), (((TableRelation)join.Left).Alias, ((TableRelation)join.Right).Alias));
    }

    [Fact]
    public void Parse_UsingNaturalCommaAndCross()
    {
        var usingJoin = Assert.IsType<JoinRelation>(Select("SELECT * FROM a JOIN b USING (k, `l m`)").From);
        Assert.Equal(["k", "l m"], usingJoin.UsingColumns);

        var natural = Assert.IsType<JoinRelation>(Select("SELECT * FROM a NATURAL LEFT JOIN b").From);
        Assert.True(natural.Natural);
        Assert.Equal(JoinType.LeftOuter, natural.JoinType);

        var comma = Assert.IsType<JoinRelation>(Select("SELECT * FROM a, b, c").From);
        Assert.Equal(JoinType.Cross, comma.JoinType);
        Assert.IsType<JoinRelation>(comma.Left);

        Assert.Equal(JoinType.Cross, Assert.IsType<JoinRelation>(Select("SELECT * FROM a CROSS JOIN b").From).JoinType);
    }

    [Fact]
    public void Parse_SetOperations_IntersectBindsTighter()
    {
        var body = Assert.IsType<SetOperationBody>(Query("SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4").Body);

        Assert.Equal((SetOperator.Except, false), (body.Operator, body.All));
        var union = Assert.IsType<SetOperationBody>(body.Left);
        Assert.Equal((SetOperator.Union, true), (union.Operator, union.All));
        Assert.Equal(SetOperator.Intersect, Assert.IsType<SetOperationBody>(union.Right).Operator);
    }

    [Fact]
    public void Parse_WithOrderByLimit_BelongToTheQuery()
    {
        var query = Query("WITH a AS (SELECT 1 x), b (y) AS (SELECT x FROM a) SELECT y FROM b ORDER BY 1 DESC NULLS FIRST, y LIMIT 5");

        Assert.Equal(["a", "b"], query.With.Select(c => c.Name));
        Assert.Equal(["y"], query.With[1].ColumnNames);
        Assert.Equal(new TextPosition(1, 25), query.With[1].Position);
        Assert.Equal(2, query.OrderBy.Count);
        Assert.Equal((false, true), (query.OrderBy[0].Ascending, query.OrderBy[0].NullsFirst));
        Assert.Equal(5, query.Limit);
    }

    [Fact]
    public void Parse_SubqueryAndFileRelations()
    {
        var join = Assert.IsType<JoinRelation>(Select("SELECT * FROM (SELECT 1 AS k) s JOIN csv.`/data/x.csv` f ON s.k = f._c0").From);

        Assert.Equal("s", Assert.IsType<SubqueryRelation>(join.Left).Alias);
        var file = Assert.IsType<FileRelation>(join.Right);
        Assert.Equal(("csv", "/data/x.csv", "f"), (file.Format, file.Path, file.Alias));
    }

    [Fact]
    public void Parse_Statements()
    {
        var create = Assert.IsType<CreateViewStatement>(SqlParser.Parse("CREATE OR REPLACE TEMPORARY VIEW v (a) AS SELECT 1"));
        Assert.Equal(("v", true), (create.Name, create.OrReplace));
        Assert.Equal(["a"], create.ColumnNames);
        Assert.False(Assert.IsType<CreateViewStatement>(SqlParser.Parse("create temp view v as select 1")).OrReplace);
        Assert.True(Assert.IsType<DropViewStatement>(SqlParser.Parse("DROP VIEW IF EXISTS v;")).IfExists);
        Assert.Equal("a*", Assert.IsType<ShowTablesStatement>(SqlParser.Parse("SHOW TABLES LIKE 'a*'")).Pattern);
        Assert.IsType<TableRelation>(Assert.IsType<DescribeStatement>(SqlParser.Parse("DESCRIBE TABLE t")).Target);
        Assert.IsType<SubqueryRelation>(Assert.IsType<DescribeStatement>(SqlParser.Parse("DESC QUERY SELECT 1")).Target);
        var explain = Assert.IsType<ExplainStatement>(SqlParser.Parse("EXPLAIN EXTENDED SELECT 1"));
        Assert.True(explain.Extended);
        Assert.IsType<QueryStatement>(explain.Statement);
        var cache = Assert.IsType<CacheTableStatement>(SqlParser.Parse("CACHE LAZY TABLE c AS SELECT 1"));
        Assert.True(cache.Lazy);
        Assert.NotNull(cache.Query);
        Assert.Equal("c", Assert.IsType<UncacheTableStatement>(SqlParser.Parse("UNCACHE TABLE IF EXISTS c")).Name);
    }

    [Fact]
    public void ExpressionGrammar_IsShared_WithWhereAndSelectExpr()
    {
        Assert.IsType<Cast>(ExpressionParser.ParseExpression("a::int"));
        Assert.Equal("CAST(CAST(a AS BIGINT) AS STRING)", ExpressionParser.ParseExpression("a::bigint::string").ToString());
        Assert.Equal("(0 - CAST(a AS INT))", ExpressionParser.ParseExpression("-a::int").ToString());
        Assert.IsType<CaseWhen>(ExpressionParser.ParseExpression("a <=> b"));
        Assert.IsType<Not>(ExpressionParser.ParseExpression("a IS DISTINCT FROM b"));
        Assert.IsType<CaseWhen>(ExpressionParser.ParseExpression("a IS NOT DISTINCT FROM b"));
        Assert.IsType<Like>(ExpressionParser.ParseExpression("a ILIKE 'X%'"));
        Assert.IsType<Not>(ExpressionParser.ParseExpression("a NOT ILIKE 'X%'"));
        Assert.IsType<CaseWhen>(ExpressionParser.ParseExpression("nullif(a, 1)"));
        Assert.IsType<CaseWhen>(ExpressionParser.ParseExpression("if(a > 1, 1, 2)"));
        var select = Select("SELECT a::int, a <=> b FROM t");
        Assert.IsType<Cast>(select.Items[0]);
        Assert.IsType<CaseWhen>(select.Items[1]);
    }

    [Fact]
    public void Parse_WindowsFiltersAndNamedWindows()
    {
        var select = Select("SELECT sum(x) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING), rank() OVER w, "
            + "count(*) FILTER (WHERE x > 0) FROM t WINDOW w AS (ORDER BY t DESC)");

        var window = Assert.IsType<WindowExpression>(select.Items[0]);
        Assert.Equal(("g", "t"), (window.PartitionSpec[0].ToString(), window.OrderSpec[0].Child.ToString()));
        Assert.Equal(new RowFrame(-2, 1), window.Frame);
        Assert.Equal("w", Assert.IsType<NamedWindow>(select.Items[1]).Name);
        Assert.IsType<CaseWhen>(Assert.IsType<AggregateFunction>(select.Items[2]).Children[0]);
        Assert.False(Assert.Single(select.Windows!).Value.OrderSpec[0].Ascending);
    }

    [Theory]
    [InlineData("ROLLUP(a, b)", "(a, b) (a) ()")]
    [InlineData("CUBE(a, b)", "(a, b) (a) (b) ()")]
    [InlineData("GROUPING SETS ((a, b), a, ())", "(a, b) (a) ()")]
    [InlineData("c, ROLLUP(a)", "(c, a) (c)")]
    [InlineData("a, b WITH ROLLUP", "(a, b) (a) ()")]
    [InlineData("a, b WITH CUBE", "(a, b) (a) (b) ()")]
    public void Parse_GroupingSets_ExpandToTheSets(string groupBy, string expected)
    {
        var select = Select($"SELECT count(*) FROM t GROUP BY {groupBy}");

        Assert.Equal(expected, string.Join(" ", select.GroupingSets!.Select(set => $"({string.Join(", ", set)})")));
        Assert.Null(Select("SELECT count(*) FROM t GROUP BY a, b").GroupingSets);
    }
}
