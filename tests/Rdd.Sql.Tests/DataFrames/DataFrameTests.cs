using Rdd.Sql.Types;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.DataFrames;

public sealed class DataFrameTests : DataFrameTestBase
{
    [Fact]
    public void CreateDataFrameMapsTypesAndNulls()
    {
        var df = PeopleFrame();
        Assert.Equal(["Id", "Name", "Age", "Score", "Dept"], df.Columns);
        Assert.Equal("struct<Id:int,Name:string,Age:int,Score:double,Dept:string>", df.Schema.SimpleString);
        Assert.False(df.Schema[0].Nullable);
        Assert.True(df.Schema[2].Nullable);
        var rows = df.Collect();
        Assert.Equal(5, rows.Length);
        Assert.Equal(new Row(2, "bob", null, 2.0, "eng"), rows[1]);
        Assert.Null(rows[2]["Name"]);
        Assert.Equal(25, rows[2].Get<int>(2));
        Assert.Equal("[3,null,25,3.25,ops]", rows[2].ToString());
        Assert.Equal(5, df.Count());
    }

    [Fact]
    public void DatesAndTimestamps()
    {
        var df = Sql.CreateDataFrame(new[] { new { D = new DateOnly(2024, 1, 2), T = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), B = (bool?)null } });
        Assert.Equal("struct<D:date,T:timestamp,B:boolean>", df.Schema.SimpleString);
        var row = df.First();
        Assert.Equal(new DateOnly(2024, 1, 2), row[0]);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), row.Get<DateTime>(1));
        Assert.Null(row[2]);
    }

    [Fact]
    public void SelectWhereWithColumn()
    {
        var df = PeopleFrame().Where(Col("Age") > 26).WithColumn("double", Col("Score") * 2).Select("Id", "double");
        var expected = People.Where(p => p.Age > 26).Select(p => new Row(p.Id, p.Score * 2)).ToArray();
        Assert.Equal(expected, df.Collect());
        Assert.Equal(["Id", "double"], df.Columns);
    }

    [Fact]
    public void RenameAndDrop()
    {
        var df = PeopleFrame().WithColumnRenamed("Name", "n").Drop("Age", "Score", "nope");
        Assert.Equal(["Id", "n", "Dept"], df.Columns);
        Assert.Equal("alice", df.First()["n"]);
    }

    [Fact]
    public void GroupByAgg()
    {
        var rows = PeopleFrame().GroupBy("Dept").Agg(Sum("Score"), Avg("Age"), Count("Age"), Max("Id")).OrderBy("Dept").Collect();
        var expected = People.GroupBy(p => p.Dept).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Row(g.Key, g.Sum(p => p.Score), g.Average(p => p.Age), (long)g.Count(p => p.Age is not null), g.Max(p => p.Id)))
            .ToArray();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void GroupedCountSumAvgAndGlobalAgg()
    {
        var counts = PeopleFrame().GroupBy("Dept").Count().OrderBy("Dept").Collect();
        Assert.Equal([new Row("eng", 2L), new Row("hr", 1L), new Row("ops", 2L)], counts);
        var df = PeopleFrame().GroupBy("Dept").Sum("Score");
        Assert.Equal(["Dept", "sum(Score)"], df.Columns);
        var total = PeopleFrame().Agg(Sum("Score"), Count("Id")).First();
        Assert.Equal(new Row(People.Sum(p => p.Score), 5L), total);
    }

    [Theory]
    [InlineData("inner")]
    [InlineData("left")]
    [InlineData("left_outer")]
    [InlineData("right")]
    [InlineData("full")]
    [InlineData("outer")]
    public void JoinUsingColumn(string how)
    {
        var rows = PeopleFrame().Select("Id", "Dept").Join(Sql.CreateDataFrame(Depts), "Dept", how).Collect();
        var left = People.Select(p => (p.Id, p.Dept)).ToList();
        var matched = from l in left join d in Depts on l.Dept equals d.Dept select new Row(l.Dept, l.Id, d.Floor);
        var expected = matched.ToList();
        if (how is "left" or "left_outer" or "full" or "outer")
        {
            expected.AddRange(left.Where(l => Depts.All(d => d.Dept != l.Dept)).Select(l => new Row(l.Dept, l.Id, null)));
        }
        if (how is "right" or "full" or "outer")
        {
            expected.AddRange(Depts.Where(d => left.All(l => l.Dept != d.Dept)).Select(d => new Row(d.Dept, null, d.Floor)));
        }
        Assert.Equal(expected.Select(r => r.ToString()).Order(StringComparer.Ordinal), rows.Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void JoinSemiAntiCrossAndCondition()
    {
        var people = PeopleFrame();
        var depts = Sql.CreateDataFrame(Depts);
        var semi = people.Join(depts, "Dept", "left_semi").Select("Id").Collect().Select(r => (int)r[0]!).Order();
        Assert.Equal(People.Where(p => Depts.Any(d => d.Dept == p.Dept)).Select(p => p.Id), semi);
        var anti = people.Join(depts, "Dept", "left_anti").Select("Id").Collect().Select(r => (int)r[0]!);
        Assert.Equal([5], anti);
        Assert.Equal(15, people.Join(depts, Lit(true), "cross").Count());
        var cond = people.Alias("p").Join(depts.Alias("d"), Col("p.Dept") == Col("d.Dept")).Select(Col("p.Id"), Col("d.Floor")).OrderBy("Id").Collect();
        Assert.Equal([new Row(1, "1"), new Row(2, "1"), new Row(3, "2"), new Row(4, "2")], cond);
    }

    [Fact]
    public void OrderByLimitDistinctUnion()
    {
        var df = PeopleFrame();
        Assert.Equal(People.OrderByDescending(p => p.Score).Take(2).Select(p => p.Id),
            df.OrderBy(Col("Score").Desc()).Limit(2).Collect().Select(r => (int)r[0]!));
        Assert.Equal(People.Select(p => p.Dept).Distinct().Order(StringComparer.Ordinal),
            df.Select("Dept").Distinct().Collect().Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(10, df.Union(df).Count());
        Assert.Equal(2, df.Take(2).Length);
        Assert.Equal([0L, 1L, 2L], Sql.Range(3).Collect().Select(r => (long)r[0]!));
        Assert.Equal("struct<id:bigint>", Sql.Range(3).Schema.SimpleString);
        Assert.Equal(1000, Sql.Range(1000).Where(Col("id") >= 0).Count());
        Assert.Equal(0, Sql.Range(0).Count());
    }

    [Fact]
    public void CacheToRddAndViews()
    {
        var cached = PeopleFrame().Where(Col("Dept") == "eng").Cache();
        Assert.Equal(2, cached.Count());
        Assert.Equal(2, cached.ToRdd().Count());
        cached.CreateOrReplaceTempView("eng");
        Assert.Equal([1, 2], Sql.Table("eng").Select("Id").Collect().Select(r => (int)r[0]!).Order());
        Assert.Throws<AnalysisException>(() => Sql.Table("nope"));
    }

    [Fact]
    public void CreateDataFrameFromRdd()
    {
        var df = Sql.CreateDataFrame(Context.Parallelize(People, 2));
        Assert.Equal(5, df.Count());
    }

    [Fact]
    public void CreateDataFrameFromRdd_is_lazy_keeps_partitions_and_streams_big_partitions_in_batches()
    {
        int computed = 0;
        var items = Enumerable.Range(0, 20_000).Select(i => new Person(i, "n" + i, i % 7 == 0 ? null : i % 90, i * 1.5, i % 3 == 0 ? "eng" : "ops")).ToArray();
        var rdd = Context.Parallelize(items, 3).Map(p =>
        {
            Interlocked.Increment(ref computed);
            return p;
        });
        var df = Sql.CreateDataFrame(rdd);
        Assert.Equal(0, Volatile.Read(ref computed)); // nothing collected when the frame is made
        Assert.Contains("ExistingRDD", df.ExplainString(extended: true));
        Assert.Equal(0, Volatile.Read(ref computed));

        Assert.Equal(items.Count(p => p.Dept == "eng"), df.Where(Col("Dept") == "eng").Count());
        Assert.Equal(items.Length, Volatile.Read(ref computed));
        var batches = df.Execute().Glom().Collect();
        Assert.Equal(3, batches.Length);
        Assert.All(batches.SelectMany(b => b), b => Assert.True(b.Length <= 8 * 1024));
        Assert.Equal(2 * items.Length, Volatile.Read(ref computed)); // each query computes the Rdd again, as in Spark

        var sums = df.GroupBy("Dept").Agg(Sum(Col("Age")).As("s")).Collect().ToDictionary(r => (string)r[0]!, r => (long?)r[1]);
        foreach (var dept in new[] { "eng", "ops" })
        {
            Assert.Equal(items.Where(p => p.Dept == dept).Sum(p => (long?)p.Age), sums[dept]);
        }
    }

    [Fact]
    public void ShowMatchesSparkLayout()
    {
        var df = Sql.CreateDataFrame(new[] { new { id = 1, name = "alice" } });
        Assert.Equal("+---+-----+\n| id| name|\n+---+-----+\n|  1|alice|\n+---+-----+\n", df.ShowString());
        var longText = Sql.CreateDataFrame(new[] { new { s = "abcdefghijklmnopqrstuvwxyz" }, new { s = "b" } });
        Assert.Equal("+--------------------+\n|                   s|\n+--------------------+\n|abcdefghijklmnopq...|\n+--------------------+\nonly showing top 1 row\n",
            longText.ShowString(1));
        Assert.Equal("+--------------------------+\n|s                         |\n+--------------------------+\n|abcdefghijklmnopqrstuvwxyz|\n|b                         |\n+--------------------------+\n",
            longText.ShowString(20, 0));
        var nulls = Sql.CreateDataFrame(new[] { new { a = (int?)null, b = 1.0 } });
        Assert.Equal("+----+---+\n|   a|  b|\n+----+---+\n|null|1.0|\n+----+---+\n", nulls.ShowString());
    }

    [Fact]
    public void UnknownColumnListsExistingOnes()
    {
        var e = Assert.Throws<AnalysisException>(() => PeopleFrame().Select("nope"));
        Assert.Contains("nope", e.Message);
        Assert.Contains("Dept", e.Message);
    }

    [Fact]
    public void UnknownJoinTypeThrows() =>
        Assert.Throws<ArgumentException>(() => PeopleFrame().Join(PeopleFrame(), "Id", "sideways"));
}
