using System.Runtime.Serialization;

namespace Rdd.Core.Tests.Serialization;

// Types the serializer tests round-trip: records rebuilt through their primary constructor, classes
// through setters, structs, recursion, inheritance and the shapes the serializer must reject.

public record Person(string Name, int Age);

public record Employee(string Name, int Age, string Company) : Person(Name, Age)
{
    public string Initial => Name[..1];
}

public sealed record Order(int Id, List<string> Items, Dictionary<string, double> Prices, Person? Buyer)
{
    public string? Note { get; init; }
}

public record struct Point(double X, double Y);

public readonly record struct Range1D(long Start, long End);

public sealed class MutableCounter
{
    public string Name { get; set; } = "";

    public long Count { get; set; }

    public int[] Buckets { get; set; } = [];

    public int Field;

    public int Computed => Field * 2;

    [IgnoreDataMember]
    public string Ignored { get; set; } = "default";
}

public struct MutableStruct
{
    public int A;

    public string? B { get; set; }
}

/// <summary>Constructor parameters differ from the properties in case only.</summary>
public sealed class Temperature
{
    public Temperature(string city, double celsius)
    {
        City = city;
        Celsius = celsius;
    }

    public string City { get; }

    public double Celsius { get; }
}

public sealed record Node(int Value, Node? Next);

public sealed class WithObjectMember
{
    public object? Value { get; set; }
}

public enum Color
{
    Red,
    Green = 5,
    Blue = -3,
}

[Flags]
public enum Permissions : byte
{
    None = 0,
    Read = 1,
    Write = 2,
    All = 255,
}

public enum Huge : ulong
{
    Max = ulong.MaxValue,
}

public sealed class NoUsableConstructor
{
    public NoUsableConstructor(int unrelated) => Value = unrelated.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Value { get; }
}

public sealed class WithDelegate
{
    public Func<int>? Callback { get; set; }
}

public sealed class MyBag : IEnumerable<int>
{
    public IEnumerator<int> GetEnumerator() => Enumerable.Empty<int>().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
