namespace Rdd.Core.Serialization;

/// <summary>KeyValuePair as the two-element array [key, value], like a 2-tuple.</summary>
internal sealed class KeyValuePairFormatter<TKey, TValue> : IMessagePackFormatter<KeyValuePair<TKey, TValue>>
{
    private readonly IMessagePackFormatter<TKey> _key = FormatterResolver.Get<TKey>();
    private readonly IMessagePackFormatter<TValue> _value = FormatterResolver.Get<TValue>();

    public void Serialize(MessagePackWriter writer, KeyValuePair<TKey, TValue> value)
    {
        writer.WriteArrayHeader(2);
        _key.Serialize(writer, value.Key);
        _value.Serialize(writer, value.Value);
    }

    public KeyValuePair<TKey, TValue> Deserialize(ref MessagePackReader reader)
    {
        ArrayArity.Read(ref reader, 2, typeof(KeyValuePair<TKey, TValue>));
        var key = _key.Deserialize(ref reader);
        return new KeyValuePair<TKey, TValue>(key, _value.Deserialize(ref reader));
    }
}
