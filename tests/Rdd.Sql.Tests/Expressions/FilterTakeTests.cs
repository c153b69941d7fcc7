using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class FilterTakeTests
{
    [Fact]
    public void Select_NullCountsAsFalse()
    {
        bool?[] predicate = [true, null, false, true, true, null, false, false, true, true, false, null, true];
        var selection = FilterKernel.Select(Bools(predicate));
        Assert.Equal(Enumerable.Range(0, predicate.Length).Where(i => predicate[i] == true).ToArray(), selection);
    }

    [Fact]
    public void Select_AllTrue_IsNull_AndFilterKeepsTheBatch()
    {
        var batch = Make(("x", Ints(1, 2, 3)));
        var predicate = Bools(true, true, true);
        Assert.Null(FilterKernel.Select(predicate));
        Assert.Same(batch, FilterKernel.Filter(batch, predicate));
    }

    [Fact]
    public void Select_NoneTrue_IsEmpty()
    {
        Assert.Empty(FilterKernel.Select(Bools(false, null, false))!);
        Assert.Empty(FilterKernel.Select(Bools(null, null))!);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(3, 10)]
    [InlineData(9, 11)]
    public void Filter_SlicedBatch_GathersEveryType(int offset, int length)
    {
        int?[] ints = [.. Enumerable.Range(0, 20).Select(i => i % 7 == 3 ? null : (int?)i)];
        string?[] strings = [.. Enumerable.Range(0, 20).Select(i => i % 5 == 1 ? null : $"s{i}é")];
        double?[] doubles = [.. Enumerable.Range(0, 20).Select(i => i % 4 == 0 ? null : (double?)(i * 0.5))];
        bool?[] bools = [.. Enumerable.Range(0, 20).Select(i => i % 6 == 2 ? null : (bool?)(i % 3 == 0))];
        DateOnly?[] dates = [.. Enumerable.Range(0, 20).Select(i => i % 9 == 4 ? null : (DateOnly?)new DateOnly(2020, 1, 1).AddDays(i))];
        var batch = Make(("i", Ints(ints)), ("s", Strings(strings)), ("d", Doubles(doubles)), ("b", Bools(bools)), ("t", Dates(dates)))
            .Slice(offset, length);

        var predicate = (BooleanArray)EvaluateArray(Col("i") % 2 == 0, batch);
        var filtered = FilterKernel.Filter(batch, predicate);

        var rows = Enumerable.Range(offset, length).Where(r => ints[r] is int v && v % 2 == 0).ToArray();
        Assert.Equal(rows.Length, filtered.Length);
        Assert.Equal(rows.Select(r => (object?)ints[r]), ArrayValues.ToList(filtered.Columns["i"]));
        Assert.Equal(rows.Select(r => (object?)strings[r]), ArrayValues.ToList(filtered.Columns["s"]));
        Assert.Equal(rows.Select(r => (object?)doubles[r]), ArrayValues.ToList(filtered.Columns["d"]));
        Assert.Equal(rows.Select(r => (object?)bools[r]), ArrayValues.ToList(filtered.Columns["b"]));
        Assert.Equal(rows.Select(r => (object?)dates[r]), ArrayValues.ToList(filtered.Columns["t"]));
        Assert.Equal(rows.Count(r => strings[r] is null), filtered.Columns["s"].NullCount);
    }

    [Fact]
    public void Filter_WithoutNulls_ProducesNoValidityBitmap()
    {
        var batch = Make(("x", Ints(1, 2, 3, 4, 5)));
        var filtered = FilterKernel.Filter(batch, (BooleanArray)EvaluateArray(Col("x") > 2, batch));
        Assert.Equal(new object?[] { 3, 4, 5 }, ArrayValues.ToList(filtered.Columns[0]));
        Assert.Equal(0, filtered.Columns[0].NullCount);
        Assert.True(filtered.Columns[0].NullBitmapBuffer.IsEmpty);
    }

    [Fact]
    public void Literal_EvaluatesToConstantArray()
    {
        var batch = Make(("x", Ints(1, 2, 3)));
        Assert.Equal(new object?[] { "k", "k", "k" }, Evaluate(Lit("k"), batch));
        Assert.Equal(new object?[] { 2L, 2L, 2L }, Evaluate(Lit(2L), batch));
        Assert.Equal(new object?[] { true, true, true }, Evaluate(Lit(true), batch));
        Assert.Equal(new object?[] { "2", "2", "2" }, Evaluate(Lit(2).Cast("string"), batch));
    }
}
