namespace Rdd.Core.Serialization;

/// <summary>Reads the header of a fixed-length array (tuples, records) and checks its length.</summary>
internal static class ArrayArity
{
    public static void Read(ref MessagePackReader reader, int expected, Type type)
    {
        var start = reader.Offset;
        var count = reader.ReadArrayHeader();
        if (count != expected)
        {
            MessagePackErrors.ThrowInvalid(start,
                $"{type.Name} is encoded as an array of {expected} element(s) but the array has {count}.");
        }
    }
}
