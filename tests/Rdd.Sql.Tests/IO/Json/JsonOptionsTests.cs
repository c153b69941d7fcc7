using Rdd.Sql.IO;
using Rdd.Sql.IO.Json;

namespace Rdd.Sql.Tests.IO.Json;

public class JsonOptionsTests
{
    [Fact]
    public void FromDictionary_SparkKeys()
    {
        Assert.Equal(JsonOptions.Default, JsonOptions.FromDictionary(null));
        var options = JsonOptions.FromDictionary(new Dictionary<string, string>
        {
            ["MODE"] = "failfast", ["samplingRatio"] = "0.25", ["timestampFormat"] = "yyyy-MM-dd HH:mm", ["ignoreNullFields"] = "false",
        });
        Assert.Equal(new JsonOptions { Mode = ParseMode.FailFast, SamplingRatio = 0.25, TimestampFormat = "yyyy-MM-dd HH:mm", IgnoreNullFields = false }, options);
    }

    [Fact]
    public void FromDictionary_MultiLine_NotSupported() =>
        Assert.Throws<NotSupportedException>(() => JsonOptions.FromDictionary(new Dictionary<string, string> { ["multiLine"] = "true" }));
}
