using System.Runtime.InteropServices;

namespace Rdd.Core.Serialization;

/// <summary>
/// Any other sequence type as a msgpack array: HashSet&lt;T&gt;, concrete ICollection&lt;T&gt; types with
/// a parameterless constructor, and the sequence interfaces. Reading builds the collection that
/// <c>create</c> returns, or a T[] when <c>create</c> is null (IEnumerable, IReadOnlyList, ...).
/// A set's custom comparer is not kept: sets read back with the default comparer.
/// </summary>
internal sealed class CollectionFormatter<TCollection, T> : IMessagePackFormatter<TCollection?>
    where TCollection : class, IEnumerable<T>
{
    private readonly IMessagePackFormatter<T> _element = FormatterResolver.Get<T>();
    private readonly Func<int, ICollection<T>>? _create;

    public CollectionFormatter(Func<int, ICollection<T>>? create)
    {
        _create = create;
    }

    public void Serialize(MessagePackWriter writer, TCollection? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                return;
            case T[] array:
                WriteSpan(writer, array);
                return;
            case List<T> list:
                WriteSpan(writer, CollectionsMarshal.AsSpan(list));
                return;
            case HashSet<T> set:
                writer.WriteArrayHeader(set.Count);
                foreach (var item in set)
                {
                    _element.Serialize(writer, item);
                }
                return;
        }
        var count = value switch
        {
            ICollection<T> collection => collection.Count,
            IReadOnlyCollection<T> collection => collection.Count,
            _ => -1,
        };
        if (count < 0)
        {
            // The header needs the count up front: a lazy sequence is materialised once.
            WriteSpan(writer, CollectionsMarshal.AsSpan(value.ToList()));
            return;
        }
        writer.WriteArrayHeader(count);
        var written = 0;
        foreach (var item in value)
        {
            _element.Serialize(writer, item);
            written++;
        }
        if (written != count)
        {
            throw new InvalidOperationException(
                $"The {value.GetType().Name} reported {count} elements but enumerated {written}; was it modified while serializing?");
        }
    }

    public TCollection? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadArrayHeader();
        if (_create is null)
        {
            var array = count == 0 ? [] : new T[count];
            for (var i = 0; i < array.Length; i++)
            {
                array[i] = _element.Deserialize(ref reader);
            }
            return (TCollection)(object)array;
        }
        var collection = _create(count);
        for (var i = 0; i < count; i++)
        {
            collection.Add(_element.Deserialize(ref reader));
        }
        return (TCollection)collection;
    }

    private void WriteSpan(MessagePackWriter writer, ReadOnlySpan<T> items)
    {
        writer.WriteArrayHeader(items.Length);
        foreach (var item in items)
        {
            _element.Serialize(writer, item);
        }
    }
}
