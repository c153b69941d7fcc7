using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

/// <summary>
/// Option&lt;T&gt;: None as nil, Some(x) as the one-element array [x], so that Some(null) (which would
/// otherwise also be nil) survives the round trip.
/// </summary>
internal sealed class OptionFormatter<T> : IMessagePackFormatter<Option<T>>
{
    public void Serialize(ref MessagePackWriter writer, Option<T> value, MessagePackSerializerOptions options)
    {
        if (!value.HasValue)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteArrayHeader(1);
        options.Resolver.GetFormatterWithVerify<T>().Serialize(ref writer, value.Value, options);
    }

    public Option<T> Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil()) return Option<T>.None;
        if (reader.ReadArrayHeader() != 1)
            throw new MessagePackSerializationException("An Option is nil (None) or a one-element array (Some).");
        return new Option<T>(options.Resolver.GetFormatterWithVerify<T>().Deserialize(ref reader, options));
    }
}
