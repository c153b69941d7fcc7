using System.Text;
using System.Text.RegularExpressions;
using Rdd.Core.Execution;
using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class LineReaderTests : IDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] s_nonAscii = ["é", "naïve", "日本語", "😀", "a😀b", "Ωμέγα", "ß\u00A0x", "\u20AC"];
    private static readonly string[] s_terminators = ["\n", "\r\n", "\r"];

    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // ---- references -------------------------------------------------------------------------

    /// <summary>The file's lines and the byte each starts at, computed the obvious way over the whole file.</summary>
    private static List<(long Start, string Text)> ReferenceLines(byte[] bytes)
    {
        var lines = new List<(long, string)>();
        int start = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != '\n' && bytes[i] != '\r') continue;
            lines.Add((start, Utf8.GetString(bytes, start, i - start)));
            if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < bytes.Length) lines.Add((start, Utf8.GetString(bytes, start, bytes.Length - start)));
        return lines;
    }

    /// <summary>A second, string-level reference, to check the first.</summary>
    private static List<string> SplitText(string text)
    {
        var lines = Regex.Split(text, "\r\n|\r|\n").ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>Hadoop's ownership rule: the line starting at byte p is read by the split with Start &lt; p &lt;= End.</summary>
    private static bool Owns(TextFileSplit split, long lineStart) =>
        lineStart == 0 ? split.Start == 0 : split.Start < lineStart && lineStart <= split.End;

    // ---- helpers ----------------------------------------------------------------------------

    private static string RandomText(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        int pieces = random.Next(0, maxPieces + 1);
        for (int i = 0; i < pieces; i++)
        {
            switch (random.Next(10))
            {
                case 0 or 1: text.Append('\n'); break;
                case 2: text.Append("\r\n"); break;
                case 3: text.Append('\r'); break;
                case 4: text.Append(s_nonAscii[random.Next(s_nonAscii.Length)]); break;
                case 5: text.Append((char)('a' + random.Next(26)), random.Next(40, 300)); break;
                default:
                    for (int n = random.Next(1, 9); n > 0; n--) text.Append((char)('a' + random.Next(26)));
                    break;
            }
        }
        if (random.Next(2) == 0) text.Append(s_terminators[random.Next(s_terminators.Length)]);
        return text.ToString();
    }

    /// <summary>Contiguous splits at random cut points (zero-length ones included, except at byte 0).</summary>
    private static List<TextFileSplit> RandomCuts(Random random, string path, int length)
    {
        if (length <= 1) return [new TextFileSplit(path, 0, length, IsWholeFile: random.Next(2) == 0)];
        var cuts = Enumerable.Range(0, random.Next(0, 8)).Select(_ => (long)random.Next(1, length)).Order().ToList();
        return Contiguous(path, length, cuts, wholeFileIfSingle: random.Next(2) == 0);
    }

    private static List<TextFileSplit> Contiguous(string path, long length, IEnumerable<long> cuts, bool wholeFileIfSingle = true)
    {
        long[] bounds = [0, .. cuts, length];
        if (bounds.Length == 2) return [new TextFileSplit(path, 0, length, wholeFileIfSingle)];
        return [.. bounds.Zip(bounds.Skip(1), (a, b) => new TextFileSplit(path, a, b - a, IsWholeFile: false))];
    }

    private static List<string> Read(TextFileSplit split, int? bufferSize)
    {
        if (bufferSize is null) return [.. LineReader.ReadLines(split)];
        using var cursor = new LineCursor(split, bufferSize: bufferSize.Value);
        var lines = new List<string>();
        while (cursor.TryReadLine(out string? line)) lines.Add(line);
        return lines;
    }

    private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");

    /// <summary>
    /// Reads every split, checks each gets exactly the lines it owns, and that together they give the file's
    /// lines in order; a failure names the text, the splits and the buffer size.
    /// </summary>
    private static void AssertSplitsReadEachLineOnce(string text, byte[] bytes, IReadOnlyList<TextFileSplit> splits, int? bufferSize)
    {
        var expected = ReferenceLines(bytes);
        var all = new List<string>();
        foreach (var split in splits)
        {
            var lines = Read(split, bufferSize);
            var owned = expected.Where(l => Owns(split, l.Start)).Select(l => l.Text).ToList();
            if (!owned.SequenceEqual(lines))
            {
                Assert.Fail($"Split {split.Start}+{split.Length} (buffer {bufferSize?.ToString() ?? "default"}) of \"{Escape(text)}\" " +
                            $"read [{string.Join(" | ", lines.Select(Escape))}], expected [{string.Join(" | ", owned.Select(Escape))}]. " +
                            $"Splits: {string.Join(", ", splits.Select(s => $"{s.Start}+{s.Length}"))}");
            }
            all.AddRange(lines);
        }
        Assert.Equal(expected.Select(l => l.Text), all);
    }

    // ---- the split property -----------------------------------------------------------------

    [Fact]
    public void ReadLines_RandomTextsAndSplits_TogetherYieldEveryLineOnceInOrder()
    {
        var random = new Random(20240611);
        for (int round = 0; round < 400; round++)
        {
            string text = RandomText(random, maxPieces: round % 8 == 0 ? 4 : 120);
            byte[] bytes = Utf8.GetBytes(text);
            string path = _folder.WriteBytes($"text{round}.txt", bytes);
            Assert.Equal(SplitText(text), ReferenceLines(bytes).Select(l => l.Text));

            for (int trial = 0; trial < 10; trial++)
            {
                IReadOnlyList<TextFileSplit> splits = trial % 2 == 0
                    ? RandomCuts(random, path, bytes.Length)
                    : TextFileSplitter.Split([(path, (long)bytes.Length)], random.Next(1, 12), blockSize: random.Next(1, 200));
                int? bufferSize = random.Next(4) == 0 ? null : random.Next(1, 64);
                AssertSplitsReadEachLineOnce(text, bytes, splits, bufferSize);
            }
        }
    }

    public static TheoryData<string> SmallTexts =>
    [
        "", "\n", "\r", "\r\n", "a", "a\n", "a\r", "a\r\n", "\n\n", "\r\r", "\r\n\r\n", "\n\r", "\r\r\n", "\r\n\n",
        "\n\r\n\r", "ab\rcd\r\nef\ngh", "é\r\n日本\r😀\n", "\n\na\r\rb\r\n\r\nc", "x\r\n\r\ny",
    ];

    [Theory]
    [MemberData(nameof(SmallTexts))]
    public void ReadLines_EveryPairOfCutPoints_TogetherYieldEveryLineOnce(string text)
    {
        byte[] bytes = Utf8.GetBytes(text);
        string path = _folder.WriteBytes("small.txt", bytes);
        int?[] bufferSizes = [1, 2, 3, null];
        foreach (int? bufferSize in bufferSizes)
        {
            AssertSplitsReadEachLineOnce(text, bytes, Contiguous(path, bytes.Length, []), bufferSize);
            for (int first = 1; first <= bytes.Length; first++)
            {
                AssertSplitsReadEachLineOnce(text, bytes, Contiguous(path, bytes.Length, [first]), bufferSize);
                for (int second = first; second <= bytes.Length; second++)
                    AssertSplitsReadEachLineOnce(text, bytes, Contiguous(path, bytes.Length, [first, second]), bufferSize);
            }
        }
    }

    [Fact]
    public void ReadLines_LinesLongerThanTheBuffer_AreReadWhole()
    {
        string text = "short\n" + new string('x', 200_000) + "\r\n" + string.Concat(Enumerable.Repeat("é日😀", 30_000)) + "\rmiddle\r\n\n" +
                      new string('y', 70_000);
        byte[] bytes = Utf8.GetBytes(text);
        string path = _folder.WriteBytes("long.txt", bytes);

        AssertSplitsReadEachLineOnce(text, bytes, TextFileSplitter.Split([(path, (long)bytes.Length)], 1, blockSize: 32 * 1024), null);
        AssertSplitsReadEachLineOnce(text, bytes, Contiguous(path, bytes.Length, []), null);
    }

    [Fact]
    public void ReadLines_CarriageReturnLineFeedAcrossBufferRefill_IsOneTerminator()
    {
        // The '\r' is the last byte of the first 64 KiB buffer and the '\n' the first of the next.
        string text = new string('a', LineCursor.DefaultBufferSize - 1) + "\r\nb\n";
        string path = _folder.WriteText("crlf.txt", text);

        Assert.Equal([new string('a', LineCursor.DefaultBufferSize - 1), "b"], LineReader.ReadLines(new TextFileSplit(path, 0, text.Length, true)));
    }

    // ---- rules beyond splitting -------------------------------------------------------------

    [Fact]
    public void ReadLines_ByteOrderMark_IsKeptAsHadoopDoes()
    {
        string path = _folder.WriteBytes("bom.txt", [0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b']);

        Assert.Equal(["\uFEFFa", "b"], LineReader.ReadLines(new TextFileSplit(path, 0, 6, true)));
    }

    [Fact]
    public void ReadLines_InvalidUtf8_BecomesReplacementCharacter()
    {
        string path = _folder.WriteBytes("bad.txt", [(byte)'a', 0xFF, (byte)'b', (byte)'\n']);

        Assert.Equal(["a\uFFFDb"], LineReader.ReadLines(new TextFileSplit(path, 0, 4, true)));
    }

    [Fact]
    public void TryReadLineUtf8_ReturnsTheLineBytesWithoutTerminator()
    {
        string path = _folder.WriteText("utf8.txt", "αβ\r\nγ");
        using var cursor = new LineCursor(new TextFileSplit(path, 0, new FileInfo(path).Length, true));

        Assert.True(cursor.TryReadLineUtf8(out var first));
        Assert.Equal(Utf8.GetBytes("αβ"), first.ToArray());
        Assert.True(cursor.TryReadLineUtf8(out var second));
        Assert.Equal(Utf8.GetBytes("γ"), second.ToArray());
        Assert.False(cursor.TryReadLineUtf8(out _));
        Assert.False(cursor.TryReadLineUtf8(out _));
    }

    [Fact]
    public void ReadLines_IsLazy_FileIsOpenedOnEnumeration()
    {
        var lines = LineReader.ReadLines(new TextFileSplit(_folder.PathOf("missing.txt"), 0, 10, true));

        Assert.Throws<FileNotFoundException>(() => lines.First());
    }

    [Fact]
    public void ReadLines_EnumeratedTwice_ReadsTheFileTwice()
    {
        string path = _folder.WriteText("twice.txt", "a\nb\n");
        var lines = LineReader.ReadLines(new TextFileSplit(path, 0, 4, true));

        Assert.Equal(["a", "b"], lines);
        Assert.Equal(["a", "b"], lines);
    }

    // ---- gzip -------------------------------------------------------------------------------

    [Fact]
    public void ReadLines_GzipFile_ReadsEveryLineFromItsSingleSplit()
    {
        var random = new Random(5);
        for (int round = 0; round < 30; round++)
        {
            string text = RandomText(random, 300);
            string path = _folder.WriteGzip($"g{round}.txt.gz", Utf8.GetBytes(text));

            var split = Assert.Single(TextFileSplitter.Split([path], minPartitions: 8));

            Assert.Equal(SplitText(text), Read(split, round % 2 == 0 ? null : random.Next(1, 32)));
        }
    }

    [Fact]
    public void ReadLines_ConcatenatedGzipMembers_AreOneStream()
    {
        string a = _folder.WriteGzip("a.gz", Utf8.GetBytes("one\r"));
        string b = _folder.WriteGzip("b.gz", Utf8.GetBytes("\ntwo\nthr"));
        string c = _folder.WriteGzip("c.gz", Utf8.GetBytes("ee\n"));
        string path = _folder.WriteBytes("all.gz", [.. File.ReadAllBytes(a), .. File.ReadAllBytes(b), .. File.ReadAllBytes(c)]);

        Assert.Equal(["one", "two", "three"], LineReader.ReadLines(TextFileSplitter.Split([path], 1)[0]));
    }

    [Fact]
    public void ReadLines_GzipOfNothing_HasNoLines()
    {
        string path = _folder.WriteGzip("empty.gz", []);

        Assert.Empty(LineReader.ReadLines(TextFileSplitter.Split([path], 1)[0]));
    }

    [Fact]
    public void ReadLines_GzipStats_CountCompressedBytes()
    {
        string path = _folder.WriteGzip("s.gz", Utf8.GetBytes(string.Concat(Enumerable.Repeat("hello world\n", 10_000))));
        var stats = new ReadStats();

        Assert.Equal(10_000, LineReader.ReadLines(TextFileSplitter.Split([path], 1)[0], stats: stats).Count());
        Assert.Equal(new FileInfo(path).Length, stats.BytesRead);
        Assert.Equal(10_000, stats.RecordsRead);
    }

    // ---- push API, stats, cancellation ------------------------------------------------------

    private struct CollectUntil(int limit) : IElementSink<string>
    {
        public readonly List<string> Lines = [];

        public bool Accept(string item)
        {
            Lines.Add(item);
            return Lines.Count < limit;
        }
    }

    private struct CountLines : IElementSink<string>
    {
        public long Count;
        public long Characters;

        public bool Accept(string item)
        {
            Count++;
            Characters += item.Length;
            return true;
        }
    }

    [Fact]
    public void ForEachLine_AllLines_ReturnsTrueAndUpdatesStructSinkInPlace()
    {
        string path = _folder.WriteText("push.txt", "ab\r\ncde\rf\n");
        var sink = new CountLines();

        Assert.True(LineReader.ForEachLine(new TextFileSplit(path, 0, 10, true), ref sink));
        Assert.Equal(3, sink.Count);
        Assert.Equal(6, sink.Characters);
    }

    [Fact]
    public void ForEachLine_SinkStops_ReturnsFalseAfterThatLine()
    {
        string path = _folder.WriteText("stop.txt", "1\n2\n3\n4\n5\n");
        var sink = new CollectUntil(limit: 3);
        var stats = new ReadStats();

        Assert.False(LineReader.ForEachLine(new TextFileSplit(path, 0, 10, true), ref sink, stats: stats));
        Assert.Equal(["1", "2", "3"], sink.Lines);
        Assert.Equal(3, stats.RecordsRead);
    }

    [Fact]
    public void ForEachLine_Splits_MatchReadLines()
    {
        var random = new Random(99);
        string text = RandomText(random, 2000);
        byte[] bytes = Utf8.GetBytes(text);
        string path = _folder.WriteBytes("same.txt", bytes);

        foreach (var split in TextFileSplitter.Split([(path, (long)bytes.Length)], 7, TextFileSplitter.DefaultBlockSize))
        {
            var sink = new CollectUntil(int.MaxValue);
            LineReader.ForEachLine(split, ref sink);
            Assert.Equal(LineReader.ReadLines(split), sink.Lines);
        }
    }

    [Fact]
    public void ReadLines_Stats_CountBytesAndLinesOfEverySplit()
    {
        string text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i}\n"));
        string path = _folder.WriteText("stats.txt", text);
        var stats = new ReadStats();
        var splits = TextFileSplitter.Split([path], 4);

        long lines = splits.Sum(s => LineReader.ReadLines(s, stats: stats).LongCount());

        Assert.Equal(5000, lines);
        Assert.Equal(5000, stats.RecordsRead);
        Assert.InRange(stats.BytesRead, text.Length, text.Length + splits.Count * (long)LineCursor.DefaultBufferSize);
    }

    [Fact]
    public void ReadLines_CancelledToken_ThrowsOperationCanceled()
    {
        string path = _folder.WriteText("c.txt", "a\nb\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => LineReader.ReadLines(new TextFileSplit(path, 0, 4, true), cancelled.Token).ToList());
    }

    [Fact]
    public void ReadLines_CancelledWhileReading_StopsWithinAFewThousandLines()
    {
        string path = _folder.WriteText("many.txt", string.Concat(Enumerable.Repeat("x\n", 200_000)));
        using var cancellation = new CancellationTokenSource();
        int seen = 0;

        Assert.Throws<OperationCanceledException>(() =>
        {
            foreach (string _ in LineReader.ReadLines(new TextFileSplit(path, 0, 400_000, true), cancellation.Token))
            {
                if (++seen == 10) cancellation.Cancel();
            }
        });
        Assert.InRange(seen, 10, 10 + 4096);
    }
}
