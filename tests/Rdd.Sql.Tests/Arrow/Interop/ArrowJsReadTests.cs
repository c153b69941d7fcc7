namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Has apache-arrow (the official JavaScript implementation) read what Rdd wrote: <c>Write.Arrow</c>'s part files of
/// every SQL type with nulls, uncompressed and with LZ4_FRAME and ZSTD bodies, an empty frame's part, and the stream
/// form of a stored batch. Checks row counts, type names, nullability and every value.
/// </summary>
public class ArrowJsReadTests(CSharpWrittenFilesFixture files) : IClassFixture<CSharpWrittenFilesFixture>
{
    [Fact]
    public void JsRead_EveryFileWeWrote_SeesWhatWeWrote()
    {
        Assert.True(files.Written.Count >= 8, $"Only {files.Written.Count} files written.");
        foreach (var (name, (_, (schema, batches))) in files.Written)
        {
            JsTableJson.AssertMatches(files.ReadByJs(name), schema, batches, name);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public void JsRead_EveryCodec_ReadsAllRows(string codec)
    {
        var parts = files.Written.Keys.Where(k => k.StartsWith(codec + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, parts.Count);
        Assert.Equal(150, parts.Sum(p => files.ReadByJs(p)["numRows"]!.GetValue<int>()));
        Assert.All(parts, p => Assert.Equal(
            "Int32 Int8 Int16 Int32 Int64 Float32 Float64 Bool Utf8 Binary Date32<DAY> Timestamp<MICROSECOND, UTC>",
            string.Join(' ', files.ReadByJs(p)["fields"]!.AsArray().Select(f => f!["type"]!.GetValue<string>()))));
    }
}
