using Rdd.Sql.Arrow.Ipc;

namespace Rdd.Sql.Tests.Arrow;

public class ProjectionTests
{
    private static readonly int[] s_columns = [19, 0, 12, 20, 5];

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Columns_ReadsOnlyThose_InTheRequestedOrder(bool fileFormat, bool isAsync)
    {
        var all = TestData.AllTypes(40, seed: 9);
        var bytes = fileFormat ? IpcRoundTrip.WriteFile(TestData.AllTypesSchema, [all]) : IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [all]);
        var options = new ArrowReaderOptions { Columns = s_columns };

        var (schema, batches) = fileFormat
            ? await IpcRoundTrip.ReadFile(bytes, Source.SeekableStream, isAsync, options)
            : await IpcRoundTrip.ReadStream(bytes, Source.SeekableStream, isAsync, options);

        Assert.Equal(s_columns.Select(i => TestData.AllTypesSchema.GetField(i).Name), schema.Fields.Select(f => f.Name));
        Assert.Equal(TestData.AllTypesSchema.Metadata, schema.Metadata);
        var batch = Assert.Single(batches);
        for (int k = 0; k < s_columns.Length; k++)
        {
            ArrowValues.AssertColumnsEqual(ArrowValues.Column(all.Column(s_columns[k])), ArrowValues.Column(batch.Column(k)), schema.GetField(k).Name);
        }
    }

    [Fact]
    public void Columns_Empty_ReadsRowCountsOnly()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, [TestData.AllTypes(12)]);
        using var reader = new ArrowStreamReader(bytes.AsMemory(), new ArrowReaderOptions { Columns = [] });
        var batch = reader.ReadNextRecordBatch()!;
        Assert.Equal(0, batch.ColumnCount);
        Assert.Equal(12, batch.Length);
    }

    [Fact]
    public void Columns_OutOfRange_Throws()
    {
        var bytes = IpcRoundTrip.WriteStream(TestData.AllTypesSchema, []);
        using var reader = new ArrowStreamReader(bytes.AsMemory(), new ArrowReaderOptions { Columns = [99] });
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Schema);
    }
}
