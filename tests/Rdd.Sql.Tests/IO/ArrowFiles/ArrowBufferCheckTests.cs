using Apache.Arrow;
using Rdd.Sql.IO.ArrowFiles;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.IO.ArrowFiles;

/// <summary>Arrays whose buffers are shorter than their slots need are refused naming the column, before any kernel reads them.</summary>
public sealed class ArrowBufferCheckTests
{
    private static RecordBatch Batch(string name, ArrayData data) =>
        new(new Schema([new Field(name, data.DataType, true)], null), [ArrowArrayFactory.BuildArray(data)], data.Length);

    [Fact]
    public void Well_formed_batches_pass()
    {
        ArrowBufferCheck.Validate(Arrow.TestData.AllTypes(40, seed: 2));
        ArrowBufferCheck.Validate(Arrow.TestData.AllTypes(40, seed: 2).Slice(7, 20));
    }

    [Fact]
    public void A_short_values_buffer_is_refused()
    {
        var data = new ArrayData(ArrowTypes.Int64Type.Default, 4, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(new byte[24])]);
        var error = Assert.Throws<InvalidDataException>(() => ArrowBufferCheck.Validate(Batch("n", data)));
        Assert.Contains("Column 'n'", error.Message);
        Assert.Contains("needs 32 bytes of values, but has 24", error.Message);
    }

    [Fact]
    public void Offsets_past_the_data_are_refused()
    {
        var offsets = new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes<int>([0, 2, 9]).ToArray());
        var data = new ArrayData(ArrowTypes.StringType.Default, 2, 0, 0, [ArrowBuffer.Empty, offsets, new ArrowBuffer(new byte[5])]);
        var error = Assert.Throws<InvalidDataException>(() => ArrowBufferCheck.Validate(Batch("s", data)));
        Assert.Contains("Column 's'", error.Message);
        Assert.Contains("offsets run from 0 to 9 over 5", error.Message);
    }

    [Fact]
    public void A_short_validity_bitmap_is_refused()
    {
        var data = new ArrayData(ArrowTypes.Int8Type.Default, 20, 1, 0, [new ArrowBuffer(new byte[2]), new ArrowBuffer(new byte[20])]);
        var error = Assert.Throws<InvalidDataException>(() => ArrowBufferCheck.Validate(Batch("b", data)));
        Assert.Contains("validity bitmap", error.Message);
    }
}
