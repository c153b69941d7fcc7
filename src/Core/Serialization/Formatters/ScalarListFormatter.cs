using System.Runtime.InteropServices;

namespace Rdd.Core.Serialization;

/// <summary>Lists of a scalar type, through the list's backing span (same encoding as arrays).</summary>
internal sealed class ScalarListFormatter<T, TCodec> : IMessagePackFormatter<List<T>?>
    where TCodec : struct, IScalarCodec<T>
{
    public void Serialize(MessagePackWriter writer, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        ScalarArrayFormatter<T, TCodec>.WriteSpan(writer, CollectionsMarshal.AsSpan(value));
    }

    public List<T>? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadArrayHeader();
        var result = new List<T>(count);
        CollectionsMarshal.SetCount(result, count);
        ScalarArrayFormatter<T, TCodec>.ReadSpan(ref reader, CollectionsMarshal.AsSpan(result));
        return result;
    }
}
