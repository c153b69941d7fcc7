using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class ListArrayTests
{
    private static readonly double[]?[] s_lists = [[1, 2], [], null, [3], [4, 5, 6], null, [7]];

    private static ListArray BuildList()
    {
        using var builder = new ListArray.Builder();
        foreach (var list in s_lists)
        {
            builder.Append(list);
        }
        return builder.Build();
    }

    [Fact]
    public void ListArray_HoldsEachListAsASpanOfTheChild()
    {
        var array = BuildList();
        Assert.Equal(7, array.Length);
        Assert.Equal(2, array.NullCount);
        Assert.Equal(7, array.Values.Length);
        Assert.Equal(new[] { 0, 2, 2, 2, 3, 6, 6, 7 }, array.ValueOffsets.ToArray());
        Assert.Equal(new double[] { 4, 5, 6 }, array.GetValues(4).ToArray());
        Assert.True(array.GetValues(1).IsEmpty);
        Assert.True(array.IsNull(2));
        Assert.Equal("list<item: double>", array.Type.Name);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(1, 4)]
    [InlineData(3, 2)]
    [InlineData(6, 1)]
    [InlineData(7, 0)]
    public void ListArray_Slice_ReadsTheSameLists(int offset, int length)
    {
        var array = BuildList();
        var slice = array.Slice(offset, length);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(s_lists[offset + i] is null, slice.IsNull(i));
            Assert.Equal(s_lists[offset + i] ?? [], slice.GetValues(i).ToArray());
        }
    }

    [Fact]
    public void ListType_AcceptsNumberChildrenOnly()
    {
        Assert.Throws<NotSupportedException>(() => new ListType(new Field("item", StringType.Default, true)));
        Assert.Throws<NotSupportedException>(() => new ListType(new Field("item", BooleanType.Default, true)));
        using var builder = new ListArray.Builder<int>(ListType.Int32);
        builder.Append([3, 1, 2]).AppendNull().Append([]);
        var list = builder.Build();
        Assert.Equal([3, 1, 2], list.GetValues<int>(0).ToArray());
        Assert.True(list.IsNull(1));
        Assert.Empty(list.GetValues<int>(2).ToArray());
        Assert.Throws<InvalidOperationException>(() => list.GetValues<double>(0).ToArray());
    }

    [Fact]
    public void FixedSizeListArray_StoresListsBackToBack()
    {
        using var builder = new FixedSizeListArray.Builder(3);
        var array = builder.Append([1, 2, 3]).AppendNull().Append([7, 8, 9]).Build();
        Assert.Equal(3, array.ListSize);
        Assert.Equal(9, array.Values.Length);
        Assert.Equal(new double[] { 7, 8, 9 }, array.GetValues(2).ToArray());
        Assert.True(array.IsNull(1));
        Assert.Equal(new double[] { 7, 8, 9 }, array.Slice(1, 2).GetValues(1).ToArray());
        Assert.Equal("fixed_size_list<item: double>[3]", array.Type.Name);
    }

    [Fact]
    public void FixedSizeListArray_Builder_RejectsAWrongLength()
    {
        using var builder = new FixedSizeListArray.Builder(2);
        Assert.Throws<ArgumentException>(() => builder.Append([1.0]));
    }
}
