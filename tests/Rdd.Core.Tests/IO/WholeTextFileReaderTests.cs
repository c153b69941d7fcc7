using System.Text;
using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class WholeTextFileReaderTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("one line")]
    [InlineData("a\r\nb\rc\n\n")]
    [InlineData("日本語 😀 é")]
    public void Read_PlainFile_ReturnsItsExactText(string text)
    {
        string path = _folder.WriteText("f.txt", text);

        Assert.Equal(text, WholeTextFileReader.Read(path));
    }

    [Fact]
    public void Read_GzipFile_ReturnsTheDecompressedText()
    {
        string text = string.Concat(Enumerable.Repeat("ligne é\r\n", 50_000));
        string path = _folder.WriteGzip("f.txt.gz", Encoding.UTF8.GetBytes(text));
        var stats = new ReadStats();

        Assert.Equal(text, WholeTextFileReader.Read(path, stats));
        Assert.Equal(new FileInfo(path).Length, stats.BytesRead);
        Assert.Equal(1, stats.RecordsRead);
    }

    [Fact]
    public void Read_LargeFile_ReturnsItWhole()
    {
        string text = new string('z', 3_000_000) + "end";
        string path = _folder.WriteText("big.txt", text);
        var stats = new ReadStats();

        Assert.Equal(text, WholeTextFileReader.Read(path, stats));
        Assert.Equal(text.Length, stats.BytesRead);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => WholeTextFileReader.Read(_folder.PathOf("none.txt")));
    }
}
