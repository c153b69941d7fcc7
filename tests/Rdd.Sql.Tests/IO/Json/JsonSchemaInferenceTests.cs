using System.Text;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Json;

namespace Rdd.Sql.Tests.IO.Json;

public class JsonSchemaInferenceTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Infer_ScalarValues_GiveSparksTypesSortedByName()
    {
        string path = _files.Write("a.json",
            "{\"name\":\"ann\",\"age\":30,\"score\":1.5,\"ok\":true,\"when\":\"2024-01-01\"}\n"
            + "{\"age\":31,\"score\":2,\"ok\":false}\n");
        var schema = JsonSchemaInference.Infer([path], JsonOptions.Default);
        Assert.Equal("struct<age:bigint,name:string,ok:boolean,score:double,when:string>", schema.SimpleString);
        Assert.All(schema, f => Assert.True(f.Nullable));
    }

    [Theory]
    [InlineData("1|2.5", "double")]
    [InlineData("1|1e3", "double")]
    [InlineData("1|9223372036854775808", "double")]
    [InlineData("1|\"1\"", "string")]
    [InlineData("true|1", "string")]
    [InlineData("null|null", "string")]
    [InlineData("null|7", "bigint")]
    [InlineData("{\"x\":1}|2", "string")]
    [InlineData("[1,2]", "string")]
    public void Infer_ValuesOfOneKey_Widen(string values, string expected)
    {
        string path = _files.Write("v.json", string.Concat(values.Split('|').Select(v => $"{{\"v\":{v}}}\n")));
        Assert.Equal(expected, Assert.Single(JsonSchemaInference.Infer([path], JsonOptions.Default)).DataType.SimpleString);
    }

    [Fact]
    public void Infer_MalformedLines_SkippedUnlessFailFast()
    {
        string path = _files.Write("m.json", "{\"a\":1}\n\n   \n{\"bad\":\n[1,2]\n{\"b\":\"x\"} trailing\n{\"c\":true}\n");
        Assert.Equal("struct<a:bigint,c:boolean>", JsonSchemaInference.Infer([path], JsonOptions.Default).SimpleString);
        var error = Assert.Throws<MalformedRecordException>(() => JsonSchemaInference.Infer([path], new JsonOptions { Mode = ParseMode.FailFast }));
        Assert.Equal(4, error.LineNumber);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Infer_EscapedAndUnicodeKeys_AreDecoded()
    {
        string path = _files.Write("k.json", "{\"caf\\u00e9\":1,\"a\\\"b\":\"x\",\"日本\":2.5}\n{\"café\":2}\n");
        Assert.Equal(["a\"b", "café", "日本"], JsonSchemaInference.Infer([path], JsonOptions.Default).FieldNames);
    }

    [Fact]
    public void Infer_ManySplitsAndFiles_MergeLikeOneScan()
    {
        var text = new StringBuilder();
        for (int i = 0; i < 5000; i++)
        {
            text.Append(i % 1000 == 999 ? $"{{\"n\":{i}.5,\"k{i % 7}\":null}}\n" : $"{{\"n\":{i},\"s\":\"v{i}\"}}\n");
        }
        string first = _files.Write("part-0.json", text.ToString());
        string second = _files.Write("part-1.json", "{\"late\":false}\n");
        var schema = JsonSchemaInference.Infer([first, second], JsonOptions.Default);
        Assert.Equal("struct<k1:string,k2:string,k3:string,k4:string,k5:string,late:boolean,n:double,s:string>", schema.SimpleString);
    }
}
