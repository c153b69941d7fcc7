namespace Rdd.Core.Serialization;

/// <summary>
/// Names the formatter of the type it marks, for types that know their own MessagePack form best (a columnar
/// batch as its Arrow IPC bytes, say) and live in an assembly Rdd.Core cannot reference. The formatter type must
/// implement <see cref="IMessagePackFormatter{T}"/> of the marked type and have a public parameterless
/// constructor; <see cref="FormatterResolver"/> prefers it to every built-in encoding.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
internal sealed class MessagePackFormatterAttribute(Type formatterType) : Attribute
{
    public Type FormatterType { get; } = formatterType ?? throw new ArgumentNullException(nameof(formatterType));
}
