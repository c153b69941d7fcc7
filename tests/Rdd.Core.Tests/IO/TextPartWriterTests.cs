using System.Globalization;
using System.Numerics;
using System.Text;
using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class TextPartWriterTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteAll<T>(IEnumerable<T> items, out TextPartWriter writer)
    {
        string path = _folder.PathOf("part-00000");
        using (writer = new TextPartWriter(path))
        {
            foreach (var item in items) writer.Write(item);
        }
        return File.ReadAllText(path, Encoding.UTF8);
    }

    /// <summary>A culture that writes 1.5 as "1,5": formatting must not depend on it.</summary>
    private static CultureInfo CommaDecimalCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "~";
        return culture;
    }

    [Fact]
    public void Write_Numbers_UseTheInvariantCultureWhateverTheCurrentOne()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CommaDecimalCulture();
        try
        {
            string text = WriteAll<object>([1.5, -2, 3L, 0.1f, 2.5m, double.NaN, double.PositiveInfinity, new BigInteger(-7)], out _);

            Assert.Equal("1.5\n-2\n3\n0.1\n2.5\nNaN\nInfinity\n-7\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_Tuples_AreFormattedLikeValueTupleWithInvariantItems()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CommaDecimalCulture();
        try
        {
            string text = WriteAll<object>([("a", 1.5), (("k", 2), (string?)null), ValueTuple.Create(7), (1, 2, 3, 4, 5, 6, 7, 8, 9)], out _);

            Assert.Equal("(a, 1.5)\n((k, 2), null)\n(7)\n(1, 2, 3, 4, 5, 6, 7, 8, 9)\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_StringsNullsAndOtherObjects_AsToStringWithNullAsNull()
    {
        string text = WriteAll<object?>(["plain", "日本語 😀", "", null, true, 'c', new Uri("http://x/")], out var writer);

        Assert.Equal("plain\n日本語 😀\n\nnull\nTrue\nc\nhttp://x/\n", text);
        Assert.Equal(7, writer.RecordsWritten);
    }

    [Fact]
    public void Write_LongStringsAcrossBufferFlushes_KeepSurrogatePairsWhole()
    {
        string emoji = string.Concat(Enumerable.Repeat("😀é", 100_000));
        string odd = "x" + emoji;
        string[] items = [emoji, odd, new string('a', 200_000)];

        string text = WriteAll(items, out var writer);

        Assert.Equal(string.Concat(items.Select(i => i + "\n")), text);
        Assert.Equal(new FileInfo(_folder.PathOf("part-00000")).Length, writer.BytesWritten);
    }

    [Fact]
    public void Write_ManyNumbers_CountsRecordsAndBytes()
    {
        string text = WriteAll(Enumerable.Range(0, 100_000), out var writer);

        Assert.Equal(string.Concat(Enumerable.Range(0, 100_000).Select(i => i.ToString(CultureInfo.InvariantCulture) + "\n")), text);
        Assert.Equal(100_000, writer.RecordsWritten);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), writer.BytesWritten);
        Assert.False(text.StartsWith('\uFEFF'));
    }

    [Fact]
    public void Dispose_WithNoRecords_LeavesAnEmptyFile()
    {
        string text = WriteAll(Array.Empty<string>(), out var writer);

        Assert.Equal("", text);
        Assert.Equal(0, writer.BytesWritten);
        Assert.True(File.Exists(_folder.PathOf("part-00000")));
    }

    [Fact]
    public void Write_AfterDispose_Throws()
    {
        WriteAll([1], out var writer);

        Assert.Throws<ObjectDisposedException>(() => writer.Write(2));
    }

    [Fact]
    public void ElementFormatter_AgreesWithTheWriter()
    {
        object?[] items = [1, -1.25, "s", null, ("a", (2.5, 'z')), DayOfWeek.Monday, new DateTime(2024, 1, 2, 3, 4, 5), Guid.Empty, 1e300, (byte)7];

        string text = WriteAll(items, out _);

        Assert.Equal(string.Concat(items.Select(i => ElementFormatter.Format(i) + "\n")), text);
    }
}
