using System.Text;
using Rdd.Sql.IO.Csv;

namespace Rdd.Sql.Tests.IO.Csv;

public class CsvFieldReaderTests
{
    [Theory]
    [InlineData("a,b,c", "a|b|c")]
    [InlineData("a,,c,", "a||c|")]
    [InlineData("\"a,b\",c", "a,b|c")]
    [InlineData("\"say \"\"hi\"\"\",x", "say \"hi\"|x")]
    [InlineData("\"back\\\"slash\",x", "back\"slash|x")]
    [InlineData("\"two\\\\\",x", "two\\|x")]
    [InlineData("\"keep \\n escape\"", "keep \\n escape")]
    [InlineData("plain\"quote,x", "plain\"quote|x")]
    [InlineData("\"quoted\"tail,x", "quotedtail|x")]
    [InlineData("\"\",x", "|x")]
    [InlineData(" \"lead\",x", " \"lead\"|x")]
    public void TryRead_Fields(string line, string expected) => Assert.Equal(expected, string.Join("|", Fields(line, ',', out _)));

    [Fact]
    public void TryRead_QuotedEmpty_IsMarkedQuoted()
    {
        var reader = new CsvFieldReader("\"\","u8, new CsvSyntax((byte)',', (byte)'"', (byte)'\\'), new CsvScratch());
        Assert.True(reader.TryRead(out var first, out bool firstQuoted));
        Assert.True(first.IsEmpty && firstQuoted);
        Assert.True(reader.TryRead(out var second, out bool secondQuoted));
        Assert.True(second.IsEmpty && !secondQuoted);
        Assert.False(reader.TryRead(out _, out _));
    }

    [Fact]
    public void TryRead_LineEndingInsideQuotes_IsUnterminatedAndKeepsTheRest()
    {
        var fields = Fields("1,\"open, never closed", ',', out bool unterminated);
        Assert.True(unterminated);
        Assert.Equal(["1", "open, never closed"], fields);
    }

    [Fact]
    public void TryRead_QuotingOff_QuotesAreData()
    {
        var reader = new CsvFieldReader("\"a\",b"u8, new CsvSyntax((byte)',', 0, 0), new CsvScratch());
        Assert.True(reader.TryRead(out var value, out _));
        Assert.Equal("\"a\"", Encoding.UTF8.GetString(value));
    }

    [Fact]
    public void SkipRest_CountsRemainingFields()
    {
        var reader = new CsvFieldReader("a,\"b,c\",d,e"u8, new CsvSyntax((byte)',', (byte)'"', (byte)'\\'), new CsvScratch());
        Assert.True(reader.TryRead(out _, out _));
        Assert.Equal(3, reader.SkipRest());
    }

    private static List<string> Fields(string line, char delimiter, out bool unterminated)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var reader = new CsvFieldReader(bytes, new CsvSyntax((byte)delimiter, (byte)'"', (byte)'\\'), new CsvScratch());
        var fields = new List<string>();
        while (reader.TryRead(out var value, out _))
        {
            fields.Add(Encoding.UTF8.GetString(value));
        }
        unterminated = reader.Unterminated;
        return fields;
    }
}
