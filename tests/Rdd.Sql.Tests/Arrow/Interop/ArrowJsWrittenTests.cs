using System.Text.Json.Nodes;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Reads what apache-arrow (the official JavaScript implementation) wrote: every supported type with nulls,
/// three batches (4, 0 and 3 rows, sliced from shared columns so one dictionary serves all), an empty
/// table, and a legacy stream without continuation markers; both IPC formats, sync and async.
/// </summary>
public class ArrowJsWrittenTests(JsWrittenFilesFixture files) : IClassFixture<JsWrittenFilesFixture>
{
    public static TheoryData<string, bool, bool> AllTypesFiles() => new()
    {
        { "all-types.arrow", true, false },
        { "all-types.arrow", true, true },
        { "all-types.arrows", false, false },
        { "all-types.arrows", false, true },
        { "legacy.arrows", false, false },
        { "legacy.arrows", false, true },
    };

    [Theory]
    [MemberData(nameof(AllTypesFiles))]
    public async Task Read_JsAllTypes_MatchesWhatJsWrote(string name, bool fileFormat, bool isAsync)
    {
        var bytes = await File.ReadAllBytesAsync(files.PathOf(name));
        var (schema, batches) = fileFormat
            ? await IpcRoundTrip.ReadFile(bytes, Source.SeekableStream, isAsync)
            : await IpcRoundTrip.ReadStream(bytes, Source.SeekableStream, isAsync);

        var expected = files.Description["allTypes"]!.AsObject();
        Assert.Equal(new[] { 4, 0, 3 }, batches.Select(b => b.Length));
        JsTableJson.AssertMatches(expected, schema, batches, name);
    }

    [Fact]
    public async Task Read_JsAllTypes_SpotChecksIndependentOfTheScript()
    {
        var (_, batches) = await IpcRoundTrip.ReadFile(await File.ReadAllBytesAsync(files.PathOf("all-types.arrow")), Source.Memory, false);
        var first = batches[0];
        var last = batches[2];
        Assert.Equal((sbyte)-128, ((PrimitiveArray<sbyte>)first.Column("i8")).GetValue(1));
        Assert.Equal(ulong.MaxValue, ((PrimitiveArray<ulong>)first.Column("u64")).GetValue(1));
        Assert.Equal("héllo wörld €", ((StringArray)first.Column("utf8")).GetString(3));
        Assert.Equal(new DateOnly(2024, 2, 29), ((Date32Array)first.Column("date32")).GetDate(0));
        Assert.Equal(new DateTime(2024, 2, 29, 0, 0, 0, 123, DateTimeKind.Utc), ((TimestampArray)first.Column("ts_ms_utc")).GetDateTime(0));
        Assert.Equal("green", ((DictionaryArray)last.Column("dict")).GetString(2));
        Assert.Equal(new[] { -1.0, -2.0, -3.0 }, ((FixedSizeListArray)last.Column("fsl")).GetValues(2).ToArray());
        Assert.Equal(new[] { 4.0, 5.0, 6.0 }, ((ListArray)last.Column("list")).GetValues(0).ToArray());
        Assert.Null(((BooleanArray)last.Column("bool")).GetValue(1));
    }

    [Theory]
    [InlineData("empty.arrow", true)]
    [InlineData("empty.arrows", false)]
    public async Task Read_JsEmptyTable_HasTheSchemaAndNoRows(string name, bool fileFormat)
    {
        var bytes = await File.ReadAllBytesAsync(files.PathOf(name));
        var (schema, batches) = fileFormat
            ? await IpcRoundTrip.ReadFile(bytes, Source.MemoryStream, false)
            : await IpcRoundTrip.ReadStream(bytes, Source.MemoryStream, false);

        Assert.Equal(0, batches.Sum(b => b.Length));
        JsTableJson.AssertMatches(files.Description["empty"]!.AsObject(), schema, batches, name);
    }
}
