using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class AtomicOutputCommitterTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void WriteTask(AtomicOutputCommitter committer, int partition, int attempt, params string[] lines)
    {
        using var writer = new TextPartWriter(committer.TaskTempFile(partition, attempt));
        foreach (string line in lines) writer.Write(line);
    }

    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Setup_ExistingFolder_IsRefusedAndLeftAlone()
    {
        string output = _folder.CreateFolder("out");
        File.WriteAllText(Path.Combine(output, "keep.txt"), "precious");

        var error = Assert.Throws<IOException>(() => AtomicOutputCommitter.Setup(output));

        Assert.Equal($"Output path {output} already exists", error.Message);
        Assert.Equal(["keep.txt"], Entries(output));
    }

    [Fact]
    public void Setup_ExistingFile_IsRefused()
    {
        string output = _folder.WriteText("out", "x");

        Assert.Throws<IOException>(() => AtomicOutputCommitter.Setup(output));
    }

    [Fact]
    public void Setup_NewPath_CreatesTheJobStagingFolder()
    {
        string output = _folder.PathOf("a/b/out");

        var committer = AtomicOutputCommitter.Setup(output, jobId: "7");

        Assert.Equal(output, committer.OutputPath);
        Assert.True(Directory.Exists(Path.Combine(output, "_temporary", "7")));
        Assert.Equal(Path.Combine(output, "_temporary", "7"), committer.JobTemporaryPath);
    }

    [Fact]
    public void CommitJob_AfterEveryTaskCommitted_LeavesPartFilesAndSuccessOnly()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        for (int partition = 2; partition >= 0; partition--)
        {
            WriteTask(committer, partition, 0, $"p{partition}");
            Assert.True(committer.CommitTask(partition, 0));
        }

        committer.CommitJob();

        Assert.Equal(["_SUCCESS", "part-00000", "part-00001", "part-00002"], Entries(output));
        Assert.Equal(0, new FileInfo(Path.Combine(output, "_SUCCESS")).Length);
        Assert.Equal("p1\n", File.ReadAllText(Path.Combine(output, "part-00001")));
    }

    [Fact]
    public void TaskTempFile_IsPrivateToTheAttemptUnderTemporary()
    {
        var committer = AtomicOutputCommitter.Setup(_folder.PathOf("out"));

        string first = committer.TaskTempFile(3, 0);
        string retry = committer.TaskTempFile(3, 1);

        Assert.NotEqual(first, retry);
        Assert.StartsWith(committer.JobTemporaryPath, first);
        Assert.Equal("part-00003", Path.GetFileName(first));
        Assert.True(Directory.Exists(Path.GetDirectoryName(first)));
    }

    [Fact]
    public void CommitTask_FailedAttemptAbortedThenRetried_OnlyTheRetryIsPublished()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        WriteTask(committer, 0, 0, "half of a failed attempt");
        committer.AbortTask(0, 0);
        WriteTask(committer, 0, 1, "good");

        Assert.True(committer.CommitTask(0, 1));
        committer.CommitJob();

        Assert.Equal("good\n", File.ReadAllText(Path.Combine(output, "part-00000")));
        Assert.Equal(["_SUCCESS", "part-00000"], Entries(output));
    }

    [Fact]
    public void CommitTask_SecondAttemptOfACommittedPartition_IsDiscarded()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        WriteTask(committer, 0, 0, "first");
        WriteTask(committer, 0, 1, "speculative");

        Assert.True(committer.CommitTask(0, 0));
        Assert.False(committer.CommitTask(0, 1));
        committer.CommitJob();

        Assert.Equal("first\n", File.ReadAllText(Path.Combine(output, "part-00000")));
    }

    [Fact]
    public void CommitTask_WithoutAFile_ThrowsAndLeavesThePartitionOpen()
    {
        var committer = AtomicOutputCommitter.Setup(_folder.PathOf("out"));
        committer.TaskTempFile(0, 0);

        Assert.Throws<FileNotFoundException>(() => committer.CommitTask(0, 0));

        WriteTask(committer, 0, 1, "retry");
        Assert.True(committer.CommitTask(0, 1));
    }

    [Fact]
    public void CommitTask_ManyPartitionsConcurrently_AllArePublished()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);

        Parallel.For(0, 200, partition =>
        {
            WriteTask(committer, partition, 0, partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(committer.CommitTask(partition, 0));
        });
        committer.CommitJob();

        Assert.Equal(201, Entries(output).Length);
        for (int partition = 0; partition < 200; partition++)
            Assert.Equal($"{partition}\n", File.ReadAllText(Path.Combine(output, AtomicOutputCommitter.PartFileName(partition))));
    }

    [Fact]
    public void Setup_WithAFileExtension_NamesEveryPartWithIt()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output, "job", ".snappy.parquet");
        Assert.EndsWith("part-00001.snappy.parquet", committer.TaskTempFile(1, 0), StringComparison.Ordinal);
        WriteTask(committer, 1, 0, "b");
        Assert.True(committer.CommitTask(1, 0));
        committer.CommitJob();

        Assert.Equal(["_SUCCESS", "part-00001.snappy.parquet"], Entries(output));
        Assert.Throws<ArgumentException>(() => AtomicOutputCommitter.Setup(_folder.PathOf("other"), "job", "parquet"));
    }

    [Fact]
    public void AbortJob_AfterTasksWrote_LeavesNothingBehind()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        WriteTask(committer, 0, 0, "a");
        committer.CommitTask(0, 0);
        WriteTask(committer, 1, 0, "b");

        Assert.True(committer.AbortJob());

        Assert.False(Path.Exists(output));
        Assert.Throws<InvalidOperationException>(() => committer.TaskTempFile(2, 0));
        Assert.Throws<InvalidOperationException>(() => committer.CommitJob());
    }

    [Fact]
    public void AbortJob_AfterCommit_KeepsTheOutput()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        WriteTask(committer, 0, 0, "a");
        committer.CommitTask(0, 0);
        committer.CommitJob();

        Assert.False(committer.AbortJob());

        Assert.Equal(["_SUCCESS", "part-00000"], Entries(output));
    }

    [Fact]
    public void CommitJob_FailingMidway_WritesNoSuccessAndCanStillBeAborted()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);
        for (int partition = 0; partition < 3; partition++)
        {
            WriteTask(committer, partition, 0, "x");
            committer.CommitTask(partition, 0);
        }
        // Lose the last committed part so the job commit fails after moving the others.
        File.Delete(Path.Combine(committer.JobTemporaryPath, "part-00002"));

        Assert.ThrowsAny<IOException>(() => committer.CommitJob());

        Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.True(committer.AbortJob());
        Assert.False(Path.Exists(output));
    }

    [Fact]
    public void CommitJob_NoPartitions_WritesOnlySuccess()
    {
        string output = _folder.PathOf("out");
        var committer = AtomicOutputCommitter.Setup(output);

        committer.CommitJob();

        Assert.Equal(["_SUCCESS"], Entries(output));
    }

    [Theory]
    [InlineData(0, "part-00000")]
    [InlineData(42, "part-00042")]
    [InlineData(123456, "part-123456")]
    public void PartFileName_HasFiveDigitsAtLeast(int partition, string expected)
    {
        Assert.Equal(expected, AtomicOutputCommitter.PartFileName(partition));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void Setup_InvalidJobId_Throws(string jobId)
    {
        Assert.ThrowsAny<ArgumentException>(() => AtomicOutputCommitter.Setup(_folder.PathOf("out"), jobId));
        Assert.False(Path.Exists(_folder.PathOf("out")));
    }
}
