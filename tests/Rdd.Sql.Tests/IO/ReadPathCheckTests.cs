using Rdd.Sql.Tests.DataFrames;

namespace Rdd.Sql.Tests.IO;

/// <summary>An overwrite of a path its own query reads is refused, however the paths are spelled, before any file changes.</summary>
public sealed class ReadPathCheckTests : DataFrameTestBase
{
    private readonly string _root;

    public ReadPathCheckTests()
    {
        // root/out: a CSV output; root/in.csv: an unrelated input.
        _root = TempPath();
        Directory.CreateDirectory(_root);
        PeopleFrame().Select("Id").Write.Option("header", "true").Csv(Target);
        File.WriteAllText(PathOf("in.csv"), "Id\n7\n");
    }

    private string Target => PathOf("out");

    private string PathOf(string name) => Path.Combine(_root, name);

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

    private static void AssertRefused(DataFrame frame, string target)
    {
        var before = Snapshot(Path.GetDirectoryName(target)!);

        var error = Assert.Throws<AnalysisException>(() => frame.Write.Mode("overwrite").Option("header", "true").Csv(target));

        Assert.StartsWith("[UNSUPPORTED_OVERWRITE.PATH] Can't overwrite the target that is also being read from.", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Path.GetDirectoryName(target)!));
    }

    public static TheoryData<string> SpellingsOfTheTarget => ["out", "out/", "./out", "sub/../out", "out/part-00000", "out/*", "*/part-*", "o*"];

    [Theory]
    [MemberData(nameof(SpellingsOfTheTarget))]
    public void Overwrite_InputIsTheTargetOrInsideIt_IsRefused(string input)
    {
        Directory.CreateDirectory(PathOf("sub"));
        string readPath = Path.Combine(_root, input.Replace('/', Path.DirectorySeparatorChar));

        AssertRefused(Sql.Read.Csv(readPath), Target);
    }

    [Fact]
    public void Overwrite_TargetSpelledRelativeToTheCurrentFolder_IsRefused()
    {
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Target);

        AssertRefused(Sql.Read.Csv(Target), relative);
    }

    [Fact]
    public void Overwrite_TargetInsideAnInputFolder_IsRefused()
    {
        string folder = PathOf("data");
        PeopleFrame().Select("Id").Write.Option("header", "true").Csv(folder);
        string nested = Path.Combine(folder, "nested");
        PeopleFrame().Select("Id").Write.Option("header", "true").Csv(nested);

        AssertRefused(Sql.Read.Csv(folder), nested);
    }

    [Fact]
    public void Overwrite_TargetContainingWhatAGlobCouldMatch_IsRefused()
    {
        // The glob matches nothing under out/later yet; the target holds its base folder, so it is still read.
        Directory.CreateDirectory(Path.Combine(Target, "later"));
        File.WriteAllText(Path.Combine(Target, "later", "x.csv"), "Id\n1\n");

        AssertRefused(Sql.Read.Csv(Path.Combine(Target, "later", "*.csv")), Target);
    }

    [Fact]
    public void Overwrite_InputReachedThroughASymbolicLink_IsRefused()
    {
        string link = PathOf("link");
        Directory.CreateSymbolicLink(link, Target);

        AssertRefused(Sql.Read.Csv(link), Target);
    }

    [Fact]
    public void Overwrite_InputOnOneSideOfAJoin_IsRefused()
    {
        var other = Sql.Read.Csv(PathOf("in.csv"));

        AssertRefused(other.Union(Sql.Read.Csv(Target)), Target);
    }

    [Fact]
    public void Overwrite_InputBehindACachedFrame_IsRefused()
    {
        // A lost cached partition is recomputed from the files, so they are still read.
        var cached = Sql.Read.Csv(Target).Cache();
        Assert.Equal(People.Length, cached.Count());

        AssertRefused(cached.Select("Id"), Target);
    }

    [Fact]
    public void Overwrite_InputBehindATempView_IsRefused()
    {
        Sql.Read.Csv(Target).CreateOrReplaceTempView("people_out");

        AssertRefused(Sql.Table("people_out").Where("Id > 1"), Target);
    }

    [Theory]
    [InlineData("in.csv", "out2")]
    [InlineData("in.csv", "ou")]
    [InlineData("i*.csv", "out")]
    public void Overwrite_UnrelatedPaths_IsAllowed(string input, string output)
    {
        string target = PathOf(output);

        Sql.Read.Csv(PathOf(input)).Write.Mode("overwrite").Option("header", "true").Csv(target);

        Assert.Equal([new Row(7)], Sql.Read.Csv(target).Collect());
    }

    [Fact]
    public void ErrorIfExists_ItsOwnInput_ReportsThatThePathExists()
    {
        var error = Assert.Throws<AnalysisException>(() => Sql.Read.Csv(Target).Write.Csv(Target));

        Assert.StartsWith("[PATH_ALREADY_EXISTS]", error.Message, StringComparison.Ordinal);
    }
}
