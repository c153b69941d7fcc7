using System.Collections.Concurrent;
using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed partial class ObjectSerializerTests
{
    [Fact]
    public void RoundTrip_ScalarArrays_FastPaths()
    {
        AssertRoundTrip(new[] { 0.0, -0.0, 1.5, double.MaxValue, double.PositiveInfinity });
        AssertRoundTrip(new[] { long.MinValue, -1L, 0L, 127L, 128L, long.MaxValue });
        AssertRoundTrip(new[] { int.MinValue, -33, 0, 255, 65536, int.MaxValue });
        AssertRoundTrip(Enumerable.Range(-50_000, 100_000).ToArray());
        AssertRoundTrip(new[] { true, false });
        AssertRoundTrip(new[] { 1.5f, float.NegativeInfinity });
        AssertRoundTrip(new[] { 'a', '\0', char.MaxValue });
        AssertRoundTrip(new[] { 1.5m, -2m });
        AssertRoundTrip(new[] { DateTime.UnixEpoch });
        AssertRoundTrip(new[] { ulong.MaxValue, 0UL });
        AssertRoundTrip(new short[] { short.MinValue, short.MaxValue });
        AssertRoundTrip(Array.Empty<double>());
        AssertRoundTrip(Array.Empty<long>());
        AssertRoundTrip(Array.Empty<int>());
    }

    [Fact]
    public void RoundTrip_DoubleArrayWithNaN_BitExact()
    {
        double[] values = [double.NaN, -0.0, double.NegativeInfinity];
        var back = RoundTrip(values);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Serialize_ScalarArray_SpecBytes()
    {
        Assert.Equal("93010203", Hex(new[] { 1, 2, 3 }));
        Assert.Equal("9301cdffffd0df", Hex(new[] { 1L, 65535L, -33L }));
        Assert.Equal("91cb3ff8000000000000", Hex(new[] { 1.5 }));
        Assert.Equal("93010203", Hex(new List<int> { 1, 2, 3 }));
    }

    [Fact]
    public void RoundTrip_ArraysOfReferences()
    {
        AssertRoundTrip(new[] { "a", "", "é" });
        AssertRoundTrip(new string?[] { null, "x", null });
        AssertRoundTrip(new[] { new[] { 1, 2 }, [], new[] { 3 } });
        AssertRoundTrip(new[] { new Person("a", 1), new Person("b", 2) });
        AssertRoundTrip(new[] { new byte[] { 1 }, [] });
        AssertRoundTrip(new[] { (1, "a"), (2, "b") });
    }

    [Fact]
    public void RoundTrip_Lists()
    {
        AssertRoundTrip(new List<int>());
        AssertRoundTrip(new List<double> { 1.5, double.NegativeInfinity });
        AssertRoundTrip(new List<long> { long.MinValue });
        AssertRoundTrip(new List<string?> { "a", null, "" });
        AssertRoundTrip(new List<List<int>> { new() { 1 }, new() });
        AssertRoundTrip(Enumerable.Range(0, 1000).Select(i => $"s{i}").ToList());
    }

    [Fact]
    public void RoundTrip_Dictionaries()
    {
        AssertRoundTrip(new Dictionary<string, int>());
        AssertRoundTrip(new Dictionary<string, int> { ["a"] = 1, ["b"] = -2 });
        AssertRoundTrip(new Dictionary<int, string?> { [1] = "x", [2] = null });
        AssertRoundTrip(Enumerable.Range(0, 100).ToDictionary(i => (long)i, i => new List<double> { i }));
        AssertRoundTrip(new Dictionary<(int, string), Person> { [(1, "a")] = new("p", 3) });
        Assert.Equal("81a16101", Hex(new Dictionary<string, int> { ["a"] = 1 }));
    }

    [Fact]
    public void RoundTrip_DictionaryInterfaces_ReadBackAsDictionary()
    {
        IDictionary<string, int> dictionary = new Dictionary<string, int> { ["a"] = 1 };
        var back = RoundTrip(dictionary);
        Assert.IsType<Dictionary<string, int>>(back);
        Assert.Equal(dictionary, back);

        IReadOnlyDictionary<string, int> readOnly = new SortedDictionary<string, int> { ["b"] = 2, ["a"] = 1 };
        var readOnlyBack = RoundTrip(readOnly);
        Assert.IsType<Dictionary<string, int>>(readOnlyBack);
        Assert.Equal(readOnly.OrderBy(e => e.Key), readOnlyBack!.OrderBy(e => e.Key));
    }

    [Fact]
    public void RoundTrip_ConcreteDictionaryTypes()
    {
        var sorted = new SortedDictionary<string, int> { ["b"] = 2, ["a"] = 1 };
        var back = RoundTrip(sorted);
        Assert.IsType<SortedDictionary<string, int>>(back);
        Assert.Equal(sorted, back);

        var concurrent = new ConcurrentDictionary<int, int>();
        concurrent[1] = 10;
        Assert.Equal(10, RoundTrip(concurrent)![1]);
    }

    [Fact]
    public void RoundTrip_HashSet()
    {
        var set = new HashSet<int> { 3, 1, 2 };
        var back = RoundTrip(set);
        Assert.True(set.SetEquals(back!));
        Assert.Empty(RoundTrip(new HashSet<string>())!);
        ISet<string> strings = new HashSet<string> { "x" };
        Assert.IsType<HashSet<string>>(RoundTrip(strings));
    }

    [Fact]
    public void RoundTrip_SequenceInterfaces_ReadBackAsArraysOrLists()
    {
        IEnumerable<int> lazy = Enumerable.Range(1, 3).Select(i => i * 10);
        var lazyBack = RoundTrip(lazy);
        Assert.IsType<int[]>(lazyBack);
        Assert.Equal([10, 20, 30], lazyBack);

        IReadOnlyList<string> readOnlyList = new List<string> { "a", "b" };
        Assert.Equal(readOnlyList, RoundTrip(readOnlyList));
        IReadOnlyCollection<int> collection = new HashSet<int> { 4 };
        Assert.Equal([4], RoundTrip(collection));
        IList<int> list = new[] { 1, 2 };
        var listBack = RoundTrip(list);
        Assert.IsType<List<int>>(listBack);
        Assert.Equal(list, listBack);
        ICollection<int> mutable = new LinkedList<int>([5, 6]);
        Assert.Equal([5, 6], RoundTrip(mutable));
    }

    [Fact]
    public void RoundTrip_ConcreteCollectionTypes()
    {
        var linked = new LinkedList<string>(["a", "b"]);
        var back = RoundTrip(linked);
        Assert.IsType<LinkedList<string>>(back);
        Assert.Equal(linked, back);
        var sortedSet = new SortedSet<int> { 3, 1 };
        Assert.Equal(sortedSet, RoundTrip(sortedSet));
    }

    [Fact]
    public void RoundTrip_NestedCollections()
    {
        var nested = new Dictionary<string, List<(int, double[])>>
        {
            ["k"] = [(1, [1.5, 2.5]), (2, [])],
            ["empty"] = [],
        };
        var back = RoundTrip(nested)!;
        Assert.Equal(nested.Keys, back.Keys);
        Assert.Equal(nested["k"][0].Item2, back["k"][0].Item2);
        Assert.Empty(back["empty"]);
    }
}
