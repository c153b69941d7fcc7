using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.DataFrames;

public sealed class FileTests : DataFrameTestBase
{
    [Fact]
    public void ReadCsvWithHeaderAndInference()
    {
        string file = TempPath() + ".csv";
        File.WriteAllText(file, "id,name,score\n1,alice,1.5\n2,,2\n");
        try
        {
            var df = Sql.Read.Csv(file);
            Assert.Equal("struct<id:int,name:string,score:double>", df.Schema.SimpleString);
            Assert.Equal([new Row(1, "alice", 1.5), new Row(2, null, 2.0)], df.Collect());
            var strings = Sql.Read.Csv(file, inferSchema: false);
            Assert.Equal("struct<id:string,name:string,score:string>", strings.Schema.SimpleString);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void WriteCsvRoundTripWithModes()
    {
        string path = TempPath();
        var df = PeopleFrame().Select("Id", "Dept");
        df.Write.Option("header", "true").Csv(path);
        Assert.True(File.Exists(Path.Combine(path, "_SUCCESS")));
        Assert.NotEmpty(Directory.GetFiles(path, "part-*"));
        Assert.False(Directory.Exists(Path.Combine(path, "_temporary")));
        var back = Sql.Read.Csv(path);
        Assert.Equal(df.Collect().OrderBy(r => (int)r[0]!), back.Collect().OrderBy(r => (int)r[0]!));

        Assert.Throws<AnalysisException>(() => df.Write.Option("header", "true").Csv(path));
        Assert.Throws<AnalysisException>(() => df.Write.Mode("errorifexists").Csv(path));

        df.Write.Mode("append").Option("header", "true").Csv(path);
        Assert.Equal(10, Sql.Read.Csv(path).Count());

        df.Write.Mode("ignore").Option("header", "true").Csv(path);
        Assert.Equal(10, Sql.Read.Csv(path).Count());

        df.Limit(1).Write.Mode("overwrite").Option("header", "true").Csv(path);
        Assert.Equal(1, Sql.Read.Csv(path).Count());
    }

    [Fact]
    public void ReadTextAndCsvOptions()
    {
        string folder = TempPath();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.txt"), "x;1\ny;2\n");
        File.WriteAllText(Path.Combine(folder, "_ignored"), "nope\n");
        var text = Sql.Read.Text(folder);
        Assert.Equal(["value"], text.Columns);
        Assert.Equal([new Row("x;1"), new Row("y;2")], text.Collect());
        var csv = Sql.Read.Option("sep", ";").Csv(Path.Combine(folder, "*.txt"), header: false);
        Assert.Equal("struct<_c0:string,_c1:int>", csv.Schema.SimpleString);
        Assert.Equal(3, csv.Collect().Sum(r => r.Get<int>(1)));
        Assert.Throws<FileNotFoundException>(() => Sql.Read.Csv(Path.Combine(folder, "missing.csv")));
    }

    [Fact]
    public void UnknownSaveModeThrows() =>
        Assert.Throws<ArgumentException>(() => PeopleFrame().Write.Mode("sometimes"));

    [Fact]
    public void WriteJsonAndArrowRoundTrip()
    {
        var df = PeopleFrame().Select("Id", "Name", "Score");
        string json = TempPath();
        df.Write.Json(json);
        Assert.Equal(5, Sql.Read.Json(json).Count());
        string arrow = TempPath();
        df.Write.Arrow(arrow);
        var back = Sql.Read.Arrow(arrow);
        Assert.Equal(df.Schema.SimpleString, back.Schema.SimpleString);
        Assert.Equal(df.Collect().OrderBy(r => (int)r[0]!), back.Collect().OrderBy(r => (int)r[0]!));
    }

    [Fact]
    public void ExplainShowsPhysicalPlanAndPushdown()
    {
        string file = TempPath() + ".csv";
        File.WriteAllText(file, "id,name,score\n1,alice,1.5\n2,bob,2\n");
        try
        {
            var df = Sql.Read.Csv(file).Where(Col("id") > 1).Select("name");
            string plan = df.ExplainString();
            Assert.StartsWith("== Physical Plan ==", plan);
            string extended = df.ExplainString(extended: true);
            Assert.Contains("== Parsed Logical Plan ==", extended);
            Assert.Contains("== Analyzed Logical Plan ==", extended);
            Assert.Contains("== Optimized Logical Plan ==", extended);
            Assert.Contains("== Physical Plan ==", extended);
            string optimized = extended[extended.IndexOf("== Optimized Logical Plan ==", StringComparison.Ordinal)..];
            optimized = optimized[..optimized.IndexOf("== Applied Rules ==", StringComparison.Ordinal)];
            Assert.Contains("PushedFilters", optimized, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("score", optimized, StringComparison.Ordinal);   // the scan reads only id and name
            Assert.Contains("PushDownFilter", extended, StringComparison.Ordinal);
            Assert.Equal([new Row("bob")], df.Collect());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
