using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class StagedOutputTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>An output folder as a committed job leaves it: the part files, then <c>_SUCCESS</c>.</summary>
    private static void WriteOutput(string folder, params string[] parts)
    {
        Directory.CreateDirectory(folder);
        for (int i = 0; i < parts.Length; i++)
        {
            File.WriteAllText(Path.Combine(folder, AtomicOutputCommitter.PartFileName(i)), parts[i]);
        }
        File.WriteAllBytes(Path.Combine(folder, AtomicOutputCommitter.SuccessFileName), []);
    }

    /// <summary>Every file under <paramref name="folder"/>, relative path → content.</summary>
    private static SortedDictionary<string, string> Contents(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText), StringComparer.Ordinal);

    /// <summary>The names next to the target that belong to staged operations.</summary>
    private string[] Siblings() =>
        [.. new DirectoryInfo(_folder.Root).EnumerateFileSystemInfos(".out-*", new EnumerationOptions { AttributesToSkip = 0 })
            .Select(e => e.Name).Order(StringComparer.Ordinal)];

    private static Action<string> FailAt(params string[] steps) => step =>
    {
        if (steps.Contains(step)) throw new IOException($"injected failure at {step}");
    };

    private string Sibling(string suffix) => StagedOutput.SiblingPath(_folder.PathOf("out"), Id, suffix);

    [Fact]
    public void Overwrite_Published_ReplacesTheTargetAndLeavesNothingBeside()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old-0", "old-1");

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            Assert.StartsWith(Path.Combine(_folder.Root, ".out-"), staged.StagingPath);
            WriteOutput(staged.StagingPath, "new-0");
            staged.Publish();
        }

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["_SUCCESS"] = "", ["part-00000"] = "new-0" }, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Overwrite_NotPublished_DiscardsTheStagedOutput()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        var before = Contents(target);

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            WriteOutput(staged.StagingPath, "new");
        }

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Theory]
    [InlineData("move-old-aside")]
    [InlineData("move-new-in")]
    public void Overwrite_RenameFails_LeavesTheOldOutputInPlace(string step)
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old-0", "old-1");
        var before = Contents(target);

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            WriteOutput(staged.StagingPath, "new");
            staged.BeforeStep = FailAt(step);
            var error = Assert.Throws<IOException>(staged.Publish);
            Assert.Contains(step, error.Message);
        }

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Overwrite_OldOutputCannotBeDeleted_KeepsTheNewOneAndRecoveryDeletesTheOld()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            WriteOutput(staged.StagingPath, "new");
            staged.BeforeStep = FailAt("delete-old");
            staged.Publish();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
        Assert.Equal(2, Siblings().Length);   // the hidden old output and the lock file that lets recovery find it

        StagedOutput.Recover(target);

        Assert.Empty(Siblings());
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
    }

    [Fact]
    public void Overwrite_RestoringTheOldOutputFailsToo_RecoveryCompletesTheWrite()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            WriteOutput(staged.StagingPath, "new");
            staged.BeforeStep = FailAt("move-new-in", "restore-old");
            Assert.Throws<IOException>(staged.Publish);
        }

        // Neither output is lost: the old one is aside, the new one staged and committed.
        Assert.False(Path.Exists(target));
        Assert.Equal(3, Siblings().Length);

        StagedOutput.Recover(target);

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Overwrite_TargetIsAFile_IsReplacedByTheFolder()
    {
        string target = _folder.WriteText("out", "a file");

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite))
        {
            WriteOutput(staged.StagingPath, "new");
            staged.Publish();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Publish_StagingNotCommitted_Throws()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        using var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite);
        Directory.CreateDirectory(staged.StagingPath);

        Assert.Throws<InvalidOperationException>(staged.Publish);
    }

    [Fact]
    public void Append_Published_AddsThePartsUnderNamesOfTheirOwn()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        string id;

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Append))
        {
            id = staged.Id;
            WriteOutput(staged.StagingPath, "new-0", "new-1");
            staged.Publish();
        }

        Assert.Equal(["_SUCCESS", "part-00000", $"part-00000-{id}", $"part-00001-{id}"], Contents(target).Keys);
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Append_PartsWithAnExtension_KeepItAfterTheirId()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        string id;

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Append))
        {
            id = staged.Id;
            Directory.CreateDirectory(staged.StagingPath);
            File.WriteAllText(Path.Combine(staged.StagingPath, "part-00000.snappy.parquet"), "new");
            File.WriteAllBytes(Path.Combine(staged.StagingPath, AtomicOutputCommitter.SuccessFileName), []);
            staged.Publish();
        }

        Assert.Equal(["_SUCCESS", "part-00000", $"part-00000-{id}.snappy.parquet"], Contents(target).Keys);
    }

    [Fact]
    public void Append_SecondPartCannotMove_AddsNothing()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        var before = Contents(target);

        using (var staged = StagedOutput.Begin(target, StagedOutputKind.Append))
        {
            WriteOutput(staged.StagingPath, "new-0", "new-1");
            int moves = 0;
            staged.BeforeStep = step =>
            {
                if (step == "move-part" && ++moves == 2) throw new IOException("injected failure");
            };
            Assert.Throws<IOException>(staged.Publish);
        }

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Append_TargetIsAFile_IsRefused()
    {
        string target = _folder.WriteText("out", "a file");

        Assert.Throws<IOException>(() => StagedOutput.Begin(target, StagedOutputKind.Append));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_OperationStillRunning_IsLeftAlone()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        using var staged = StagedOutput.Begin(target, StagedOutputKind.Overwrite);
        WriteOutput(staged.StagingPath, "new");

        StagedOutput.Recover(target);

        Assert.True(File.Exists(Path.Combine(staged.StagingPath, "part-00000")));
        Assert.True(File.Exists(staged.LockPath));
        staged.Publish();
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
    }

    // The crash tests lay out, by hand, what a process killed at each point leaves: its lock file stays on disk
    // but is no longer locked.

    [Fact]
    public void Recover_CrashDuringTheJob_DeletesTheUncommittedStaging()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        var before = Contents(target);
        File.WriteAllBytes(Sibling(".lock"), []);
        _folder.WriteText(".out-" + Id + ".overwrite/_temporary/0/_attempt_0_0/part-00000", "half");

        StagedOutput.Recover(target);

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_CrashAfterTheJobBeforeThePublish_KeepsTheOldOutput()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        var before = Contents(target);
        File.WriteAllBytes(Sibling(".lock"), []);
        WriteOutput(Sibling(".overwrite"), "new");

        StagedOutput.Recover(target);

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_CrashWithTheOldOutputAside_CompletesTheOverwrite()
    {
        string target = _folder.PathOf("out");
        WriteOutput(Sibling(".replaced"), "old");
        WriteOutput(Sibling(".overwrite"), "new");
        File.WriteAllBytes(Sibling(".lock"), []);

        StagedOutput.Recover(target);

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_CrashBeforeTheOldOutputWasDeleted_DeletesIt()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "new");
        WriteOutput(Sibling(".replaced"), "old");
        File.WriteAllBytes(Sibling(".lock"), []);

        StagedOutput.Recover(target);

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-00000")));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_CrashWhileAppending_MovesTheRemainingParts()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        WriteOutput(Sibling(".append"), "new-0", "new-1");
        File.Move(Path.Combine(Sibling(".append"), "part-00000"), Path.Combine(target, "part-00000-" + Id));
        File.WriteAllBytes(Sibling(".lock"), []);

        StagedOutput.Recover(target);

        Assert.Equal(["_SUCCESS", "part-00000", "part-00000-" + Id, "part-00001-" + Id], Contents(target).Keys);
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_CrashBeforeAnyPartWasAppended_AddsNothing()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        var before = Contents(target);
        WriteOutput(Sibling(".append"), "new-0");
        File.WriteAllBytes(Sibling(".lock"), []);

        StagedOutput.Recover(target);

        Assert.Equal(before, Contents(target));
        Assert.Empty(Siblings());
    }

    [Fact]
    public void Recover_OtherNamesBesideTheTarget_AreLeftAlone()
    {
        string target = _folder.PathOf("out");
        WriteOutput(target, "old");
        string[] others =
        [
            _folder.WriteText(".out-notes", "mine"),
            _folder.WriteText(".out-" + Id + ".txt", "mine too"),
            _folder.WriteText(".out-x-" + Id + ".lock", "another target's"),
        ];

        StagedOutput.Recover(target);

        Assert.All(others, file => Assert.True(File.Exists(file)));
    }

    [Fact]
    public void Recover_RootFolder_HasNothingBesideItToRecover()
    {
        StagedOutput.Recover(Path.GetPathRoot(_folder.Root)!);
    }
}
