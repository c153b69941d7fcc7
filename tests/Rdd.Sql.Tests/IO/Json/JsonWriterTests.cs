using System.Text;
using Apache.Arrow;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Json;

namespace Rdd.Sql.Tests.IO.Json;

public class JsonWriterTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Write_OneObjectPerLine_NullsLeftOut()
    {
        var schema = new StructType(
            new StructField("id", DataTypes.Integer), new StructField("name", DataTypes.String), new StructField("x", DataTypes.Double),
            new StructField("ok", DataTypes.Boolean), new StructField("day", DataTypes.Date), new StructField("at", DataTypes.Timestamp),
            new StructField("bin", DataTypes.Binary));
        var batch = TestBatches.Create(schema,
            [1, "a \"q\" é\n", 1.0, true, new DateOnly(2024, 1, 2), new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new byte[] { 1, 2, 3 }],
            [2, null, double.NaN, null, null, null, null],
            [null, null, null, null, null, null, null]);
        Assert.Equal(
            "{\"id\":1,\"name\":\"a \\\"q\\\" é\\n\",\"x\":1.0,\"ok\":true,\"day\":\"2024-01-02\",\"at\":\"2024-01-02T03:04:05.000Z\",\"bin\":\"AQID\"}\n"
            + "{\"id\":2,\"x\":\"NaN\"}\n{}\n",
            WriteToString(schema, JsonOptions.Default, batch));
        Assert.Equal("{\"id\":null,\"name\":null,\"x\":null,\"ok\":null,\"day\":null,\"at\":null,\"bin\":null}\n",
            WriteToString(schema, new JsonOptions { IgnoreNullFields = false }, batch.Slice(2, 1)));
    }

    [Fact]
    public void WriteThenInferThenRead_RoundTrips()
    {
        var schema = new StructType(
            new StructField("d", DataTypes.Double), new StructField("l", DataTypes.Long), new StructField("ok", DataTypes.Boolean),
            new StructField("s", DataTypes.String));
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(i => new object?[]
        {
            i % 7 == 0 ? null : Math.Round(random.NextDouble() * 100, random.Next(0, 4)),
            i % 5 == 0 ? null : random.NextInt64(long.MinValue, long.MaxValue),
            i % 3 == 0 ? null : random.Next(2) == 0,
            i % 11 == 0 ? null : "v\\" + new string((char)('a' + random.Next(26)), random.Next(5)) + "\u0001\t\"",
        }).ToArray();
        string path = _files.PathOf("round.json");
        using (var writer = new JsonWriter(File.Create(path), schema))
        {
            writer.Write(TestBatches.Create(schema, rows[..100]));
            writer.Write(TestBatches.Create(schema, rows[100..]));
        }
        var inferred = JsonSchemaInference.Infer([path], JsonOptions.Default);
        Assert.Equal("struct<d:double,l:bigint,ok:boolean,s:string>", inferred.SimpleString);
        var read = BatchRows.Collect(JsonReader.Read(FileSplit.WholeFile(path), inferred, new JsonOptions { Mode = ParseMode.FailFast }));
        Assert.Equal(BatchRows.Lines(rows), BatchRows.Lines(read));
    }

    [Fact]
    public void WriteThenRead_TimestampsKeepMicroseconds()
    {
        var schema = new StructType(new StructField("at", DataTypes.Timestamp), new StructField("wall", DataTypes.TimestampNtz));
        var at = new DateTime(1901, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_560);
        var wall = new DateTime(2077, 1, 1, 0, 0, 0).AddTicks(10);
        string path = _files.PathOf("t.json");
        using (var writer = new JsonWriter(File.Create(path), schema))
        {
            writer.Write(TestBatches.Create(schema, [at, wall]));
        }
        Assert.Equal("{\"at\":\"1901-05-06T07:08:09.123456Z\",\"wall\":\"2077-01-01T00:00:00.000001\"}\n", File.ReadAllText(path));
        var read = BatchRows.Collect(JsonReader.Read(FileSplit.WholeFile(path), schema, new JsonOptions { Mode = ParseMode.FailFast }));
        Assert.Equal([at, wall], read[0]);
    }

    private static string WriteToString(StructType schema, JsonOptions options, RecordBatch batch)
    {
        var stream = new MemoryStream();
        using (var writer = new JsonWriter(stream, schema, options, leaveOpen: true))
        {
            writer.Write(batch);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
