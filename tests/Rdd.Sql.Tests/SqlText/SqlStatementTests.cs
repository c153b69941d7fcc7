using Rdd.Sql.Tests.DataFrames;

namespace Rdd.Sql.Tests.SqlText;

/// <summary>The commands of <see cref="SqlContext.Sql"/>: views, SHOW TABLES, DESCRIBE, EXPLAIN, CACHE, files in place.</summary>
public sealed class SqlStatementTests : DataFrameTestBase
{
    public SqlStatementTests() => PeopleFrame().CreateOrReplaceTempView("people");

    [Fact]
    public void CreateTempView_IsQueryableBySqlAndTable()
    {
        var result = Sql.Sql("CREATE TEMP VIEW adults AS SELECT name, age FROM people WHERE age >= 30");

        Assert.Empty(result.Columns);
        Assert.Empty(result.Collect());
        Assert.Equal(["alice", "dave", "erin"], Sql.Sql("SELECT name FROM adults ORDER BY name").Collect().Select(r => (string?)r[0]));
        Assert.Equal(3, Sql.Table("adults").Count());
    }

    [Fact]
    public void CreateView_WithColumnNames_RenamesColumns()
    {
        Sql.Sql("CREATE OR REPLACE TEMPORARY VIEW v (who, years) AS SELECT name, age FROM people");

        Assert.Equal(["who", "years"], Sql.Table("v").Columns);
    }

    [Fact]
    public void CreateView_ThatExists_Throws_UnlessOrReplace()
    {
        Sql.Sql("CREATE TEMP VIEW v AS SELECT 1 AS x");

        var e = Assert.Throws<AnalysisException>(() => Sql.Sql("CREATE TEMP VIEW v AS SELECT 2 AS x"));
        Assert.StartsWith("[TEMP_TABLE_OR_VIEW_ALREADY_EXISTS]", e.Message);
        Sql.Sql("CREATE OR REPLACE TEMP VIEW v AS SELECT 2 AS x");
        Assert.Equal(2, Sql.Sql("SELECT x FROM v").First()[0]);
    }

    [Fact]
    public void View_KeepsItsPlan_WhenAViewItReadsIsReplaced()
    {
        Sql.Sql("CREATE TEMP VIEW base AS SELECT 1 AS x");
        Sql.Sql("CREATE TEMP VIEW derived AS SELECT x + 1 AS y FROM base");
        Sql.Sql("CREATE OR REPLACE TEMP VIEW base AS SELECT 10 AS x");

        Assert.Equal(2, Sql.Sql("SELECT y FROM derived").First()[0]);
    }

    [Fact]
    public void DropView_RemovesIt_IfExistsTolerated()
    {
        Sql.Sql("CREATE TEMP VIEW gone AS SELECT 1 AS x");
        Sql.Sql("DROP VIEW gone");

        Assert.Throws<AnalysisException>(() => Sql.Sql("SELECT * FROM gone"));
        Assert.Throws<AnalysisException>(() => Sql.Sql("DROP VIEW gone"));
        Sql.Sql("DROP VIEW IF EXISTS gone");
    }

    [Fact]
    public void ShowTables_ListsViews_WithSparksColumns()
    {
        Sql.Sql("CREATE TEMP VIEW alpha AS SELECT 1 AS x");

        var all = Sql.Sql("SHOW TABLES");
        Assert.Equal(["namespace", "tableName", "isTemporary"], all.Columns);
        Assert.Equal(["alpha", "people"], all.Collect().Select(r => (string?)r[1]));
        Assert.All(all.Collect(), r => Assert.Equal(true, r[2]));
        Assert.Equal(["people"], Sql.Sql("SHOW TABLES LIKE 'peo*|zzz'").Collect().Select(r => (string?)r[1]));
    }

    [Fact]
    public void Describe_ListsColumnsAndTypes()
    {
        var rows = Sql.Sql("DESCRIBE people").Collect();

        Assert.Equal(["Id", "Name", "Age", "Score", "Dept"], rows.Select(r => (string?)r[0]));
        Assert.Equal(["int", "string", "int", "double", "string"], rows.Select(r => (string?)r[1]));
        Assert.Equal(["x", "y"], Sql.Sql("DESCRIBE QUERY SELECT 1 AS x, 'a' AS y").Collect().Select(r => (string?)r[0]));
        Assert.Equal(["col_name", "data_type", "comment"], Sql.Sql("DESC TABLE people").Columns);
    }

    [Fact]
    public void Explain_ReturnsThePlansAsAFrame()
    {
        var plan = (string)Sql.Sql("EXPLAIN SELECT name FROM people WHERE age > 30").First()[0]!;
        Assert.StartsWith("== Physical Plan ==", plan);
        Assert.Contains("Filter", plan);

        var extended = (string)Sql.Sql("EXPLAIN EXTENDED SELECT name FROM people WHERE age > 30").First()[0]!;
        Assert.Contains("== Analyzed Logical Plan ==", extended);
        Assert.Contains("== Optimized Logical Plan ==", extended);
        Assert.Equal(["plan"], Sql.Sql("EXPLAIN SELECT 1").Columns);
    }

    [Fact]
    public void CacheTable_ServesLaterQueriesFromTheCache_UncacheRecomputes()
    {
        Sql.Sql("CACHE TABLE people");
        Assert.Contains("InMemoryRelation", Sql.Sql("SELECT * FROM people").ExplainString(true));
        Assert.DoesNotContain("not computed yet", Sql.Table("people").ExplainString(true));

        Sql.Sql("UNCACHE TABLE people");
        Assert.DoesNotContain("InMemoryRelation", Sql.Sql("SELECT * FROM people").ExplainString(true));
        Assert.Equal(5, Sql.Sql("SELECT * FROM people").Count());
        Sql.Sql("UNCACHE TABLE IF EXISTS nothing");
    }

    [Fact]
    public void CacheTableAs_DefinesAndCachesAView()
    {
        Sql.Sql("CACHE LAZY TABLE ops AS SELECT * FROM people WHERE Dept = 'ops'");

        Assert.Contains("not computed yet", Sql.Table("ops").ExplainString(true));
        Assert.Equal(2L, Sql.Sql("SELECT count(*) FROM ops").First()[0]);
    }

    [Fact]
    public void FilesQueriedInPlace_CsvJsonArrowParquet()
    {
        string csv = TempPath() + ".csv";
        File.WriteAllText(csv, "1,a\n2,b\n3,\n");
        var fromCsv = Sql.Sql($"SELECT _c1, count(*) FROM csv.`{csv}` WHERE _c0 > 1 GROUP BY _c1 ORDER BY _c1").Collect();
        Assert.Equal([(null, 1L), ("b", 1L)], fromCsv.Select(r => ((string?)r[0], (long)r[1]!)));

        string json = TempPath() + ".json";
        File.WriteAllText(json, "{\"k\": 1, \"v\": \"x\"}\n{\"k\": 2, \"v\": null}\n");
        Assert.Equal(["x"], Sql.Sql($"SELECT v FROM json.`{json}` t WHERE t.k = 1").Collect().Select(r => (string?)r[0]));

        string arrow = TempPath();
        PeopleFrame().Write.Arrow(arrow);
        Assert.Equal(5L, Sql.Sql($"SELECT count(*) FROM arrow.`{arrow}`").First()[0]);

        string parquet = TempPath();
        PeopleFrame().Write.Parquet(parquet);
        Assert.Equal(["alice", "erin"], Sql.Sql($"SELECT Name FROM parquet.`{parquet}` WHERE Age = 30 ORDER BY Name").Collect().Select(r => (string?)r[0]));
    }

    [Fact]
    public void ReadmeExample_Runs()
    {
        string csv = TempPath() + ".csv";
        File.WriteAllText(csv, "region,units,price\neu,5,30.0\neu,4,10.0\nus,9,20.0\nus,2,99.0\nus,7,1.5\nasia,8,50.0\n");
        Sql.Read.Csv(csv).CreateOrReplaceTempView("sales");
        var rows = Sql.Sql("""
            WITH big AS (SELECT region, units * price AS revenue FROM sales WHERE units > 3)
            SELECT region, sum(revenue) AS revenue, count(*) FILTER (WHERE revenue > 100) AS large
            FROM big GROUP BY ROLLUP(region)                          -- plus a total row with region NULL
            HAVING count(*) > 1 ORDER BY revenue DESC
            """).Collect();

        Assert.Equal([(null, 780.5, 3L), ("us", 190.5, 1L), ("eu", 190.0, 1L)], rows.Select(r => ((string?)r[0], (double)r[1]!, (long)r[2]!)));
    }

    [Fact]
    public void SelfReferencingQueries_OverACachedView_KeepBothSidesApart()
    {
        var expected = Sql.Sql("SELECT p.Name FROM people p WHERE p.Score > (SELECT avg(q.Score) FROM people q WHERE q.Dept = p.Dept) ORDER BY p.Name").Collect();
        var selfJoin = Sql.Sql("SELECT a.Id, b.Id FROM people a JOIN people b ON a.Age = b.Age AND a.Id < b.Id").Collect();
        Assert.Equal(["bob", "dave"], expected.Select(r => (string?)r[0]));
        Assert.Equal([(1, 5)], selfJoin.Select(r => ((int)r[0]!, (int)r[1]!)));

        Sql.Sql("CACHE TABLE people");

        Assert.Equal(expected, Sql.Sql("SELECT p.Name FROM people p WHERE p.Score > (SELECT avg(q.Score) FROM people q WHERE q.Dept = p.Dept) ORDER BY p.Name").Collect());
        Assert.Equal(selfJoin, Sql.Sql("SELECT a.Id, b.Id FROM people a JOIN people b ON a.Age = b.Age AND a.Id < b.Id").Collect());
        Assert.Equal(2, Sql.Sql("SELECT Name FROM people WHERE Age IN (SELECT Age FROM people WHERE Id = 1)").Count());
    }

    [Fact]
    public void DataFrameSelfJoin_OverACachedFrame_KeepsBothSidesApart()
    {
        var people = PeopleFrame().Cache();
        people.Count();

        var pairs = people.Alias("a").Join(people.Alias("b"), (Functions.Col("a.Age") == Functions.Col("b.Age")) & (Functions.Col("a.Id") < Functions.Col("b.Id")))
            .Select(Functions.Col("a.Id"), Functions.Col("b.Id")).Collect();

        Assert.Equal([(1, 5)], pairs.Select(r => ((int)r[0]!, (int)r[1]!)));
    }
}
