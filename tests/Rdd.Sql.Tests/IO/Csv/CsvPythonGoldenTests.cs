using System.Text.Json;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;

namespace Rdd.Sql.Tests.IO.Csv;

/// <summary>
/// Checks the CSV reader and writer against Python's csv module (RFC 4180: quotes doubled, no escape
/// character), which Spark reads with <c>escape='"'</c>.
/// </summary>
public class CsvPythonGoldenTests : IDisposable
{
    private const string WriteRandomCsv = """
        import csv, json, random, sys
        random.seed(int(sys.argv[2]))
        pieces = ["a", "b", ",", "\"", "'", " ", "é", "中", "1", "-", ".", ";", "\\"]
        rows = [[''.join(random.choice(pieces) for _ in range(random.randint(0, 6))) for _ in range(5)] for _ in range(400)]
        with open(sys.argv[1], "w", newline="", encoding="utf-8") as f:
            csv.writer(f, lineterminator="\r\n" if random.random() < 0.5 else "\n").writerows(rows)
        print(json.dumps(rows))
        """;

    private const string ReadCsv = """
        import csv, json, sys
        with open(sys.argv[1], newline="", encoding="utf-8") as f:
            print(json.dumps(list(csv.reader(f))))
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [PythonFact]
    public void Read_FileWrittenByPythonCsv_GivesPythonsFields()
    {
        var schema = new StructType(Enumerable.Range(0, 5).Select(i => new StructField($"_c{i}", DataTypes.String)));
        var options = new CsvOptions { Escape = '"', Mode = ParseMode.FailFast };
        for (int seed = 1; seed <= 3; seed++)
        {
            string path = _files.PathOf($"python-{seed}.csv");
            var expected = JsonSerializer.Deserialize<string[][]>(Python.Run(WriteRandomCsv, path, seed.ToString()))!;
            var rows = BatchRows.Collect(CsvReader.Read(FileSplit.WholeFile(path), schema, options));
            // Python writes an empty string as an empty field, which reads as null (Spark's rule).
            Assert.Equal(expected.Select(r => string.Join("|", r.Select(v => v.Length == 0 ? "null" : v))), BatchRows.Lines(rows));
        }
    }

    [PythonFact]
    public void Write_RfcEscaping_IsReadByPythonCsv()
    {
        var schema = new StructType(new StructField("id", DataTypes.Integer), new StructField("text", DataTypes.String));
        string[] texts = ["plain", "a,b", "say \"hi\"", "\"", "back\\slash \\\"", "line\nbreak", "é中", " padded "];
        var batch = TestBatches.Create(schema, [.. texts.Select((t, i) => new object?[] { i, t })]);
        string path = _files.PathOf("ours.csv");
        using (var writer = new CsvWriter(File.Create(path), schema, new CsvOptions { Header = true, Escape = '"' }))
        {
            writer.Write(batch);
        }
        var read = JsonSerializer.Deserialize<string[][]>(Python.Run(ReadCsv, path))!;
        Assert.Equal(["id", "text"], read[0]);
        Assert.Equal(texts, read.Skip(1).Select(r => r[1]));
    }
}
