using Rdd.Sql.IO;
using Rdd.Sql.IO.Text;

namespace Rdd.Sql.Tests.IO.Text;

public class TextFileReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_OneRowPerLine_EmptyLinesIncluded()
    {
        string path = _files.Write("t.txt", "first\r\n\nthird line, with comma\rfourth é\n");
        var batches = TextFileReader.Read(FileSplit.WholeFile(path)).ToList();
        Assert.Equal("value: utf8", ArrowSchemaText.Of(batches[0].Schema));
        Assert.Equal(["first", "", "third line, with comma", "fourth é"], BatchRows.Lines(BatchRows.Collect(batches)));
        Assert.Equal("struct<value:string>", TextFileReader.ValueSchema.SimpleString);
    }

    [Fact]
    public void Read_Splits_ReadEachLineOnce_AndCountOnlyBatchesHaveNoColumns()
    {
        string path = _files.Write("t.txt", string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n")));
        var splits = FileSplit.Plan([path], 5);
        Assert.True(splits.Count >= 5);
        var lines = splits.SelectMany(s => BatchRows.Lines(BatchRows.Collect(TextFileReader.Read(s, batchSize: 64)))).ToList();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"line {i}"), lines);
        Assert.Equal(1000, splits.Sum(s => TextFileReader.Read(s, includeValue: false).Sum(b => b.Length)));
    }

    [Fact]
    public void Read_EmptyFile_NoBatches()
    {
        string path = _files.Write("empty.txt", "");
        Assert.Empty(TextFileReader.Read(FileSplit.WholeFile(path)));
        using var reader = new TextFileReader(FileSplit.WholeFile(path));
        Assert.Null(reader.ReadNextBatch());
        Assert.Equal(0, reader.BytesRead);
    }
}
