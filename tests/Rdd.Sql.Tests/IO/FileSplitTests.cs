using System.Text;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Text;

namespace Rdd.Sql.Tests.IO;

public class FileSplitTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("a\nbb\n\nccc\r\ndd\re\r\n\r\nf\n")]
    [InlineData("\r\n\r\n\n\r\r\nx")]
    [InlineData("no newline at all")]
    public void FirstLineNumber_EveryStartOffset_MatchesTheLineTheSplitReadsFirst(string text)
    {
        string path = _files.Write("lines.txt", text);
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        for (int start = 0; start < bytes.Length; start++)
        {
            var split = FileSplit.Range(path, start, bytes.Length - start);
            // The first line this split owns is the first that starts at or after `start` (after it when start > 0).
            int expected = lineStarts.FindIndex(s => start == 0 ? s >= 0 : s > start) + 1;
            var batches = TextFileReader.Read(split).ToList();
            if (expected == 0)
            {
                Assert.Empty(batches);
                continue;
            }
            Assert.Equal(expected, split.FirstLineNumber());
        }
    }

    [Fact]
    public void Plan_CutsFilesLikeTextFile()
    {
        string big = _files.Write("big.txt", new string('x', 10_000));
        string small = _files.Write("small.txt", "tiny\n");
        var splits = FileSplit.Plan([big, small], minPartitions: 4);
        Assert.Equal(big, splits[0].Path);
        Assert.Equal(0, splits[0].Start);
        Assert.Equal(10_005, splits.Sum(s => s.Length));
        Assert.True(splits.Count >= 4);
        Assert.Contains(splits, s => s.Path == small && s.IsWholeFile);
        Assert.Equal(splits.Select(s => s.Start + s.Length), splits.Select(s => s.End));
    }

    [Fact]
    public void ListFiles_FolderOfPartFiles_SkipsHiddenFilesAndSorts()
    {
        _files.Write("part-1.csv", "b\n");
        _files.Write("part-0.csv", "a\n");
        _files.Write("_SUCCESS", "");
        Assert.Equal(["part-0.csv", "part-1.csv"], FileSplit.ListFiles(_files.Folder).Select(Path.GetFileName));
    }

    /// <summary>Byte offsets where lines start, by the \n, \r\n and \r rules; a final terminator starts no line.</summary>
    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
            {
                i++;
            }
            if ((bytes[i] == '\n' || bytes[i] == '\r') && i + 1 < bytes.Length)
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }
}
