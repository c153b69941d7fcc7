using Rdd.Core.IO;
using static Rdd.Sql.Functions;

namespace Rdd.Sql.Tests.DataFrames;

/// <summary>
/// Save modes never lose data: a job that fails while overwriting or appending leaves the output as it was, and
/// the replacement survives a process dying half-way (its states laid out by hand: what a killed process leaves).
/// </summary>
public sealed class SaveModeTests : DataFrameTestBase
{
    public static TheoryData<string> Formats => ["csv", "json", "arrow", "parquet"];

    private static void Save(DataFrameWriter writer, string format, string path)
    {
        switch (format)
        {
            case "csv":
                writer.Option("header", "true").Csv(path);
                break;
            case "json":
                writer.Json(path);
                break;
            case "parquet":
                writer.Parquet(path);
                break;
            default:
                writer.Arrow(path);
                break;
        }
    }

    private DataFrame Load(string format, string path) => format switch
    {
        "csv" => Sql.Read.Csv(path),
        "json" => Sql.Read.Json(path),
        "parquet" => Sql.Read.Parquet(path),
        _ => Sql.Read.Arrow(path),
    };

    /// <summary>Every file under <paramref name="folder"/> (hidden ones included): relative path → bytes.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>The entries next to <paramref name="target"/> that a staged write would leave (<c>.&lt;name&gt;-…</c>).</summary>
    private static string[] Leftovers(string target) =>
        [.. new DirectoryInfo(Path.GetDirectoryName(target)!)
            .EnumerateFileSystemInfos("." + Path.GetFileName(target) + "-*", new EnumerationOptions { AttributesToSkip = 0 })
            .Select(e => e.Name)];

    /// <summary>A frame whose job fails in a task: a CSV with a value that is not an int, read under FAILFAST.</summary>
    private DataFrame FailingFrame()
    {
        string file = TempPath() + ".csv";
        File.WriteAllText(file, "1\n2\nnot-a-number\n4\n");
        return Sql.Read.Schema("Id INT").Option("mode", "FAILFAST").Csv(file, header: false);
    }

    private static void AssertJobFailedOnMalformedRecord(Action write)
    {
        var error = Assert.ThrowsAny<Exception>(write);
        Assert.Contains("not-a-number", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Overwrite_JobFails_LeavesThePreviousOutputByteIdenticalAndReadable(string format)
    {
        string target = TempPath();
        Save(PeopleFrame().Select("Id", "Name").Write, format, target);
        var before = Snapshot(target);

        AssertJobFailedOnMalformedRecord(() => Save(FailingFrame().Write.Mode("overwrite"), format, target));

        Assert.Equal(before, Snapshot(target));
        Assert.Empty(Leftovers(target));
        Assert.Equal(People.Length, Load(format, target).Count());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Overwrite_JobSucceeds_ReplacesTheData(string format)
    {
        string target = TempPath();
        Save(PeopleFrame().Select("Id", "Name").Write, format, target);

        Save(PeopleFrame().Where(Col("Id") > 3).Select("Id", "Name").Write.Mode("overwrite"), format, target);

        Assert.Equal([4, 5], Load(format, target).Collect().Select(r => Convert.ToInt32(r[0])).Order());
        Assert.Empty(Leftovers(target));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Append_JobFails_AddsNothing(string format)
    {
        string target = TempPath();
        Save(PeopleFrame().Select("Id").Write, format, target);
        var before = Snapshot(target);

        AssertJobFailedOnMalformedRecord(() => Save(FailingFrame().Write.Mode("append"), format, target));

        Assert.Equal(before, Snapshot(target));
        Assert.Empty(Leftovers(target));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Append_JobSucceeds_AddsTheRows(string format)
    {
        string target = TempPath();
        Save(PeopleFrame().Select("Id").Write, format, target);

        Save(PeopleFrame().Select("Id").Write.Mode("append"), format, target);

        Assert.Equal(2 * People.Length, Load(format, target).Count());
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void Overwrite_ItsOwnInput_IsRefusedBeforeAnyFileChanges()
    {
        string target = TempPath();
        PeopleFrame().Select("Id", "Name").Write.Option("header", "true").Csv(target);
        var before = Snapshot(target);

        var error = Assert.Throws<AnalysisException>(() =>
            Sql.Read.Csv(target).Where(Col("Id") > 2).Write.Mode("overwrite").Option("header", "true").Csv(target));

        Assert.Equal(
            $"[UNSUPPORTED_OVERWRITE.PATH] Can't overwrite the target that is also being read from. The target path is {target}.",
            error.Message);
        Assert.Equal(before, Snapshot(target));
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void Append_ItsOwnInput_AddsWhatItReadBefore()
    {
        // Spark allows it: the input is listed when the job starts, the new parts appear after the job.
        string target = TempPath();
        PeopleFrame().Select("Id").Write.Option("header", "true").Csv(target);

        Sql.Read.Csv(target).Write.Mode("append").Option("header", "true").Csv(target);

        Assert.Equal(2 * People.Length, Sql.Read.Csv(target).Count());
    }

    [Fact]
    public void Ignore_ExistingOutput_WritesNothing()
    {
        string target = TempPath();
        PeopleFrame().Select("Id").Write.Json(target);
        var before = Snapshot(target);

        FailingFrame().Write.Mode("ignore").Json(target);

        Assert.Equal(before, Snapshot(target));
    }

    /// <summary>
    /// Lays out what a process killed between "old output renamed aside" and "new output renamed in" leaves:
    /// the old output and the committed new one, both hidden beside the target, and an unlocked lock file.
    /// </summary>
    private string CrashedOverwrite(out string id)
    {
        string target = TempPath();
        id = Guid.NewGuid().ToString("N");
        PeopleFrame().Select("Id").Write.Option("header", "true").Csv(target);
        PeopleFrame().Where(Col("Id") == 1).Select("Id").Write.Option("header", "true").Csv(StagedOutput.SiblingPath(target, id, ".overwrite"));
        Directory.Move(target, StagedOutput.SiblingPath(target, id, ".replaced"));
        File.WriteAllBytes(StagedOutput.SiblingPath(target, id, ".lock"), []);
        return target;
    }

    [Fact]
    public void Read_AfterACrashMidOverwrite_CompletesTheOverwrite()
    {
        string target = CrashedOverwrite(out _);
        Assert.False(Path.Exists(target));

        var rows = Sql.Read.Csv(target).Collect();

        Assert.Equal([new Row(1)], rows);
        Assert.Empty(Leftovers(target));
    }

    [Fact]
    public void Write_AfterACrashMidOverwrite_SeesTheCompletedOutput()
    {
        string target = CrashedOverwrite(out _);

        var error = Assert.Throws<AnalysisException>(() => PeopleFrame().Write.Csv(target));

        Assert.StartsWith("[PATH_ALREADY_EXISTS]", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Sql.Read.Csv(target).Count());
        Assert.Empty(Leftovers(target));
    }
}
