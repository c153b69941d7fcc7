namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Has apache-arrow (the official JavaScript implementation) read what our writers produced, in both IPC
/// formats: every supported type with nulls, sliced batches, a zero-row batch, empty files, a legacy
/// stream, replaced and growing (delta) dictionaries. Checks row counts, batch sizes, type names,
/// nullability, metadata and every value.
/// </summary>
public class ArrowJsReadTests(CSharpWrittenFilesFixture files) : IClassFixture<CSharpWrittenFilesFixture>
{
    [Theory]
    [InlineData("all-types.arrow")]
    [InlineData("all-types.arrows")]
    [InlineData("legacy.arrows")]
    [InlineData("empty.arrow")]
    [InlineData("empty.arrows")]
    [InlineData("delta.arrow")]
    [InlineData("delta.arrows")]
    public void JsRead_OurFile_SeesWhatWeWrote(string name)
    {
        var (schema, batches) = files.Written[name];
        var table = files.ReadByJs(name);

        JsTableJson.AssertMatches(table, schema, batches, name);
        Assert.Equal(batches.Select(b => b.Length).Where(n => n > 0), JsTableJson.NonEmptyBatchLengths(table));
    }

    [Fact]
    public void JsRead_ZeroRowBatch_IsKept()
    {
        var table = files.ReadByJs("all-types.arrow");
        Assert.Equal(new[] { 61, 0, 89 }, table["batches"]!.AsArray().Select(n => n!.GetValue<int>()));
    }
}
