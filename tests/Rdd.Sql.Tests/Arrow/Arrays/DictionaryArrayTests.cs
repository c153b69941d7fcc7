using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

public class DictionaryArrayTests
{
    private static readonly string?[] s_values = ["red", "green", null, "red", "blue", "green", null, "red"];

    private static DictionaryArray Build()
    {
        using var builder = new DictionaryArray.Builder();
        foreach (var value in s_values)
        {
            builder.Append(value);
        }
        return builder.Build();
    }

    [Fact]
    public void Builder_StoresEachDistinctValueOnce_InFirstSeenOrder()
    {
        var array = Build();
        Assert.Equal(3, array.Dictionary.Length);
        Assert.Equal(new[] { "red", "green", "blue" }, Enumerable.Range(0, 3).Select(array.Dictionary.GetString));
        Assert.Equal(new[] { 0, 1, 0, 0, 2, 1, 0, 0 }, array.Indices.ToArray());
        Assert.Equal(s_values, Enumerable.Range(0, array.Length).Select(array.GetString));
        Assert.Equal(2, array.NullCount);
        Assert.Equal(DictionaryType.Default, array.Type);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(2, 3)]
    [InlineData(5, 3)]
    [InlineData(7, 0)]
    public void Slice_SlicesIndicesAndSharesTheDictionary(int offset, int length)
    {
        var array = Build();
        var slice = array.Slice(offset, length);
        Assert.Same(array.Data.Dictionary, slice.Data.Dictionary);
        Assert.Equal(s_values.Skip(offset).Take(length), Enumerable.Range(0, length).Select(slice.GetString));
    }

    [Fact]
    public void GetString_NullDictionaryEntry_IsNull()
    {
        using var values = new StringArray.Builder();
        var dictionary = values.Append("a").AppendNull().Build();
        var indices = new ArrowBuffer(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 });
        var array = new DictionaryArray(new ArrayData(DictionaryType.Default, 2, 0, 0, [ArrowBuffer.Empty, indices], dictionary: dictionary.Data));
        Assert.Null(array.GetString(0));
        Assert.Equal("a", array.GetString(1));
    }

    [Fact]
    public void GetString_IndexOutsideTheDictionary_ThrowsInvalidData()
    {
        using var values = new StringArray.Builder();
        var dictionary = values.Append("a").Build();
        var indices = new ArrowBuffer(new byte[] { 5, 0, 0, 0 });
        var array = new DictionaryArray(new ArrayData(DictionaryType.Default, 1, 0, 0, [ArrowBuffer.Empty, indices], dictionary: dictionary.Data));
        Assert.Throws<InvalidDataException>(() => array.GetString(0));
    }
}
