using Rdd.Core.Serialization;

namespace Rdd.Core.Tests.Serialization;

/// <summary>
/// The typed serializer: round trips of every supported type (Scalars, Collections, Objects partials),
/// streams of values (Streams) and copies (DeepCopy).
/// </summary>
public sealed partial class ObjectSerializerTests
{
    private static T RoundTrip<T>(T value) => ObjectSerializer.Deserialize<T>(ObjectSerializer.Serialize(value));

    private static void AssertRoundTrip<T>(T value) => Assert.Equal(value, RoundTrip(value));

    private static string Hex<T>(T value) => Convert.ToHexStringLower(ObjectSerializer.Serialize(value));
}
