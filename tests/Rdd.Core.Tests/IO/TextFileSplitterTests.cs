using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class TextFileSplitterTests
{
    private const long MiB = 1024 * 1024;

    private static (long Start, long Length)[] Ranges(IReadOnlyList<TextFileSplit> splits) =>
        [.. splits.Select(s => (s.Start, s.Length))];

    [Fact]
    public void Split_TwoPartitions_HalvesTheFile()
    {
        var splits = TextFileSplitter.Split([("f", 100L)], minPartitions: 2, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal([(0L, 50L), (50L, 50L)], Ranges(splits));
        Assert.All(splits, s => Assert.False(s.IsWholeFile));
    }

    [Fact]
    public void Split_OnePartition_IsTheWholeFile()
    {
        var split = Assert.Single(TextFileSplitter.Split([("f", 1000L)], minPartitions: 1, blockSize: TextFileSplitter.DefaultBlockSize));

        Assert.Equal(new TextFileSplit("f", 0, 1000, IsWholeFile: true), split);
    }

    [Fact]
    public void Split_TailUpToTenPercent_JoinsTheLastSplit()
    {
        var splits = TextFileSplitter.Split([("f", 1010L)], minPartitions: 1, blockSize: 100);

        Assert.Equal(10, splits.Count);
        Assert.Equal((900L, 110L), (splits[^1].Start, splits[^1].Length));
    }

    [Fact]
    public void Split_TailOverTenPercent_BecomesItsOwnSplit()
    {
        var splits = TextFileSplitter.Split([("f", 1011L)], minPartitions: 1, blockSize: 100);

        Assert.Equal(11, splits.Count);
        Assert.Equal((1000L, 11L), (splits[^1].Start, splits[^1].Length));
    }

    [Fact]
    public void Split_LargeFile_IsCutAtTheLocalBlockSize()
    {
        var splits = TextFileSplitter.Split([("f", 100 * MiB)], minPartitions: 1, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal([(0L, 32 * MiB), (32 * MiB, 32 * MiB), (64 * MiB, 32 * MiB), (96 * MiB, 4 * MiB)], Ranges(splits));
    }

    [Fact]
    public void Split_SeveralFiles_GoalSizeComesFromTheirTotal()
    {
        var splits = TextFileSplitter.Split([("a", 100L), ("b", 300L)], minPartitions: 4, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal(
            [new TextFileSplit("a", 0, 100, true), new TextFileSplit("b", 0, 100, false),
             new TextFileSplit("b", 100, 100, false), new TextFileSplit("b", 200, 100, false)],
            splits);
    }

    [Fact]
    public void Split_EmptyFile_GivesOneEmptySplit()
    {
        var splits = TextFileSplitter.Split([("a", 0L), ("b", 10L)], minPartitions: 2, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal(new TextFileSplit("a", 0, 0, IsWholeFile: true), splits[0]);
        Assert.Equal(3, splits.Count);
    }

    [Fact]
    public void Split_GzipFile_IsNeverCut()
    {
        var splits = TextFileSplitter.Split([("logs.gz", 100 * MiB), ("x.txt", 100 * MiB)], minPartitions: 8, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal(new TextFileSplit("logs.gz", 0, 100 * MiB, IsWholeFile: true), splits[0]);
        // The gzip file still counts toward the goal size: 200 MiB / 8 = 25 MiB, so the plain file makes 4.
        Assert.Equal([(0L, 25 * MiB), (25 * MiB, 25 * MiB), (50 * MiB, 25 * MiB), (75 * MiB, 25 * MiB)], Ranges(splits.Skip(1).ToList()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Split_MinPartitionsBelowOne_IsTreatedAsOne(int minPartitions)
    {
        Assert.Single(TextFileSplitter.Split([("f", 1000L)], minPartitions, TextFileSplitter.DefaultBlockSize));
    }

    [Fact]
    public void Split_MorePartitionsThanBytes_UsesOneByteSplits()
    {
        var splits = TextFileSplitter.Split([("f", 3L)], minPartitions: 10, blockSize: TextFileSplitter.DefaultBlockSize);

        Assert.Equal([(0L, 1L), (1L, 1L), (2L, 1L)], Ranges(splits));
    }

    [Fact]
    public void Split_AnySizes_CoversEachFileContiguouslyInOrder()
    {
        var random = new Random(17);
        for (int round = 0; round < 2000; round++)
        {
            var files = Enumerable.Range(0, random.Next(1, 5))
                .Select(i => ($"f{i}", (long)random.Next(0, 5000))).ToArray();
            long blockSize = random.Next(1, 3000);
            int minPartitions = random.Next(1, 20);

            var splits = TextFileSplitter.Split(files, minPartitions, blockSize);

            long total = files.Sum(f => f.Item2);
            long splitSize = Math.Max(1, Math.Min(total / minPartitions, blockSize));
            foreach (var (path, length) in files)
            {
                var own = splits.Where(s => s.Path == path).ToList();
                long next = 0;
                foreach (var split in own)
                {
                    Assert.Equal(next, split.Start);
                    Assert.True(split.Length <= splitSize * 1.1 + 1e-6, $"{split} exceeds {splitSize} * 1.1");
                    Assert.Equal(split.Start == 0 && split.Length == length, split.IsWholeFile);
                    next = split.End;
                }
                Assert.Equal(length, next);
            }
        }
    }

    [Fact]
    public void Split_FilesOnDisk_UsesTheirSizes()
    {
        using var folder = new ScratchFolder();
        string a = folder.WriteText("a.txt", new string('x', 1000));
        string b = folder.WriteText("b.txt", "");

        var splits = TextFileSplitter.Split([a, b], minPartitions: 2);

        Assert.Equal(
            [new TextFileSplit(a, 0, 500, false), new TextFileSplit(a, 500, 500, false), new TextFileSplit(b, 0, 0, true)],
            splits);
    }

    [Fact]
    public void Split_MissingFile_ThrowsFileNotFound()
    {
        using var folder = new ScratchFolder();

        Assert.Throws<FileNotFoundException>(() => TextFileSplitter.Split([folder.PathOf("gone.txt")], 2));
    }

    [Fact]
    public void ToString_UsesHadoopNotation()
    {
        Assert.Equal("/data/a.txt:100+50", new TextFileSplit("/data/a.txt", 100, 50, false).ToString());
    }
}
