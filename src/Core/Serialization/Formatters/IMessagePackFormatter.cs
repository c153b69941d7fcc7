namespace Rdd.Core.Serialization;

/// <summary>
/// Encodes and decodes one type. One instance per type is built once (by <see cref="FormatterResolver"/>)
/// and shared by all threads, so implementations keep no per-call state.
/// </summary>
internal interface IMessagePackFormatter<T>
{
    void Serialize(MessagePackWriter writer, T value);

    T Deserialize(ref MessagePackReader reader);
}
