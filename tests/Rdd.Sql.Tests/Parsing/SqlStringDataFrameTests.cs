using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.Parsing;

public sealed class SqlStringDataFrameTests : DataFrameTestBase
{
    [Fact]
    public void WhereStringMatchesColumnApi()
    {
        var df = PeopleFrame();
        var expected = df.Where((Col("age") > 30) & Col("name").Like("d%")).Collect();
        var actual = df.Where("age > 30 AND name LIKE 'd%'").Collect();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void WhereStringFromTheBrief()
    {
        var df = PeopleFrame();
        Assert.Equal(
            df.Where((Col("age") > 30) & Col("name").Like("a%")).Collect(),
            df.Where("age > 30 AND name LIKE 'a%'").Collect());
        Assert.Equal(
            df.Where((Col("age") >= 30) & Col("name").Like("a%")).Collect(),
            df.Where("age >= 30 AND name LIKE 'a%'").Collect());
        Assert.Single(df.Where("age >= 30 AND name LIKE 'a%'").Collect());
    }

    [Fact]
    public void FilterStringWithNullsInAndCase()
    {
        var df = PeopleFrame();
        Assert.Equal(
            df.Filter(Col("age").IsNull() | Col("dept").IsIn("hr")).Collect(),
            df.Filter("age IS NULL OR dept IN ('hr')").Collect());
        Assert.Equal(2, df.Filter("CASE WHEN dept = 'ops' THEN true ELSE false END").Count());
        Assert.Equal(3, df.Filter("score BETWEEN 1 AND 3.5").Count());
        Assert.Equal(2, df.Filter("NOT dept = 'ops' AND age IS NOT NULL").Count());
    }

    [Fact]
    public void SelectExprMatchesColumnApi()
    {
        var df = PeopleFrame();
        var expected = df.Select(Upper(Col("name")).As("n"), Col("age") + 1);
        var actual = df.SelectExpr("upper(name) AS n", "age + 1");
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(["n", "(age + 1)"], actual.Columns);
        Assert.Equal(expected.Collect(), actual.Collect());
    }

    [Fact]
    public void SelectExprCastsCaseAndStar()
    {
        var df = PeopleFrame();
        var result = df.SelectExpr("id", "CAST(score AS int) s", "CASE dept WHEN 'eng' THEN 1 ELSE 0 END AS is_eng").Collect();
        Assert.Equal(
            df.Select(Col("id"), Col("score").Cast("int").As("s"), When(Col("dept") == "eng", 1).Otherwise(0).As("is_eng")).Collect(),
            result);
        Assert.Equal(df.Columns, df.SelectExpr("*").Columns);
    }

    [Fact]
    public void ExprBuildsColumns()
    {
        var df = PeopleFrame();
        Assert.Equal(
            df.GroupBy("dept").Agg(Count("*"), Avg("score")).OrderBy("dept").Collect(),
            df.GroupBy("dept").Agg(Expr("count(*)"), Expr("avg(score)")).OrderBy("dept").Collect());
        Assert.Equal("x", df.Select(Expr("age * 2 AS x")).Columns.Single());
    }

    [Fact]
    public void ErrorsSurfaceThroughDataFrame()
    {
        var df = PeopleFrame();
        var e = Assert.Throws<ParseException>(() => df.Where("age >\n> 1"));
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Throws<AnalysisException>(() => df.SelectExpr("nope(age)"));
    }
}
