namespace Rdd.Core.Serialization;

/// <summary>Nullable&lt;T&gt;: nil, or the value's own encoding.</summary>
internal sealed class NullableFormatter<T> : IMessagePackFormatter<T?>
    where T : struct
{
    private readonly IMessagePackFormatter<T> _value = FormatterResolver.Get<T>();

    public void Serialize(MessagePackWriter writer, T? value)
    {
        if (value is { } present)
        {
            _value.Serialize(writer, present);
        }
        else
        {
            writer.WriteNil();
        }
    }

    public T? Deserialize(ref MessagePackReader reader) => reader.TryReadNil() ? null : _value.Deserialize(ref reader);
}
