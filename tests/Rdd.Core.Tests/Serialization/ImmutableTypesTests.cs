using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed class ImmutableTypesTests
{
    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(string))]
    [InlineData(typeof(decimal))]
    [InlineData(typeof(DateTime))]
    [InlineData(typeof(Color))]
    [InlineData(typeof((int, string, (double, DateTime))))]
    [InlineData(typeof(int?))]
    [InlineData(typeof(KeyValuePair<string, long>))]
    [InlineData(typeof(Option<string>))]
    [InlineData(typeof(Tuple<int, string>))]
    [InlineData(typeof(Person))]
    [InlineData(typeof(Employee))]
    [InlineData(typeof(Point))]
    [InlineData(typeof(Node))]
    public void IsImmutable_True(Type type)
    {
        Assert.True(ImmutableTypes.IsImmutable(type));
    }

    [Theory]
    [InlineData(typeof(int[]))]
    [InlineData(typeof(List<int>))]
    [InlineData(typeof(HashSet<int>))]
    [InlineData(typeof((int, List<int>)))]
    [InlineData(typeof(Order))]
    [InlineData(typeof(MutableCounter))]
    [InlineData(typeof(WithObjectMember))]
    [InlineData(typeof(Option<int[]>))]
    [InlineData(typeof(object))]
    public void IsImmutable_False(Type type)
    {
        Assert.False(ImmutableTypes.IsImmutable(type));
    }
}
