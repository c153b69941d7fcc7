using System.IO.Compression;
using System.Text;
using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.IO;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.IO;

/// <summary>
/// DataFrame file scans size their splits as Spark SQL does (FilePartition.maxSplitBytes): min(128 MiB,
/// max(4 MiB, (bytes + files × 4 MiB) / parallelism)), each file cut at that size, the lines read once.
/// </summary>
public sealed class FileSplitSizeTests : IDisposable
{
    private const long MiB = 1024 * 1024;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A file of <paramref name="length"/> bytes without writing them (sparse where the file system allows).</summary>
    private string Sized(string name, long length)
    {
        string path = _files.PathOf(name);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.SetLength(length);
        return path;
    }

    /// <summary>Spark's formula, written out independently of the code under test.</summary>
    private static long SparkMaxSplitBytes(long[] lengths, int parallelism) =>
        Math.Min(128 * MiB, Math.Max(4 * MiB, lengths.Sum(l => l + 4 * MiB) / parallelism));

    [Theory]
    [InlineData(new long[] { 0 }, 2)]
    [InlineData(new long[] { 1 }, 1)]
    [InlineData(new long[] { 100 * MiB }, 2)]
    [InlineData(new long[] { 300 * MiB }, 2)]
    [InlineData(new long[] { 300 * MiB }, 8)]
    [InlineData(new long[] { 30 * MiB, 10 * MiB, 5 }, 3)]
    [InlineData(new long[] { 2000 * MiB }, 64)]
    public void Max_split_bytes_follows_spark(long[] lengths, int parallelism)
    {
        Assert.Equal(SparkMaxSplitBytes(lengths, parallelism), FileSplit.MaxSplitBytes(lengths, parallelism));
    }

    [Fact]
    public void Tiny_files_are_one_split_each()
    {
        string[] files = [.. Enumerable.Range(0, 5).Select(i => _files.Write($"part-{i}.csv", $"a,b\n{i},{i * 2}\n"))];

        var splits = FileSplit.PlanBySize(files, parallelism: 4);

        Assert.Equal(files, splits.Select(s => s.Path));
        Assert.All(splits, s => Assert.True(s.IsWholeFile && s.Start == 0 && s.Length == new FileInfo(s.Path).Length));
    }

    [Theory]
    [InlineData(9 * MiB + 123, 4, 3)]      // 4 MiB pieces: the open cost is the floor.
    [InlineData(300 * MiB, 2, 3)]          // 128 MiB pieces: maxPartitionBytes is the cap.
    [InlineData(300 * MiB, 8, 8)]          // (300 + 4) / 8 = 38 MiB pieces: spread over the cores.
    [InlineData(8 * MiB, 1, 1)]            // (8 + 4) MiB per core: the whole file in one piece.
    public void A_big_file_is_cut_every_max_split_bytes(long length, int parallelism, int expectedSplits)
    {
        string path = Sized("big.txt", length);
        long splitBytes = SparkMaxSplitBytes([length], parallelism);
        Assert.Equal((int)((length + splitBytes - 1) / splitBytes), expectedSplits);

        var splits = FileSplit.PlanBySize([path], parallelism);

        Assert.Equal(expectedSplits, splits.Count);
        Assert.Equal(Enumerable.Range(0, expectedSplits).Select(i => i * splitBytes), splits.Select(s => s.Start));
        Assert.All(splits.SkipLast(1), s => Assert.Equal(splitBytes, s.Length));
        Assert.Equal(length, splits.Sum(s => s.Length));
        Assert.Equal(expectedSplits == 1, splits[0].IsWholeFile);
    }

    [Fact]
    public void Files_keep_their_order_and_gzip_and_empty_files_are_not_cut()
    {
        string big = Sized("a-big.txt", 10 * MiB);
        string empty = _files.Write("b-empty.txt", "");
        string gzip = _files.PathOf("c-lines.txt.gz");
        using (var stream = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
        {
            stream.Write(new byte[12 * MiB]);
        }

        var splits = FileSplit.PlanBySize([big, empty, gzip], parallelism: 2);

        // (10 MiB + gz + 3 × 4 MiB) / 2 is over 11 MiB: the big file stays whole, the gzip file too.
        Assert.Equal([big, gzip], splits.Select(s => s.Path));
        Assert.All(splits, s => Assert.True(s.IsWholeFile));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("csv")]
    public void Scans_read_every_line_once_across_the_splits(string formatName)
    {
        var format = formatName == "text" ? DataSourceFormat.Text : DataSourceFormat.Csv;
        var random = new Random(21);
        var lines = new List<string>();
        var text = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            string line = $"{i},{new string((char)('a' + random.Next(26)), random.Next(0, 40))}";
            lines.Add(line);
            text.Append(line).Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }
        string first = _files.Write("part-0.txt", text.ToString());
        string second = _files.Write("part-1.txt", "3000,last\n3001,\n");
        lines.AddRange(["3000,last", "3001,"]);

        using var context = new RddContext(new RddConfig { Parallelism = 3, LocalDir = _files.PathOf("local") });
        var schema = format == DataSourceFormat.Text
            ? new StructType(new StructField("value", StringType.Instance))
            : new StructType(new StructField("id", IntegerType.Instance), new StructField("word", StringType.Instance));
        var source = new DataSource(format, [first, second], new Dictionary<string, string> { ["header"] = "false" }, schema);
        // Small sizes so that the first file is cut in many places, most of them inside a line.
        var scan = new FileScanExec(context, source, [.. Enumerable.Range(0, schema.Count)], schema.Count,
            maxPartitionBytes: 1000, openCostInBytes: 64);

        var splits = scan.PlanSplits();
        long splitBytes = FileSplit.MaxSplitBytes([new FileInfo(first).Length, new FileInfo(second).Length], 3, 1000, 64);
        Assert.Equal(1000, splitBytes);
        Assert.Equal((int)((new FileInfo(first).Length + 999) / 1000) + 1, splits.Count);
        var rdd = scan.Execute();
        Assert.Equal(splits.Count, rdd.NumPartitions);

        var rows = rdd.Collect().SelectMany(b => Enumerable.Range(0, b.Length).Select(i => Line(b, i, format))).ToList();
        Assert.Equal(lines, rows);
    }

    private static string Line(Apache.Arrow.RecordBatch batch, int row, DataSourceFormat format)
    {
        if (format == DataSourceFormat.Text)
        {
            return ((Apache.Arrow.StringArray)batch.Columns[0]).GetString(row)!;
        }
        var ids = (Apache.Arrow.PrimitiveArray<int>)batch.Columns[0];
        var words = (Apache.Arrow.StringArray)batch.Columns[1];
        return $"{ids.GetValue(row)},{(words.IsNull(row) ? "" : words.GetString(row))}";
    }
}
