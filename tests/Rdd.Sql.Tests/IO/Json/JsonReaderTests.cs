using System.Text;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Json;

namespace Rdd.Sql.Tests.IO.Json;

public class JsonReaderTests : IDisposable
{
    private static readonly StructType People = new(
        new StructField("id", DataTypes.Long),
        new StructField("name", DataTypes.String),
        new StructField("score", DataTypes.Double),
        new StructField("ok", DataTypes.Boolean));

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_NullsMissingKeysExtraKeysAndAnyKeyOrder()
    {
        string path = _files.Write("p.json",
            "{\"id\":1,\"name\":\"ann\",\"score\":1.5,\"ok\":true}\n"
            + "{\"ok\":false,\"extra\":{\"deep\":[1,2]},\"id\":2}\n"
            + "\n"
            + "{\"id\":null,\"name\":null,\"score\":3}\r\n"
            + "{}\n");
        Assert.Equal(["1|ann|1.5|true", "2|null|null|false", "null|null|3|null", "null|null|null|null"], Read(path, People, JsonOptions.Default));
    }

    [Fact]
    public void Read_StringColumn_TakesEscapesNumbersBooleansAndNestedJsonText()
    {
        var schema = new StructType(new StructField("v", DataTypes.String));
        string path = _files.Write("s.json",
            "{\"v\":\"tab\\there \\\"q\\\" \\u00e9\"}\n{\"v\":12.50}\n{\"v\":true}\n{\"v\":{\"a\": [1, {\"b\":null}]}}\n{\"v\":[]}\n");
        Assert.Equal(["tab\there \"q\" é", "12.50", "true", "{\"a\": [1, {\"b\":null}]}", "[]"], Read(path, schema, JsonOptions.Default));
    }

    [Fact]
    public void Read_TemporalFloatingAndBinaryValues()
    {
        var schema = new StructType(
            new StructField("day", DataTypes.Date), new StructField("at", DataTypes.Timestamp), new StructField("f", DataTypes.Float),
            new StructField("d", DataTypes.Double), new StructField("bin", DataTypes.Binary), new StructField("i", DataTypes.Integer));
        string path = _files.Write("t.json",
            "{\"day\":\"2024-02-29\",\"at\":\"2024-02-29T12:00:00.25+02:00\",\"f\":0.5,\"d\":\"NaN\",\"bin\":\"AQID\",\"i\":-7}\n"
            + "{\"d\":\"-Infinity\",\"f\":1e2}\n");
        Assert.Equal(["2024-02-29|2024-02-29T10:00:00.250000Z|0.5|NaN|AQID|-7", "null|null|100|-Infinity|null|null"], Read(path, schema, JsonOptions.Default));
    }

    [Fact]
    public void Read_Permissive_WrongKindsBecomeNullAndBadLinesAllNull()
    {
        string path = _files.Write("p.json",
            "{\"id\":\"7\",\"name\":\"a\",\"score\":\"x\",\"ok\":1}\n"
            + "{\"id\":1.5,\"name\":[1],\"ok\":true}\n"
            + "{\"id\":3,\"name\":\"c\"\n"
            + "not json\n"
            + "[1,2]\n"
            + "{\"id\":9223372036854775808}\n"
            + "{\"id\":4} {\"id\":5}\n");
        Assert.Equal(
            ["null|a|null|null", "null|[1]|null|true", "null|null|null|null", "null|null|null|null", "null|null|null|null", "null|null|null|null", "null|null|null|null"],
            Read(path, People, JsonOptions.Default));
    }

    [Fact]
    public void Read_DropMalformed_DropsBadLinesAndWrongKinds()
    {
        string path = _files.Write("d.json", "{\"id\":1}\n{\"id\":\"2\"}\n{oops\n{\"id\":3,\"name\":\"c\"}\n{\"id\":4,\"ok\":\"yes\"}\n");
        Assert.Equal(["1|null|null|null", "3|c|null|null"], Read(path, People, new JsonOptions { Mode = ParseMode.DropMalformed }));
    }

    [Fact]
    public void Read_FailFast_WrongKind_NamesFileLineColumnAndValue()
    {
        string path = _files.Write("f.json", "{\"id\":1}\n\n{\"id\":2,\"score\":\"abc\"}\n");
        var error = Assert.Throws<MalformedRecordException>(() => Read(path, People, new JsonOptions { Mode = ParseMode.FailFast }));
        Assert.Equal(3, error.LineNumber);
        Assert.Equal("score", error.ColumnName);
        Assert.Equal(3, error.ColumnPosition);
        Assert.Equal("abc", error.Value);
        Assert.Contains("line 3, column 3 'score'", error.Message);
        Assert.Contains("the string abc is not a valid double", error.Message);
    }

    [Fact]
    public void Read_FailFast_Syntax_NamesLine()
    {
        string path = _files.Write("f.json", "{\"id\":1}\r\n{\"id\":2,}\r\n");
        var error = Assert.Throws<MalformedRecordException>(() => Read(path, People, new JsonOptions { Mode = ParseMode.FailFast }));
        Assert.Equal(2, error.LineNumber);
        Assert.Null(error.ColumnName);
    }

    [Fact]
    public void Read_Projection_OnlyRequestedColumnsInOrder()
    {
        string path = _files.Write("p.json", "{\"id\":1,\"name\":\"a\",\"score\":\"not checked\"}\n{\"name\":\"b\",\"id\":2}\n");
        var batches = JsonReader.Read(FileSplit.WholeFile(path), People, new JsonOptions { Mode = ParseMode.FailFast }, [1, 0]).ToList();
        Assert.Equal("name: utf8, id: int64", ArrowSchemaText.Of(batches[0].Schema));
        Assert.Equal(["a|1", "b|2"], BatchRows.Lines(BatchRows.Collect(batches)));
    }

    [Fact]
    public void Read_RandomSplits_ConcatenateToTheWholeFile()
    {
        var random = new Random(5);
        var text = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            text.Append($"{{\"id\":{i},\"name\":\"n{new string('x', random.Next(30))}\\n\",\"score\":{random.Next(100) / 4.0}}}")
                .Append(random.Next(3) == 0 ? "\r\n" : "\n");
        }
        string path = _files.Write("r.json", text.ToString());
        var whole = Read(path, People, new JsonOptions { Mode = ParseMode.FailFast });
        Assert.Equal(400, whole.Length);
        long length = new FileInfo(path).Length;
        for (int trial = 0; trial < 10; trial++)
        {
            var rows = new List<string>();
            for (long start = 0; start < length;)
            {
                long size = Math.Min(length - start, random.Next(1, 500));
                rows.AddRange(BatchRows.Lines(BatchRows.Collect(JsonReader.Read(FileSplit.Range(path, start, size), People, JsonOptions.Default, batchSize: 7))));
                start += size;
            }
            Assert.Equal(whole, rows);
        }
    }

    private static string[] Read(string path, StructType schema, JsonOptions options) =>
        BatchRows.Lines(BatchRows.Collect(JsonReader.Read(FileSplit.WholeFile(path), schema, options)));
}
