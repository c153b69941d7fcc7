using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution.Kernels;

/// <summary>
/// The gather kernel's fast paths: a selection that is one run of consecutive rows (block copy), any other
/// selection (the unchecked gather, its indices checked once up front), and bitmaps assembled a byte at a time
/// (booleans and validity, including the tail past the last full byte and sources sliced at an odd offset).
/// Expected values come from the source arrays read row by row.
/// </summary>
public sealed class TakeKernelTests
{
    private const int Rows = 45;

    private static RecordBatch Source()
    {
        int?[] ints = [.. Enumerable.Range(0, Rows).Select(i => i % 7 == 3 ? null : (int?)(i * 3 - 50))];
        long?[] longs = [.. Enumerable.Range(0, Rows).Select(i => (long?)i * 1_000_000_007L)];
        double?[] doubles = [.. Enumerable.Range(0, Rows).Select(i => i % 5 == 0 ? null : (double?)(i * 0.25))];
        bool?[] bools = [.. Enumerable.Range(0, Rows).Select(i => i % 6 == 2 ? null : (bool?)(i % 3 == 0 || i % 11 == 1))];
        string?[] strings = [.. Enumerable.Range(0, Rows).Select(i => i % 4 == 1 ? null : $"v{i}é")];
        return Make(("i", Ints(ints)), ("l", Longs(longs)), ("d", Doubles(doubles)), ("b", Bools(bools)), ("s", Strings(strings)));
    }

    public static TheoryData<int, int[]> Selections() => new()
    {
        { 0, [.. Enumerable.Range(0, Rows)] },             // every row, one run
        { 0, [.. Enumerable.Range(5, 30)] },               // one run in the middle
        { 3, [.. Enumerable.Range(0, 19)] },               // one run of a sliced batch, 19 rows (a partial last byte)
        { 7, [0, 1, 2, 4, 5, 6, 7, 8, 9, 10] },            // ends look like a run, one gap: not a run
        { 0, [40, 3, 3, 17, 0, 44, 21, 22, 9, 9, 9, 1] },  // unordered with repeats (a join's gather)
        { 5, [.. Enumerable.Range(0, 40).Where(i => i % 3 != 1)] },
        { 0, [] },
        { 0, [12] },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public void Take_GathersEveryColumnRowByRow(int offset, int[] indices)
    {
        var batch = Source().Slice(offset, Rows - offset);
        var taken = TakeKernel.Take(batch, indices);

        Assert.Equal(indices.Length, taken.Length);
        for (int c = 0; c < batch.ColumnCount; c++)
        {
            var source = ArrayValues.ToList((ArrowArray)batch.Column(c));
            var expected = indices.Select(i => source[i]).ToList();
            Assert.Equal(expected, ArrayValues.ToList((ArrowArray)taken.Column(c)));
            Assert.Equal(expected.Count(v => v is null), taken.Column(c).NullCount);
        }
    }

    [Fact]
    public void Take_OfAColumnWithoutNulls_HasNoValidityBitmap()
    {
        var taken = TakeKernel.Take(Longs([.. Enumerable.Range(0, 20).Select(i => (long?)i)]), [19, 0, 7, 7]);
        Assert.Equal(new object?[] { 19L, 0L, 7L, 7L }, ArrayValues.ToList(taken));
        Assert.True(taken.NullBitmapBuffer.IsEmpty);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Take_WithAnIndexOutsideTheArray_Throws(int bad)
    {
        // The sliced view has 15 rows; its buffer goes further, which must not make index 15..19 readable.
        var array = Ints([.. Enumerable.Range(0, 40).Select(i => (int?)i)]).Slice(25, 15);
        Assert.Throws<IndexOutOfRangeException>(() => TakeKernel.Take((ArrowArray)array, [0, 3, bad, 1, 2]));
    }
}
