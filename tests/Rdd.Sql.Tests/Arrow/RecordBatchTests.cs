using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class RecordBatchTests
{
    [Fact]
    public void Constructor_RejectsAColumnOfTheWrongLengthOrType()
    {
        var schema = new Schema([new Field("a", Int32Type.Default, true)]);
        var ints = new PrimitiveArray<int>.Builder().Append(1).Build();
        var longs = new PrimitiveArray<long>.Builder().Append(1).Build();
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [ints], 2));
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [longs], 1));
        Assert.Throws<ArgumentException>(() => new RecordBatch(schema, [], 1));
    }

    [Fact]
    public void Column_ByName_FindsItOrNamesTheColumnsThatExist()
    {
        var batch = TestData.AllTypes(3);
        Assert.Same(batch.Column(3), batch.Column("i32"));
        var error = Assert.Throws<ArgumentException>(() => batch.Column("nope"));
        Assert.Contains("i32", error.Message);
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(3, 20)]
    [InlineData(17, 33)]
    [InlineData(50, 0)]
    public void Slice_SlicesEveryColumn(int offset, int length)
    {
        var batch = TestData.AllTypes(50);
        var slice = batch.Slice(offset, length);
        Assert.Equal(length, slice.Length);
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            var expected = ArrowValues.Column(batch.Column(c)).Skip(offset).Take(length).ToList();
            ArrowValues.AssertColumnsEqual(expected, ArrowValues.Column(slice.Column(c)), batch.Schema.GetField(c).Name);
        }
    }
}
