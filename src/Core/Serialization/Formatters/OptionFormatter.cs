namespace Rdd.Core.Serialization;

/// <summary>
/// Option&lt;T&gt;: None as nil, Some(x) as the one-element array [x], so that Some(null) (which
/// would otherwise also be nil) survives the round trip.
/// </summary>
internal sealed class OptionFormatter<T> : IMessagePackFormatter<Option<T>>
{
    private readonly IMessagePackFormatter<T> _value = FormatterResolver.Get<T>();

    public void Serialize(MessagePackWriter writer, Option<T> value)
    {
        if (!value.HasValue)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteArrayHeader(1);
        _value.Serialize(writer, value.Value);
    }

    public Option<T> Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return Option<T>.None;
        }
        var start = reader.Offset;
        if (reader.ReadArrayHeader() != 1)
        {
            MessagePackErrors.ThrowInvalid(start, "an Option is nil (None) or a one-element array (Some).");
        }
        return new Option<T>(_value.Deserialize(ref reader));
    }
}
