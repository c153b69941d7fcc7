using Rdd.Sql.Types;
using Rdd.Sql.Tests.DataFrames;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// SQL text and the DataFrame API build the same plan: the same query written both ways optimizes to the same
/// logical plan and plans to the same physical operators (no second engine behind <see cref="SqlContext.Sql"/>).
/// </summary>
public sealed class SqlPlanEquivalenceTests : DataFrameTestBase
{
    public SqlPlanEquivalenceTests()
    {
        PeopleFrame().CreateOrReplaceTempView("people");
        Sql.CreateDataFrame(Depts).CreateOrReplaceTempView("depts");
    }

    private static void AssertSamePlan(DataFrame fromSql, DataFrame fromApi)
    {
        Assert.Equal(fromApi.Optimized().Plan.TreeString(), fromSql.Optimized().Plan.TreeString());
        Assert.Equal(fromApi.ExplainString(), fromSql.ExplainString());
        Assert.Equal(fromApi.Collect(), fromSql.Collect());
    }

    [Fact]
    public void FilterAndProject()
    {
        var people = Sql.Table("people");
        AssertSamePlan(
            Sql.Sql("SELECT Name, Age + 1 AS next FROM people WHERE Age > 26"),
            people.Where(Col("Age") > 26).Select(Col("Name"), (Col("Age") + 1).As("next")));
    }

    [Fact]
    public void GroupByWithAggregates()
    {
        var people = Sql.Table("people");
        AssertSamePlan(
            Sql.Sql("SELECT Dept, count(*) AS n, avg(Score) AS s FROM people GROUP BY Dept"),
            people.GroupBy("Dept").Agg(Count(Lit(1)).As("n"), Avg("Score").As("s")));
    }

    [Fact]
    public void JoinSortLimit()
    {
        var p = Sql.Table("people").Alias("p");
        var d = Sql.Table("depts").Alias("d");
        AssertSamePlan(
            Sql.Sql("SELECT p.Name, d.Floor FROM people p JOIN depts d ON p.Dept = d.Dept ORDER BY p.Name DESC LIMIT 2"),
            p.Join(d, Col("p.Dept") == Col("d.Dept")).Select(Col("p.Name"), Col("d.Floor")).OrderBy(Col("p.Name").Desc()).Limit(2));
    }

    [Fact]
    public void UsingJoinAndUnion()
    {
        var people = Sql.Table("people");
        var depts = Sql.Table("depts");
        AssertSamePlan(
            Sql.Sql("SELECT * FROM people LEFT JOIN depts USING (Dept)"),
            people.Join(depts, "Dept", "left"));
        AssertSamePlan(
            Sql.Sql("SELECT Dept FROM people UNION ALL SELECT Dept FROM depts"),
            people.Select("Dept").Union(depts.Select("Dept")));
    }

    [Fact]
    public void Subqueries_BecomeSemiAndAntiJoins()
    {
        var inPlan = Sql.Sql("SELECT Name FROM people WHERE Dept IN (SELECT Dept FROM depts WHERE Floor = '1')").Optimized().Plan.TreeString();
        Assert.Contains("Join LeftSemi", inPlan);

        var existsPlan = Sql.Sql("SELECT Name FROM people p WHERE NOT EXISTS (SELECT 1 FROM depts d WHERE d.Dept = p.Dept)").Optimized().Plan.TreeString();
        Assert.Contains("Join LeftAnti", existsPlan);
        Assert.Equal(["alice", "bob", "erin"], Sql.Sql("SELECT Name FROM people p WHERE Dept NOT IN ('ops') ORDER BY Name").Collect().Select(r => (string?)r[0]));
        Assert.Equal(["erin"], Sql.Sql("SELECT Name FROM people p WHERE NOT EXISTS (SELECT 1 FROM depts d WHERE d.Dept = p.Dept)").Collect().Select(r => (string?)r[0]));
    }

    [Fact]
    public void DecimalLiterals_MeetDoubleColumnsAsDoubleLiterals_AndIntegersAsDecimals()
    {
        // TPC-H Q6's shape: the decimal bounds become double literals (the column is not cast to decimal).
        var people = Sql.Table("people");
        AssertSamePlan(
            Sql.Sql("SELECT Name FROM people WHERE Score BETWEEN 0.75 AND 3.5 - 0.25"),
            people.Where(Col("Score").Between(0.75, 3.25)).Select("Name"));
        var plan = Sql.Sql("SELECT Name FROM people WHERE Score BETWEEN 0.75 AND 3.5 - 0.25").Optimized().Plan.TreeString();
        Assert.DoesNotContain("decimal", plan, StringComparison.OrdinalIgnoreCase);
        AssertSamePlan(
            Sql.Sql("SELECT Name, Age * 1.5 AS x FROM people"),
            people.Select(Col("Name"), (Col("Age") * Lit(1.5m)).As("x")));
        Assert.Equal(new DecimalType(13, 1), Sql.Sql("SELECT Age * 1.5 FROM people").Schema.Fields[0].DataType);
        Assert.Equal([45.0m, null, 37.5m, 61.5m, 45.0m], Sql.Sql("SELECT Age * 1.5 FROM people ORDER BY Id").Collect().Select(r => (decimal?)r[0]));
    }

    [Fact]
    public void CorrelatedExists_WithANonEquality_IsASemiJoinWithAResidual()
    {
        var sql = Sql.Sql("SELECT p.Name FROM people p WHERE EXISTS (SELECT 1 FROM people q WHERE q.Dept = p.Dept AND q.Id <> p.Id) ORDER BY p.Name");
        Assert.Contains("Join LeftSemi", sql.Optimized().Plan.TreeString());
        Assert.Equal([null, "alice", "bob", "dave"], sql.Collect().Select(r => (string?)r[0]).Order());
    }
}
