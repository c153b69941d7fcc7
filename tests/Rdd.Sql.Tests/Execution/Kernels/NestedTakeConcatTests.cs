using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Execution.Kernels;

/// <summary>
/// The gather and concatenation kernels on array and struct columns of any item type (not only the vector
/// storage's lists of numbers), with nulls at every level and arrays sliced at an offset; decimals by their 128-bit width.
/// </summary>
public sealed class NestedTakeConcatTests
{
    private static readonly StructType s_type = new(
        new StructField("tags", new ArrayType(DataTypes.String)),
        new StructField("points", new ArrayType(new StructType(new StructField("x", DataTypes.Integer), new StructField("label", DataTypes.String)))),
        new StructField("info", new StructType(new StructField("d", new DecimalType(12, 2)), new StructField("l", new ArrayType(DataTypes.Long)))),
        new StructField("amount", new DecimalType(30, 5)));

    private static readonly object?[][] s_rows =
    [
        [new object?[] { "a", null, "bcd" }, new object?[] { new object?[] { 1, "one" }, null }, new object?[] { 1.25m, new object?[] { 1L, 2L } }, 1.5m],
        [null, new object?[] { }, null, null],
        [new object?[] { "" }, new object?[] { new object?[] { null, "n" } }, new object?[] { null, null }, -123456789012345678901.12345m],
        [new object?[] { "x", "y" }, null, new object?[] { -0.01m, new object?[] { } }, 0m],
    ];

    private static RecordBatch Batch(object?[][] rows) =>
        new(ArrowTypeMapping.ToArrowSchema(s_type), s_type.Fields.Select((f, c) => ValueColumns.Build(f.DataType, [.. rows.Select(r => r[c])], f.Name)), rows.Length);

    private static string[] Text(RecordBatch batch) => [.. DataFrame.ToRows(batch, s_type).Select(r => r.ToString())];

    [Theory]
    [InlineData(new[] { 3, 0, 2, 1 })]
    [InlineData(new[] { 2, 2, 0 })]
    [InlineData(new int[0])]
    public void Take_NestedAndDecimalColumns_GathersEveryLevel(int[] indices)
    {
        var batch = Batch(s_rows);
        var expected = indices.Select(i => Text(batch)[i]).ToArray();
        Assert.Equal(expected, Text(TakeKernel.Take(batch, indices)));
    }

    [Fact]
    public void Take_SlicedBatch_ReadsFromTheSliceOffset()
    {
        var batch = Batch(s_rows);
        var sliced = batch.Slice(1, 3);
        Assert.Equal(Text(batch)[1..], Text(sliced));
        Assert.Equal([Text(batch)[3], Text(batch)[1]], Text(TakeKernel.Take(sliced, [2, 0])));
    }

    [Fact]
    public void Concat_NestedBatches_KeepsRowsInOrder()
    {
        var first = Batch(s_rows[..2]);
        var second = Batch(s_rows[2..]);
        var all = Batches.Concat(first.Schema, [first, second]);
        Assert.Equal(Text(Batch(s_rows)), Text(all));
        var filtered = FilterKernel.Filter(all, new BooleanArray.Builder().AppendRange([true, false, true, true]).Build());
        Assert.Equal([Text(all)[0], Text(all)[2], Text(all)[3]], Text(filtered));
    }

    [Fact]
    public void TakeOrNull_MissingRows_AreNullAtTheTopLevel()
    {
        var batch = Batch(s_rows);
        var column = Batches.TakeOrNull(batch.Columns[1], [-1, 0], batch.Schema.GetFieldByIndex(1).DataType);
        Assert.True(column.IsNull(0));
        Assert.Equal("[1, one]", Show.ValueFormatter.Format(((object?[])ArrayValues.Get(column, 1)!)[0]).Replace("{", "[").Replace("}", "]"));
    }
}
