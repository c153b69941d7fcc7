using System.Text;
using Apache.Arrow;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.IO.Csv;

public class CsvWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Write_HeaderNullsEmptyStringsAndQuoting()
    {
        var schema = new StructType(new StructField("id", DataTypes.Integer), new StructField("text", DataTypes.String), new StructField("x", DataTypes.Double));
        var batch = Batch(schema,
            [1, "plain", 1.0],
            [2, "a,b", null],
            [null, "say \"hi\"", 0.5],
            [4, "", -1e20],
            [5, null, double.NaN],
            [6, "back\\slash", double.NegativeInfinity],
            [7, "quoted \\\" escape", 1e-7],
            [8, "two\nlines", 3.25]);
        Assert.Equal(
            "id,text,x\n1,plain,1.0\n2,\"a,b\",\n,\"say \\\"hi\\\"\",0.5\n4,\"\",-1E+20\n5,,NaN\n6,back\\slash,-Infinity\n"
            + "7,\"quoted \\\\\\\" escape\",1E-07\n8,\"two\nlines\",3.25\n",
            WriteToString(schema, new CsvOptions { Header = true }, batch));
    }

    [Fact]
    public void Write_RfcEscape_DoublesQuotes()
    {
        var schema = new StructType(new StructField("text", DataTypes.String));
        Assert.Equal("\"say \"\"hi\"\"\"\n", WriteToString(schema, new CsvOptions { Escape = '"' }, Batch(schema, ["say \"hi\""])));
    }

    [Fact]
    public void Write_QuoteAllAndCustomDelimiterAndNullValue()
    {
        var schema = new StructType(new StructField("a", DataTypes.Long), new StructField("b", DataTypes.String), new StructField("c", DataTypes.Boolean));
        var options = new CsvOptions { QuoteAll = true, Delimiter = '\t', NullValue = "NULL" };
        Assert.Equal("\"1\"\t\"x\"\t\"true\"\nNULL\t\"y\tz\"\tNULL\n", WriteToString(schema, options, Batch(schema, [1L, "x", true], [null, "y\tz", null])));
    }

    [Fact]
    public void Write_DatesAndTimestamps_IsoWithoutLosingMicroseconds()
    {
        var schema = new StructType(new StructField("d", DataTypes.Date), new StructField("t", DataTypes.Timestamp), new StructField("n", DataTypes.TimestampNtz));
        var batch = Batch(schema,
            [new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1_234_560), new DateTime(1969, 12, 31, 23, 0, 0)],
            [new DateOnly(1, 1, 1), new DateTime(1960, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), new DateTime(2000, 1, 1, 0, 0, 0, 1)]);
        Assert.Equal(
            "2024-02-29,2024-02-29T23:59:58.123456Z,1969-12-31T23:00:00.000\n0001-01-01,1960-01-01T00:00:00.500Z,2000-01-01T00:00:00.001\n",
            WriteToString(schema, CsvOptions.Default, batch));
    }

    [Fact]
    public void Write_CustomPatterns()
    {
        var schema = new StructType(new StructField("d", DataTypes.Date), new StructField("t", DataTypes.Timestamp));
        var options = new CsvOptions { DateFormat = "dd/MM/yyyy", TimestampFormat = "yyyy-MM-dd HH:mm[:ss]" };
        var text = WriteToString(schema, options, Batch(schema, [new DateOnly(2024, 3, 7), new DateTime(2024, 3, 7, 8, 9, 10, DateTimeKind.Utc)]));
        Assert.Equal("07/03/2024,2024-03-07 08:09:10\n", text);
        string path = _files.Write("c.csv", text + "08/03/2024,2024-03-08 01:02\n");
        Assert.Equal(["2024-03-07|2024-03-07T08:09:10.000000Z", "2024-03-08|2024-03-08T01:02:00.000000Z"],
            BatchRows.Lines(BatchRows.Collect(CsvReader.Read(FileSplit.WholeFile(path), schema, options with { Mode = ParseMode.FailFast }))));
    }

    [Fact]
    public void Write_BinaryColumn_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => new CsvWriter(new MemoryStream(), new StructType(new StructField("b", DataTypes.Binary))));

    [Theory]
    [InlineData(',', '\\')]
    [InlineData('|', '"')]
    [InlineData('\t', '\\')]
    public void WriteThenRead_RandomRows_RoundTrip(char delimiter, char escape)
    {
        var schema = new StructType(
            new StructField("i", DataTypes.Integer), new StructField("l", DataTypes.Long), new StructField("d", DataTypes.Double),
            new StructField("f", DataTypes.Float), new StructField("s", DataTypes.String), new StructField("b", DataTypes.Boolean),
            new StructField("day", DataTypes.Date), new StructField("at", DataTypes.Timestamp), new StructField("small", DataTypes.Short));
        var random = new Random(delimiter);
        string[] pieces = ["a", ",", "|", "\t", "\"", "\\", " ", "é", "中", "x y", "#"];
        var rows = new List<object?[]>();
        for (int r = 0; r < 500; r++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
            rows.Add(
            [
                Maybe(random, random.Next()), Maybe(random, random.NextInt64(long.MinValue, long.MaxValue)),
                Maybe(random, (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20))), Maybe(random, (float)random.NextDouble()),
                Maybe(random, text), Maybe(random, random.Next(2) == 0),
                Maybe(random, DateOnly.FromDayNumber(random.Next(0, 3_000_000))),
                Maybe(random, new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / 10 * 10, DateTimeKind.Utc)),
                Maybe(random, (short)random.Next(short.MinValue, short.MaxValue)),
            ]);
        }
        var options = new CsvOptions { Header = true, Delimiter = delimiter, Escape = escape, Mode = ParseMode.FailFast };
        string path = _files.PathOf("round.csv");
        using (var writer = new CsvWriter(File.Create(path), schema, options))
        {
            writer.Write(Batch(schema, [.. rows.Take(200)]));
            writer.Write(Batch(schema, [.. rows.Skip(200)]));
        }
        var read = BatchRows.Collect(CsvReader.Read(FileSplit.WholeFile(path), schema, options));
        Assert.Equal(BatchRows.Lines(rows), BatchRows.Lines(read));
        var inferred = CsvSchemaInference.Infer([path], options with { InferSchema = true });
        Assert.Equal("struct<i:int,l:bigint,d:double,f:double,s:string,b:boolean,day:date,at:timestamp,small:int>", inferred.SimpleString);
    }

    private static object? Maybe(Random random, object value) => random.Next(10) == 0 ? null : value;

    internal static string WriteToString(StructType schema, CsvOptions options, params RecordBatch[] batches)
    {
        var stream = new MemoryStream();
        using (var writer = new CsvWriter(stream, schema, options, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static RecordBatch Batch(StructType schema, params object?[][] rows) => TestBatches.Create(schema, rows);
}
