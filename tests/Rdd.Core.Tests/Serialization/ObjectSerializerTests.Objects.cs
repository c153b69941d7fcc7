using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

public sealed partial class ObjectSerializerTests
{
    [Fact]
    public void RoundTrip_ValueTuples_AllArities()
    {
        AssertRoundTrip(ValueTuple.Create(1));
        AssertRoundTrip((1, "a"));
        AssertRoundTrip((1, "a", 2.5));
        AssertRoundTrip((1, "a", 2.5, true));
        AssertRoundTrip((1, "a", 2.5, true, 'c'));
        AssertRoundTrip((1, "a", 2.5, true, 'c', 9L));
        AssertRoundTrip((1, "a", 2.5, true, 'c', 9L, (byte)7));
        AssertRoundTrip((1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    [Fact]
    public void RoundTrip_NestedTuples()
    {
        Assert.Equal("9201920203", Hex((1, (2, 3))));
        AssertRoundTrip((1, (2.5, ("x", (true, (long.MaxValue, (string?)null))))));
        AssertRoundTrip((new Person("a", 1), (Color.Green, (int?)null)));
    }

    [Fact]
    public void RoundTrip_SystemTuple()
    {
        AssertRoundTrip(Tuple.Create(1, "a"));
        AssertRoundTrip(Tuple.Create(1, 2, 3, 4, 5, 6, 7, 8));
        Assert.Equal("9201a161", Hex(Tuple.Create(1, "a")));
    }

    [Fact]
    public void RoundTrip_KeyValuePair()
    {
        AssertRoundTrip(new KeyValuePair<string, int>("a", 1));
        Assert.Equal("92a16101", Hex(new KeyValuePair<string, int>("a", 1)));
    }

    [Fact]
    public void RoundTrip_Option()
    {
        Assert.Equal("c0", Hex(Option<int>.None));
        Assert.Equal("9105", Hex(Option.Some(5)));
        Assert.Equal("91c0", Hex(Option.Some<string?>(null)));
        AssertRoundTrip(Option<int>.None);
        AssertRoundTrip(Option.Some(0));
        AssertRoundTrip(Option.Some("x"));
        var someNull = RoundTrip(Option.Some<string?>(null));
        Assert.True(someNull.HasValue);
        Assert.Null(someNull.Value);
        AssertRoundTrip((1, Option.Some(new Person("a", 2)), Option<Person>.None));
    }

    [Fact]
    public void RoundTrip_Record_ThroughPrimaryConstructor()
    {
        Assert.Equal("92a3416e6e2a", Hex(new Person("Ann", 42)));
        AssertRoundTrip(new Person("Ann", 42));
        AssertRoundTrip(new Person("", int.MinValue));
        AssertRoundTrip(new Person(null!, 0));
    }

    [Fact]
    public void RoundTrip_DerivedRecord_BaseMembersFirstComputedSkipped()
    {
        var employee = new Employee("Bob", 30, "Acme");
        Assert.Equal("93a3426f621ea441636d65", Hex(employee));
        AssertRoundTrip(employee);
    }

    [Fact]
    public void RoundTrip_RecordWithCollectionsAndInitProperty()
    {
        var order = new Order(7, ["a", "b"], new() { ["a"] = 1.5 }, new Person("p", 1)) { Note = "rush" };
        var back = RoundTrip(order);
        Assert.Equal(order.Id, back.Id);
        Assert.Equal(order.Items, back.Items);
        Assert.Equal(order.Prices, back.Prices);
        Assert.Equal(order.Buyer, back.Buyer);
        Assert.Equal("rush", back.Note);
    }

    [Fact]
    public void RoundTrip_RecordStructs()
    {
        AssertRoundTrip(new Point(1.5, double.NaN));
        AssertRoundTrip(new Range1D(long.MinValue, long.MaxValue));
        AssertRoundTrip(new[] { new Point(1, 2), new Point(3, 4) });
    }

    [Fact]
    public void RoundTrip_PlainClass_ThroughSetters()
    {
        var counter = new MutableCounter { Name = "c", Count = long.MaxValue, Buckets = [1, 2], Field = 3, Ignored = "changed" };
        // Properties in declaration order, then fields; computed and ignored members are not written.
        Assert.Equal("94a163cf7fffffffffffffff920102" + "03", Hex(counter));
        var back = RoundTrip(counter);
        Assert.Equal(counter.Name, back.Name);
        Assert.Equal(counter.Count, back.Count);
        Assert.Equal(counter.Buckets, back.Buckets);
        Assert.Equal(3, back.Field);
        Assert.Equal("default", back.Ignored);
    }

    [Fact]
    public void RoundTrip_MutableStruct()
    {
        var value = new MutableStruct { A = 5, B = "b" };
        var back = RoundTrip(value);
        Assert.Equal(5, back.A);
        Assert.Equal("b", back.B);
    }

    [Fact]
    public void RoundTrip_ConstructorParametersMatchedCaseInsensitively()
    {
        var back = RoundTrip(new Temperature("Oslo", -3.5));
        Assert.Equal("Oslo", back.City);
        Assert.Equal(-3.5, back.Celsius);
    }

    [Fact]
    public void RoundTrip_AnonymousType()
    {
        var value = new { Name = "x", Size = 3 };
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void RoundTrip_RecursiveRecord()
    {
        var list = new Node(1, new Node(2, new Node(3, null)));
        Assert.Equal("920192029203c0", Hex(list));
        AssertRoundTrip(list);
    }

    [Fact]
    public void RoundTrip_ObjectMember_Primitives()
    {
        object?[] values = [null, 1, -5, 3_000_000_000L, ulong.MaxValue, 1.5, 2.5f, "s", true, new byte[] { 1 }, DateTime.UnixEpoch];
        foreach (var value in values)
        {
            var back = RoundTrip(new WithObjectMember { Value = value }).Value;
            Assert.Equal(value?.GetType(), back?.GetType());
            Assert.Equal(value, back);
        }
    }

    [Fact]
    public void Deserialize_ObjectMemberHoldingArray_RoundTripsWithItsType()
    {
        var bytes = ObjectSerializer.Serialize(new WithObjectMember { Value = new[] { 1, 2 } });
        // The array is not self-describing as int[], so it travels as extension type 1 holding [type name, value].
        Assert.Equal(0xc7, bytes[1]);
        Assert.Equal(1, bytes[3]);
        var copy = ObjectSerializer.Deserialize<WithObjectMember>(bytes);
        Assert.Equal(new[] { 1, 2 }, Assert.IsType<int[]>(copy.Value));
    }

    [Fact]
    public void Deserialize_ObjectMemberHoldingLongAndChar_KeepsRuntimeTypes()
    {
        var longCopy = ObjectSerializer.Deserialize<WithObjectMember>(ObjectSerializer.Serialize(new WithObjectMember { Value = 42L }));
        Assert.IsType<long>(longCopy.Value);
        var intCopy = ObjectSerializer.Deserialize<WithObjectMember>(ObjectSerializer.Serialize(new WithObjectMember { Value = 42 }));
        Assert.IsType<int>(intCopy.Value);
        var tupleCopy = ObjectSerializer.Deserialize<WithObjectMember>(ObjectSerializer.Serialize(new WithObjectMember { Value = (1, "a") }));
        Assert.Equal((1, "a"), tupleCopy.Value);
    }

    [Fact]
    public void IsSupported_SupportedTypes()
    {
        Type[] supported =
        [
            typeof(int), typeof(string), typeof(object), typeof(Person), typeof(MutableCounter), typeof(Node),
            typeof((int, string)), typeof(Option<Person>), typeof(Dictionary<string, List<Point>>),
            typeof(IEnumerable<int>), typeof(int?[]), typeof(Color), typeof(WithObjectMember), typeof(Tuple<int, string>),
        ];
        Assert.All(supported, t => Assert.True(ObjectSerializer.IsSupported(t), t.Name));
    }

    [Fact]
    public void IsSupported_UnsupportedTypes()
    {
        Type[] unsupported =
        [
            typeof(int[,]), typeof(Action), typeof(Func<int>), typeof(WithDelegate), typeof(NoUsableConstructor),
            typeof(IComparable), typeof(Stream), typeof(IntPtr), typeof(List<>), typeof(MyBag), typeof(int).MakePointerType(),
            typeof(List<WithDelegate>), typeof((int, Action)),
        ];
        Assert.All(unsupported, t => Assert.False(ObjectSerializer.IsSupported(t), t.Name));
    }

    [Fact]
    public void Serialize_UnsupportedMember_NamesTypeAndMember()
    {
        var error = Assert.Throws<NotSupportedException>(() => ObjectSerializer.Serialize(new WithDelegate()));
        Assert.Contains(nameof(WithDelegate), error.Message);
        Assert.Contains(nameof(WithDelegate.Callback), error.Message);
        Assert.Contains("delegates", error.Message);
        // The failure is cached and reported again, not turned into a TypeInitializationException.
        Assert.Throws<NotSupportedException>(() => ObjectSerializer.Serialize(new WithDelegate()));
    }

    [Fact]
    public void Deserialize_RecordWithWrongArity_ThrowsWithTypeName()
    {
        var bytes = ObjectSerializer.Serialize((1, "a", 3));
        var error = Assert.Throws<InvalidDataException>(() => ObjectSerializer.Deserialize<Person>(bytes));
        Assert.Contains(nameof(Person), error.Message);
        Assert.Contains("byte offset 0", error.Message);
    }
}
