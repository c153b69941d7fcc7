using System.Runtime.InteropServices;

namespace Rdd.Core.Serialization;

/// <summary>List&lt;T&gt; of a non-scalar element type, through the list's backing span.</summary>
internal sealed class ListFormatter<T> : IMessagePackFormatter<List<T>?>
{
    private readonly IMessagePackFormatter<T> _element = FormatterResolver.Get<T>();

    public void Serialize(MessagePackWriter writer, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        var items = CollectionsMarshal.AsSpan(value);
        writer.WriteArrayHeader(items.Length);
        foreach (var item in items)
        {
            _element.Serialize(writer, item);
        }
    }

    public List<T>? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadArrayHeader();
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(_element.Deserialize(ref reader));
        }
        return result;
    }
}
