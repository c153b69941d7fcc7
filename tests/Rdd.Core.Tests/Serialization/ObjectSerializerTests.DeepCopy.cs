using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed partial class ObjectSerializerTests
{
    [Fact]
    public void DeepCopy_HashSet_IsIndependent()
    {
        var original = new HashSet<int> { 1, 2 };
        var copy = ObjectSerializer.DeepCopy(original);
        Assert.NotSame(original, copy);
        copy.Add(3);
        Assert.Equal([1, 2], original.Order());
        Assert.Equal([1, 2, 3], copy.Order());
    }

    [Fact]
    public void DeepCopy_ImmutableValues_ReturnedAsIs()
    {
        var text = new string('x', 10);
        Assert.Same(text, ObjectSerializer.DeepCopy(text));
        var person = new Person("a", 1);
        Assert.Same(person, ObjectSerializer.DeepCopy(person));
        var tuple = Tuple.Create(1, "a");
        Assert.Same(tuple, ObjectSerializer.DeepCopy(tuple));
        object boxed = 5;
        Assert.Same(boxed, ObjectSerializer.DeepCopy(boxed));
        Assert.Equal(1.5m, ObjectSerializer.DeepCopy(1.5m));
        Assert.Equal((1, "a", (2.5, DateTime.UnixEpoch)), ObjectSerializer.DeepCopy((1, "a", (2.5, DateTime.UnixEpoch))));
    }

    [Fact]
    public void DeepCopy_MutableGraph_IsIndependent()
    {
        var counter = new MutableCounter { Name = "c", Buckets = [1, 2] };
        var copy = ObjectSerializer.DeepCopy(counter);
        Assert.NotSame(counter, copy);
        Assert.NotSame(counter.Buckets, copy.Buckets);
        Assert.Equal(counter.Buckets, copy.Buckets);

        var tuple = (1, new List<int> { 1 });
        var tupleCopy = ObjectSerializer.DeepCopy(tuple);
        tupleCopy.Item2.Add(2);
        Assert.Single(tuple.Item2);

        var order = new Order(1, ["a"], [], null);
        var orderCopy = ObjectSerializer.DeepCopy(order);
        Assert.NotSame(order, orderCopy);
        Assert.NotSame(order.Items, orderCopy.Items);
    }

    [Fact]
    public void DeepCopy_RuntimeTypeMoreSpecificThanStaticType_KeepsRuntimeType()
    {
        IEnumerable<int> set = new HashSet<int> { 1 };
        var copy = ObjectSerializer.DeepCopy(set);
        Assert.IsType<HashSet<int>>(copy);
        Assert.NotSame(set, copy);

        object list = new List<string> { "a" };
        var listCopy = ObjectSerializer.DeepCopy(list);
        Assert.IsType<List<string>>(listCopy);
        Assert.NotSame(list, listCopy);
    }

    [Fact]
    public void DeepCopy_Null_ReturnsNull()
    {
        Assert.Null(ObjectSerializer.DeepCopy<List<int>?>(null));
    }
}
