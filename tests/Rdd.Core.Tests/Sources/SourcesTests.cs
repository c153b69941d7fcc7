using System.IO.Compression;
using System.Text;
using Rdd.Core.Tests.TestSupport;

namespace Rdd.Core.Tests.Sources;

/// <summary>A record type for object-file round trips (public, so the serializer sees its members).</summary>
public sealed record SourcesPerson(string Name, int Age, double Score);

/// <summary>Parallelize, Range, TextFile, WholeTextFiles, SaveAsTextFile and the object files.</summary>
public sealed class SourcesTests : IDisposable
{
    private readonly RddContext _context = TestContexts.Create(parallelism: 3);
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _context.Dispose();
        _temp.Dispose();
    }

    /// <summary>Spark's slicing rule: slice i of n elements in s slices holds positions [i*n/s, (i+1)*n/s).</summary>
    private static int[][] ExpectedSlices(int n, int s) =>
        Enumerable.Range(0, s)
            .Select(i => Enumerable.Range((int)((long)i * n / s), (int)((long)(i + 1) * n / s - (long)i * n / s)).ToArray())
            .ToArray();

    // ---- Parallelize ------------------------------------------------------------------------

    [Theory]
    [InlineData(10, 3)]
    [InlineData(7, 4)]
    [InlineData(3, 5)]
    [InlineData(0, 3)]
    [InlineData(100, 7)]
    [InlineData(1, 1)]
    public void Parallelize_NumSlices_PartitionIHoldsPositionsIntoNOverS(int n, int s)
    {
        var rdd = _context.Parallelize(Enumerable.Range(0, n), s);

        var glommed = rdd.Glom().Collect();

        Assert.Equal(s, rdd.NumPartitions);
        Assert.Equal(ExpectedSlices(n, s), glommed);
    }

    [Fact]
    public void Parallelize_TenIntoThree_MatchesSparksDocumentedSlices()
    {
        // PySpark: sc.parallelize(range(10), 3).glom().collect() == [[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]
        var glommed = _context.Parallelize(Enumerable.Range(0, 10), 3).Glom().Collect();

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]], glommed);
    }

    [Fact]
    public void Parallelize_WithoutNumSlices_UsesParallelism()
    {
        using var five = TestContexts.Create(parallelism: 5);

        var rdd = five.Parallelize(Enumerable.Range(0, 20));

        Assert.Equal(5, five.DefaultParallelism);
        Assert.Equal(5, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 20), rdd.Collect());
    }

    [Fact]
    public void Parallelize_LazyEnumerable_IsEnumeratedOnlyWhenAJobRuns()
    {
        int enumerated = 0;
        IEnumerable<int> Source()
        {
            enumerated++;
            yield return 1;
            yield return 2;
        }

        var rdd = _context.Parallelize(Source(), 2);
        Assert.Equal(0, enumerated);

        Assert.Equal([1, 2], rdd.Collect());
        Assert.Equal([1, 2], rdd.Collect());
        Assert.Equal(1, enumerated);
    }

    [Fact]
    public void Parallelize_Strings_KeepsOrderAndNulls()
    {
        string?[] data = ["a", null, "c", "", "e"];

        Assert.Equal(data, _context.Parallelize(data, 2).Collect());
    }

    // ---- Range ------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, 10, 1, 3)]
    [InlineData(0, 10, 3, 2)]
    [InlineData(10, 0, -3, 2)]
    [InlineData(-5, 5, 2, 4)]
    [InlineData(5, -5, -1, 3)]
    [InlineData(1, 2, 5, 3)]
    public void Range_StepAndSlices_MatchesLoopAndSlicingRule(long start, long end, long step, int slices)
    {
        var expected = new List<long>();
        for (long v = start; step > 0 ? v < end : v > end; v += step) expected.Add(v);

        var rdd = _context.Range(start, end, step, slices);
        var glommed = rdd.Glom().Collect();

        Assert.Equal(slices, rdd.NumPartitions);
        Assert.Equal(expected, glommed.SelectMany(p => p));
        var expectedSlices = ExpectedSlices(expected.Count, slices).Select(idx => idx.Select(i => expected[i]).ToArray()).ToArray();
        Assert.Equal(expectedSlices, glommed);
    }

    [Fact]
    public void Range_NegativeStep_CountsDown()
    {
        Assert.Equal([10L, 7, 4, 1], _context.Range(10, 0, -3, 2).Collect());
    }

    [Fact]
    public void Range_StepNotDividingSpan_StopsBeforeEnd()
    {
        Assert.Equal([0L, 3, 6, 9], _context.Range(0, 10, 3).Collect());
        Assert.Equal([0L, 4, 8], _context.Range(0, 9, 4).Collect());
    }

    [Theory]
    [InlineData(5, 5, 1)]
    [InlineData(0, 10, -1)]
    [InlineData(10, 0, 1)]
    public void Range_EmptyRange_HasPartitionsButNoElements(long start, long end, long step)
    {
        var rdd = _context.Range(start, end, step, 4);

        Assert.Equal(4, rdd.NumPartitions);
        Assert.Empty(rdd.Collect());
        Assert.Equal(0, rdd.Count());
    }

    [Fact]
    public void Range_WithoutNumSlices_UsesParallelism()
    {
        var rdd = _context.Range(0, 100);

        Assert.Equal(3, rdd.NumPartitions);
        Assert.Equal(4950L, rdd.Sum());
    }

    [Fact]
    public void Range_ZeroStep_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _context.Range(0, 10, 0));
    }

    // ---- TextFile ---------------------------------------------------------------------------

    [Fact]
    public void TextFile_SingleFile_ReadsLinesInOrder()
    {
        string path = _temp.WriteText("in.txt", "alpha\nbeta\n\ngamma\n");

        Assert.Equal(["alpha", "beta", "", "gamma"], _context.TextFile(path).Collect());
    }

    [Fact]
    public void TextFile_NoTrailingNewline_KeepsLastLine()
    {
        string path = _temp.WriteText("in.txt", "one\ntwo");

        Assert.Equal(["one", "two"], _context.TextFile(path).Collect());
    }

    [Fact]
    public void TextFile_Folder_ReadsVisibleFilesInNameOrderSkippingUnderscoreAndDotFiles()
    {
        _temp.WriteText("data/b.txt", "b1\nb2\n");
        _temp.WriteText("data/a.txt", "a1\n");
        _temp.WriteText("data/_SUCCESS", "");
        _temp.WriteText("data/_ignored.txt", "underscore\n");
        _temp.WriteText("data/.hidden.txt", "dot\n");
        _temp.WriteText("data/.a.txt.crc", "crc\n");

        var lines = _context.TextFile(_temp.PathOf("data")).Collect();

        Assert.Equal(["a1", "b1", "b2"], lines);
    }

    [Fact]
    public void TextFile_Glob_ReadsOnlyMatchingFiles()
    {
        _temp.WriteText("logs/2024-01.log", "jan\n");
        _temp.WriteText("logs/2024-02.log", "feb\n");
        _temp.WriteText("logs/2024-02.txt", "not a log\n");
        _temp.WriteText("logs/2025-01.log", "next year\n");

        Assert.Equal(["jan", "feb"], _context.TextFile(_temp.PathOf("logs/2024-*.log")).Collect());
        Assert.Equal(["jan", "next year"], _context.TextFile(_temp.PathOf("logs/202?-01.log")).Collect());
    }

    [Fact]
    public void TextFile_LargeFileWithMinPartitions_SplitsIntoSeveralPartitionsAndKeepsEveryLineOnce()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 5000; i++) text.Append("line number ").Append(i).Append(i % 7 == 0 ? " ünïcødé" : "").Append('\n');
        string path = _temp.WriteText("big.txt", text.ToString());

        var rdd = _context.TextFile(path, minPartitions: 6);
        var lines = rdd.Collect();

        Assert.True(rdd.NumPartitions >= 6, $"expected at least 6 partitions, got {rdd.NumPartitions}");
        Assert.Equal(File.ReadAllLines(path), lines);
        Assert.All(rdd.Glom().Collect(), part => Assert.NotEmpty(part));
    }

    [Fact]
    public void TextFile_DefaultMinPartitions_IsAtMostTwoForASmallFile()
    {
        string path = _temp.WriteText("small.txt", string.Concat(Enumerable.Range(0, 200).Select(i => $"row {i}\n")));

        var rdd = _context.TextFile(path);

        Assert.Equal(2, rdd.NumPartitions);
        Assert.Equal(File.ReadAllLines(path), rdd.Collect());
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void TextFile_LineEndings_EndLinesLikeHadoop(string ending)
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"value-{i}").ToArray();
        string path = _temp.WriteText("endings.txt", string.Join(ending, lines) + ending);

        var rdd = _context.TextFile(path, minPartitions: 4);

        Assert.Equal(lines, rdd.Collect());
    }

    [Fact]
    public void TextFile_MixedLineEndings_SplitsOnEachKind()
    {
        string path = _temp.WriteText("mixed.txt", "a\r\nb\rc\nd\r\n\re");

        Assert.Equal(["a", "b", "c", "d", "", "e"], _context.TextFile(path).Collect());
    }

    [Fact]
    public void TextFile_GzipFile_IsOnePartitionAndDecompressed()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"compressed {i}").ToArray();
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        string path = _temp.WriteBytes("data.txt.gz", buffer.ToArray());

        var rdd = _context.TextFile(path, minPartitions: 4);

        Assert.Equal(1, rdd.NumPartitions);
        Assert.Equal(lines, rdd.Collect());
    }

    [Fact]
    public void TextFile_EmptyFile_HasNoLines()
    {
        string path = _temp.WriteText("empty.txt", "");

        Assert.Empty(_context.TextFile(path).Collect());
    }

    // ---- WholeTextFiles ---------------------------------------------------------------------

    [Fact]
    public void WholeTextFiles_Folder_OnePairPerVisibleFileWithFullContent()
    {
        string a = _temp.WriteText("docs/a.txt", "first\nfile\n");
        string b = _temp.WriteText("docs/b.txt", "second file, no newline");
        _temp.WriteText("docs/_SUCCESS", "");
        _temp.WriteText("docs/.secret", "hidden");

        var files = _context.WholeTextFiles(_temp.PathOf("docs")).Collect();

        Assert.Equal(2, files.Length);
        Assert.Equal([Path.GetFullPath(a), Path.GetFullPath(b)], files.Select(f => Path.GetFullPath(f.Path)));
        Assert.Equal("first\nfile\n", files[0].Content);
        Assert.Equal("second file, no newline", files[1].Content);
    }

    [Fact]
    public void WholeTextFiles_ManyFilesWithMinPartitions_SpreadsFilesOverPartitionsInOrder()
    {
        for (int i = 0; i < 6; i++) _temp.WriteText($"many/f{i}.txt", $"content {i}");

        var rdd = _context.WholeTextFiles(_temp.PathOf("many"), minPartitions: 3);
        var files = rdd.Collect();

        Assert.Equal(3, rdd.NumPartitions);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"content {i}"), files.Select(f => f.Content));
    }

    // ---- SaveAsTextFile ---------------------------------------------------------------------

    [Fact]
    public void SaveAsTextFile_ThenTextFile_RoundTripsWithPartFilesAndSuccessMarker()
    {
        string output = _temp.PathOf("out");
        var data = Enumerable.Range(0, 30).Select(i => $"row {i}").ToArray();

        _context.Parallelize(data, 3).SaveAsTextFile(output);

        var names = Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["_SUCCESS", "part-00000", "part-00001", "part-00002"], names);
        Assert.Equal(0, new FileInfo(Path.Combine(output, "_SUCCESS")).Length);
        Assert.Equal(data[..10], File.ReadAllLines(Path.Combine(output, "part-00000")));
        Assert.Equal(data, _context.TextFile(output).Collect());
        Assert.False(Directory.Exists(Path.Combine(output, "_temporary")));
    }

    [Fact]
    public void SaveAsTextFile_EmptyPartitions_StillWritesOnePartFileEach()
    {
        string output = _temp.PathOf("sparse");

        _context.Parallelize(new[] { 1 }, 3).SaveAsTextFile(output);

        Assert.Equal(3, Directory.GetFiles(output, "part-*").Length);
        Assert.Equal(["1"], _context.TextFile(output).Collect());
    }

    [Fact]
    public void SaveAsTextFile_NumbersAndTuples_AreFormattedWithInvariantCulture()
    {
        string output = _temp.PathOf("numbers");
        _context.Parallelize(new (string, double)[] { ("a", 1.5), ("b", -0.25) }, 1).SaveAsTextFile(output);

        Assert.Equal(["(a, 1.5)", "(b, -0.25)"], File.ReadAllLines(Path.Combine(output, "part-00000")));
    }

    // ---- object files -----------------------------------------------------------------------

    [Fact]
    public void SaveAsObjectFile_Tuples_RoundTripInOrder()
    {
        string output = _temp.PathOf("tuples");
        var data = Enumerable.Range(0, 25).Select(i => (i, $"s{i}", (i * 0.5, (long)i << 40))).ToArray();

        _context.Parallelize(data, 3).SaveAsObjectFile(output);
        var back = _context.ObjectFile<(int, string, (double, long))>(output);

        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.Equal(3, back.NumPartitions);
        Assert.Equal(data, back.Collect());
    }

    [Fact]
    public void SaveAsObjectFile_Records_RoundTripWithEqualValues()
    {
        string output = _temp.PathOf("records");
        var data = new[] { new SourcesPerson("Ada", 36, 9.5), new SourcesPerson("Linus", 21, -1), new SourcesPerson("", 0, 0) };

        _context.Parallelize(data, 2).SaveAsObjectFile(output);

        Assert.Equal(data, _context.ObjectFile<SourcesPerson>(output).Collect());
    }

    [Fact]
    public void SaveAsObjectFile_Strings_RoundTripIncludingNullEmptyAndNonAscii()
    {
        string output = _temp.PathOf("strings");
        string?[] data = ["plain", "", null, "日本語 😀", new string('x', 70_000), "line\nbreak"];

        _context.Parallelize(data, 2).SaveAsObjectFile(output);

        Assert.Equal(data, _context.ObjectFile<string?>(output).Collect());
    }

    [Fact]
    public void SaveAsObjectFile_Doubles_RoundTripNaNInfinitiesAndNegativeZero()
    {
        string output = _temp.PathOf("doubles");
        double[] data = [0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue, 1e-300];

        _context.Parallelize(data, 3).SaveAsObjectFile(output);
        var back = _context.ObjectFile<double>(output).Collect();

        Assert.Equal(data.Length, back.Length);
        for (int i = 0; i < data.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(data[i]), BitConverter.DoubleToInt64Bits(back[i]));
    }

    [Fact]
    public void SaveAsObjectFile_ListsAndDictionaries_RoundTrip()
    {
        string output = _temp.PathOf("collections");
        var data = new[]
        {
            new Dictionary<string, List<int>> { ["a"] = [1, 2], ["b"] = [] },
            new Dictionary<string, List<int>>(),
        };

        _context.Parallelize(data, 1).SaveAsObjectFile(output);
        var back = _context.ObjectFile<Dictionary<string, List<int>>>(output).Collect();

        Assert.Equal(2, back.Length);
        Assert.Equal([1, 2], back[0]["a"]);
        Assert.Empty(back[0]["b"]);
        Assert.Empty(back[1]);
    }
}
