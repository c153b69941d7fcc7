namespace Rdd.Core.Serialization;

/// <summary>T[] (one dimension, zero-based) of a non-scalar element type as a msgpack array; null as nil.</summary>
internal sealed class ArrayFormatter<T> : IMessagePackFormatter<T[]?>
{
    private readonly IMessagePackFormatter<T> _element = FormatterResolver.Get<T>();

    public void Serialize(MessagePackWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteArrayHeader(value.Length);
        foreach (var item in value)
        {
            _element.Serialize(writer, item);
        }
    }

    public T[]? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }
        var result = new T[count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _element.Deserialize(ref reader);
        }
        return result;
    }
}
