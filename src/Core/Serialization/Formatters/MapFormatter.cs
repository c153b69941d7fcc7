namespace Rdd.Core.Serialization;

/// <summary>
/// Dictionaries as msgpack maps: Dictionary&lt;K,V&gt;, IDictionary, IReadOnlyDictionary (both read back as
/// Dictionary) and concrete IDictionary types with a parameterless constructor (SortedDictionary ...).
/// A duplicate key on read keeps the last value; a custom key comparer is not kept.
/// </summary>
internal sealed class MapFormatter<TMap, TKey, TValue> : IMessagePackFormatter<TMap?>
    where TMap : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    private readonly IMessagePackFormatter<TKey> _key = FormatterResolver.Get<TKey>();
    private readonly IMessagePackFormatter<TValue> _value = FormatterResolver.Get<TValue>();
    private readonly Func<int, IDictionary<TKey, TValue>> _create;

    public MapFormatter(Func<int, IDictionary<TKey, TValue>> create)
    {
        _create = create;
    }

    public void Serialize(MessagePackWriter writer, TMap? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        if (value is Dictionary<TKey, TValue> dictionary)
        {
            // The struct enumerator: no allocation, no interface call per entry.
            writer.WriteMapHeader(dictionary.Count);
            foreach (var entry in dictionary)
            {
                _key.Serialize(writer, entry.Key);
                _value.Serialize(writer, entry.Value);
            }
            return;
        }
        var count = value switch
        {
            ICollection<KeyValuePair<TKey, TValue>> collection => collection.Count,
            IReadOnlyCollection<KeyValuePair<TKey, TValue>> collection => collection.Count,
            _ => -1,
        };
        // The header needs the count up front: an uncounted sequence is materialised once.
        IEnumerable<KeyValuePair<TKey, TValue>> entries = count < 0 ? value.ToList() : value;
        writer.WriteMapHeader(count < 0 ? ((List<KeyValuePair<TKey, TValue>>)entries).Count : count);
        foreach (var entry in entries)
        {
            _key.Serialize(writer, entry.Key);
            _value.Serialize(writer, entry.Value);
        }
    }

    public TMap? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadMapHeader();
        var map = _create(count);
        for (var i = 0; i < count; i++)
        {
            var key = _key.Deserialize(ref reader);
            if (key is null)
            {
                MessagePackErrors.ThrowInvalid(reader.Offset, "a map key is nil; dictionary keys cannot be null.");
            }
            map[key] = _value.Deserialize(ref reader);
        }
        return (TMap)map;
    }
}
