namespace Rdd.Core.Serialization;

/// <summary>
/// Stands in for a type whose formatter is still being built, which happens for recursive types
/// (<c>record Node(int Value, Node? Next)</c>): the real formatter is looked up on first use, when the
/// build has finished.
/// </summary>
internal sealed class LazyFormatter<T> : IMessagePackFormatter<T>
{
    private IMessagePackFormatter<T>? _inner;

    private IMessagePackFormatter<T> Inner => _inner ??= FormatterResolver.Get<T>();

    public void Serialize(MessagePackWriter writer, T value) => Inner.Serialize(writer, value);

    public T Deserialize(ref MessagePackReader reader) => Inner.Deserialize(ref reader);
}
