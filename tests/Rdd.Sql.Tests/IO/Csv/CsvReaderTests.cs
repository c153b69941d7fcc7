using System.Text;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;

namespace Rdd.Sql.Tests.IO.Csv;

public class CsvReaderTests : IDisposable
{
    private static readonly StructType IdNameScore = new(
        new StructField("id", DataTypes.Integer),
        new StructField("name", DataTypes.String),
        new StructField("score", DataTypes.Double));

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_WithHeader_SkipsTheHeaderLine()
    {
        string path = _files.Write("a.csv", "id,name,score\n1,ann,1.5\n2,bob,\n");
        Assert.Equal(["1|ann|1.5", "2|bob|null"], Read(path, IdNameScore, new CsvOptions { Header = true }));
    }

    [Fact]
    public void Read_WithoutHeader_ReadsEveryLine()
    {
        string path = _files.Write("a.csv", "1,ann,1.5\n2,bob,2\n");
        Assert.Equal(["1|ann|1.5", "2|bob|2"], Read(path, IdNameScore, CsvOptions.Default));
    }

    [Fact]
    public void Read_EveryType_ParsesFromText()
    {
        var schema = new StructType(
            new StructField("b", DataTypes.Byte), new StructField("s", DataTypes.Short), new StructField("i", DataTypes.Integer),
            new StructField("l", DataTypes.Long), new StructField("f", DataTypes.Float), new StructField("d", DataTypes.Double),
            new StructField("flag", DataTypes.Boolean), new StructField("day", DataTypes.Date), new StructField("at", DataTypes.Timestamp),
            new StructField("wall", DataTypes.TimestampNtz), new StructField("text", DataTypes.String));
        string path = _files.Write("all.csv",
            "-128,32767,-2147483648,9223372036854775807,1.5,-2.5e-3,TRUE,2024-02-29,2024-02-29T10:11:12.123456Z,2024-02-29 10:11:12,héllo\n"
            + "+7,0,42,-1,NaN,Inf,false,1969-12-31,2024-01-01T01:00:00+01:00,2024-01-01T00:00,x\n");
        Assert.Equal(
        [
            "-128|32767|-2147483648|9223372036854775807|1.5|-0.0025|true|2024-02-29|2024-02-29T10:11:12.123456Z|2024-02-29T10:11:12.000000|héllo",
            "7|0|42|-1|NaN|Infinity|false|1969-12-31|2024-01-01T00:00:00.000000Z|2024-01-01T00:00:00.000000|x",
        ], Read(path, schema, CsvOptions.Default));
    }

    [Fact]
    public void Read_QuotedFields_KeepDelimitersQuotesAndEscapes()
    {
        var schema = new StructType(new StructField("id", DataTypes.Integer), new StructField("text", DataTypes.String));
        string path = _files.Write("q.csv",
            "1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"back\\\"slash\"\n4,\"c:\\\\dir\\\\\"\n5,\"\"\n\"6\",plain\n");
        Assert.Equal(["1|a, b", "2|say \"hi\"", "3|back\"slash", "4|c:\\dir\\", "5|null", "6|plain"], Read(path, schema, CsvOptions.Default));
    }

    [Theory]
    [InlineData('|')]
    [InlineData('\t')]
    [InlineData(';')]
    public void Read_CustomDelimiter(char delimiter)
    {
        string d = delimiter.ToString();
        string path = _files.Write("d.csv", $"id{d}name{d}score\n1{d}a,b{d}0.5\n2{d}\"x{d}y\"{d}\n");
        Assert.Equal(["1|a,b|0.5", $"2|x{d}y|null"], Read(path, IdNameScore, new CsvOptions { Header = true, Delimiter = delimiter }));
    }

    [Fact]
    public void Read_EmptyAndNullValues_FollowNullValueAndEmptyValue()
    {
        var schema = new StructType(new StructField("a", DataTypes.String), new StructField("b", DataTypes.String), new StructField("n", DataTypes.Integer));
        string path = _files.Write("n.csv", ",\"\",\nNA,x,NA\n");
        // Spark: an unquoted empty field is null; "" reads as emptyValue, itself null when it equals nullValue.
        Assert.Equal(["null|null|null", "NA|x|null"], Read(path, schema, CsvOptions.Default));
        Assert.Equal(["null||null", "null|x|null"], Read(path, schema, new CsvOptions { NullValue = "NA" }));
        Assert.Equal(["null|<empty>|null", "NA|x|null"], Read(path, schema, new CsvOptions { EmptyValue = "<empty>" }));
    }

    [Fact]
    public void Read_BlankAndCommentLines_AreSkipped()
    {
        string path = _files.Write("c.csv", "# comment\n\nid,name,score\n\n1,a,1\n# another\n2,b,2\n\n");
        Assert.Equal(["1|a|1", "2|b|2"], Read(path, IdNameScore, new CsvOptions { Header = true, Comment = '#' }));
    }

    [Fact]
    public void ReadAndInfer_Utf8ByteOrderMark_IsDropped()
    {
        string path = _files.Write("bom.csv", "\uFEFFid,name,score\n1,a,1\n");
        var options = new CsvOptions { Header = true, InferSchema = true, Mode = ParseMode.FailFast };
        var schema = CsvSchemaInference.Infer([path], options);
        Assert.Equal("struct<id:int,name:string,score:int>", schema.SimpleString);
        Assert.Equal(["1|a|1"], Read(path, schema, options));
        string noHeader = _files.Write("bom2.csv", "\uFEFF7,b,2\n");
        Assert.Equal(["7|b|2"], Read(noHeader, IdNameScore, options with { Header = false }));
    }

    [Fact]
    public void Read_CrLfLineEndings_AreNotPartOfValues()
    {
        string path = _files.Write("crlf.csv", "id,name,score\r\n1,a,1.0\r\n2,\"b\",\r\n3,c,3\r\n");
        Assert.Equal(["1|a|1", "2|b|null", "3|c|3"], Read(path, IdNameScore, new CsvOptions { Header = true }));
    }

    [Fact]
    public void Read_Permissive_BadValuesBecomeNullAndShortRowsArePadded()
    {
        string path = _files.Write("p.csv", "1,a,1.5\nx,b,oops\n3\n4,d,4,extra,fields\n5,\"open,5\n");
        Assert.Equal(["1|a|1.5", "null|b|null", "3|null|null", "4|d|4", "5|open,5|null"], Read(path, IdNameScore, CsvOptions.Default));
    }

    [Fact]
    public void Read_DropMalformed_DropsBadRowsAndWrongFieldCounts()
    {
        string path = _files.Write("p.csv", "1,a,1.5\nx,b,2\n3\n4,d,4,extra\n5,\"open,5\n6,f,6\n");
        Assert.Equal(["1|a|1.5", "6|f|6"], Read(path, IdNameScore, new CsvOptions { Mode = ParseMode.DropMalformed }));
    }

    [Fact]
    public void Read_FailFast_BadValue_NamesFileLineColumnAndValue()
    {
        string path = _files.Write("bad.csv", "id,name,score\n1,a,1.5\n\n2,b,1.x5\n");
        var error = Assert.Throws<MalformedRecordException>(() => Read(path, IdNameScore, new CsvOptions { Header = true, Mode = ParseMode.FailFast }));
        Assert.Equal(path, error.Path);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("score", error.ColumnName);
        Assert.Equal(3, error.ColumnPosition);
        Assert.Equal("1.x5", error.Value);
        Assert.Contains(path, error.Message);
        Assert.Contains("line 4", error.Message);
        Assert.Contains("column 3 'score'", error.Message);
        Assert.Contains("'1.x5' is not a valid double", error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Read_FailFast_WrongFieldCount_NamesLine()
    {
        string path = _files.Write("bad.csv", "1,a,1\r\n2,b\r\n");
        var error = Assert.Throws<MalformedRecordException>(() => Read(path, IdNameScore, new CsvOptions { Mode = ParseMode.FailFast }));
        Assert.Equal(2, error.LineNumber);
        Assert.Null(error.ColumnName);
        Assert.Contains("expected 3 fields, found 2", error.Message);
    }

    [Fact]
    public void Read_FailFast_InALaterSplit_ReportsTheLineInTheFile()
    {
        var text = new StringBuilder();
        for (int i = 1; i <= 500; i++)
        {
            text.Append(i == 377 ? "377,bad,NOPE" : $"{i},n{i},{i}.5").Append(i % 3 == 0 ? "\r\n" : "\n");
        }
        string path = _files.Write("long.csv", text.ToString());
        var splits = FileSplit.Plan([path], 7);
        Assert.True(splits.Count >= 5);
        var error = Assert.Throws<MalformedRecordException>(() =>
        {
            foreach (var split in splits)
            {
                _ = CsvReader.Read(split, IdNameScore, new CsvOptions { Mode = ParseMode.FailFast }).ToList();
            }
        });
        Assert.Equal(377, error.LineNumber);
        Assert.Equal("NOPE", error.Value);
    }

    [Fact]
    public void Read_Projection_ParsesOnlySelectedColumnsInRequestedOrder()
    {
        // The bad values sit in columns that are not requested, so not even FAILFAST sees them.
        string path = _files.Write("p.csv", "1,a,NOT_A_DOUBLE\nNOT_AN_INT,b,2.5\n");
        var rows = Read(path, IdNameScore, new CsvOptions { Mode = ParseMode.FailFast }, [1]);
        Assert.Equal(["a", "b"], rows);
        var batches = CsvReader.Read(FileSplit.WholeFile(path), IdNameScore, CsvOptions.Default, [2, 1]).ToList();
        Assert.Equal("score: double, name: utf8", ArrowSchemaText.Of(batches[0].Schema));
        Assert.Equal(["null|a", "2.5|b"], BatchRows.Lines(BatchRows.Collect(batches)));
    }

    [Fact]
    public void Read_NoColumns_StillCountsRows()
    {
        string path = _files.Write("c.csv", "h1,h2,h3\n1,a,1\n2,b,2\n\n3,c,3\n");
        var batches = CsvReader.Read(FileSplit.WholeFile(path), IdNameScore, new CsvOptions { Header = true }, []).ToList();
        Assert.Equal(3, batches.Sum(b => b.Length));
        Assert.All(batches, b => Assert.Equal(0, b.ColumnCount));
    }

    [Fact]
    public void Read_SmallBatchSize_SplitsIntoBatches()
    {
        string path = _files.Write("b.csv", string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},n{i},{i}\n")));
        var batches = CsvReader.Read(FileSplit.WholeFile(path), IdNameScore, CsvOptions.Default, batchSize: 4).ToList();
        Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}|n{i}|{i}"), BatchRows.Lines(BatchRows.Collect(batches)));
    }

    [Theory]
    [InlineData(1, "\n")]
    [InlineData(2, "\r\n")]
    [InlineData(3, "\r")]
    public void Read_RandomSplits_ConcatenateToTheWholeFileWithOneHeader(int seed, string newline)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,name,score").Append(newline);
        for (int i = 0; i < 300; i++)
        {
            string name = random.Next(4) switch
            {
                0 => "\"quoted, with comma\"",
                1 => "",
                2 => new string('x', random.Next(0, 40)),
                _ => "\"say \"\"hi\"\"\"",
            };
            text.Append(i).Append(',').Append(name).Append(',').Append(random.Next(1000) / 8.0).Append(newline);
            if (random.Next(20) == 0)
            {
                text.Append(newline);
            }
        }
        string path = _files.Write("r.csv", text.ToString());
        var options = new CsvOptions { Header = true, Mode = ParseMode.FailFast };
        var whole = Read(path, IdNameScore, options);
        Assert.Equal(300, whole.Length);

        long length = new FileInfo(path).Length;
        for (int trial = 0; trial < 20; trial++)
        {
            var rows = new List<string>();
            for (long start = 0; start < length;)
            {
                long size = Math.Min(length - start, random.Next(1, 400));
                rows.AddRange(BatchRows.Lines(BatchRows.Collect(CsvReader.Read(FileSplit.Range(path, start, size), IdNameScore, options, batchSize: 17))));
                start += size;
            }
            Assert.Equal(whole, rows);
        }
    }

    [Fact]
    public void Constructor_BinaryColumnOrBadProjection_Throws()
    {
        string path = _files.Write("x.csv", "a\n");
        var binary = new StructType(new StructField("b", DataTypes.Binary));
        Assert.Throws<NotSupportedException>(() => new CsvReader(FileSplit.WholeFile(path), binary, CsvOptions.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CsvReader(FileSplit.WholeFile(path), IdNameScore, CsvOptions.Default, [3]));
        Assert.Throws<ArgumentException>(() => new CsvReader(FileSplit.WholeFile(path), IdNameScore, CsvOptions.Default, [1, 1]));
    }

    private static string[] Read(string path, StructType schema, CsvOptions options, IReadOnlyList<int>? columns = null) =>
        BatchRows.Lines(BatchRows.Collect(CsvReader.Read(FileSplit.WholeFile(path), schema, options, columns)));
}
