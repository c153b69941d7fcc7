using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;

namespace Rdd.Sql.Tests.IO.Csv;

public class CsvOptionsTests
{
    [Fact]
    public void FromDictionary_NoOptions_AreSparksDefaults()
    {
        var options = CsvOptions.FromDictionary(null);
        Assert.Equal(CsvOptions.Default, options);
        Assert.False(options.Header);
        Assert.False(options.InferSchema);
        Assert.Equal(',', options.Delimiter);
        Assert.Equal('"', options.Quote);
        Assert.Equal('\\', options.Escape);
        Assert.Equal("", options.NullValue);
        Assert.Equal(ParseMode.Permissive, options.Mode);
    }

    [Fact]
    public void FromDictionary_SparkKeys_CaseInsensitive()
    {
        var options = CsvOptions.FromDictionary(new Dictionary<string, string>
        {
            ["HEADER"] = "true", ["inferschema"] = "True", ["sep"] = "\\t", ["quote"] = "", ["escape"] = "\"",
            ["nullValue"] = "NA", ["mode"] = "dropMalformed", ["samplingRatio"] = "0.5", ["dateFormat"] = "dd/MM/yyyy",
            ["comment"] = "#", ["encoding"] = "UTF-8", ["somethingElse"] = "ignored",
        });
        Assert.Equal(new CsvOptions
        {
            Header = true, InferSchema = true, Delimiter = '\t', Quote = '\0', Escape = '"', NullValue = "NA",
            Mode = ParseMode.DropMalformed, SamplingRatio = 0.5, DateFormat = "dd/MM/yyyy", Comment = '#',
        }, options);
        Assert.Equal('|', CsvOptions.FromDictionary(new Dictionary<string, string> { ["delimiter"] = "|" }).Delimiter);
        Assert.Equal('\u0001', CsvOptions.FromDictionary(new Dictionary<string, string> { ["sep"] = "\\u0001" }).Delimiter);
    }

    [Theory]
    [InlineData("header", "yes", "Option 'header' must be true or false, not 'yes'.")]
    [InlineData("mode", "lenient", "PERMISSIVE, DROPMALFORMED or FAILFAST")]
    [InlineData("sep", "::", "a single character")]
    [InlineData("samplingRatio", "0", "samplingRatio must be in (0, 1]")]
    [InlineData("quote", ",", "quote and delimiter")]
    public void FromDictionary_InvalidValue_ThrowsNamingTheOption(string key, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => CsvOptions.FromDictionary(new Dictionary<string, string> { [key] = value }));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("multiLine", "true")]
    [InlineData("encoding", "ISO-8859-1")]
    [InlineData("sep", "§")]
    public void FromDictionary_UnsupportedFeature_ThrowsNotSupported(string key, string value) =>
        Assert.Throws<NotSupportedException>(() => CsvOptions.FromDictionary(new Dictionary<string, string> { [key] = value }));
}
