using System.Collections.Concurrent;

namespace Rdd.Core.Serialization;

/// <summary>
/// Serializes or copies a boxed value by its runtime type: the formatter of <c>object</c>-typed members
/// and <see cref="ObjectSerializer.DeepCopy{T}"/> when the runtime type is more specific than the static
/// one. One generic instance per runtime type, cached, so only the first value of a type uses reflection.
/// </summary>
internal abstract class RuntimeTypeFormatter
{
    private static readonly ConcurrentDictionary<Type, RuntimeTypeFormatter> s_byType = new();

    public static RuntimeTypeFormatter For(Type type) =>
        s_byType.GetOrAdd(type, static t =>
            (RuntimeTypeFormatter)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(t))!);

    public abstract void Serialize(MessagePackWriter writer, object value);

    public abstract object? DeepCopy(object value);

    public abstract object? Deserialize(ref MessagePackReader reader);

    private sealed class Typed<T> : RuntimeTypeFormatter
    {
        public override void Serialize(MessagePackWriter writer, object value) =>
            FormatterCache<T>.Instance.Serialize(writer, (T)value);

        public override object? Deserialize(ref MessagePackReader reader) => FormatterCache<T>.Instance.Deserialize(ref reader);

        public override object? DeepCopy(object value) => ObjectSerializer.CopyThroughFormatter((T)value);
    }
}
