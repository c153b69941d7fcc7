using System.Runtime.InteropServices;

namespace Rdd.Core.Serialization;

/// <summary>
/// The engine's typed serializer: object files, checkpoints, serialized cache blocks and shuffle spill
/// files are streams of concatenated MessagePack values, one per element, readable by any MessagePack
/// implementation (e.g. @msgpack/msgpack's decodeMulti). Values are written by their static type T
/// through a formatter built once per type (see <see cref="FormatterResolver"/> for the encodings).
/// </summary>
internal static class ObjectSerializer
{
    // Encoded elements are buffered and written to the stream in blocks of about this size.
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Writes each item as one MessagePack value. The stream is neither flushed nor closed.</summary>
    /// <exception cref="NotSupportedException">T cannot be serialized.</exception>
    public static void WriteAll<T>(Stream stream, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(items);
        var formatter = FormatterCache<T>.Instance;
        using var writer = new MessagePackWriter(FlushThreshold + FlushThreshold / 4);
        switch (items)
        {
            case T[] array:
                WriteSpan(stream, writer, formatter, array);
                break;
            case List<T> list:
                WriteSpan(stream, writer, formatter, CollectionsMarshal.AsSpan(list));
                break;
            default:
                foreach (var item in items)
                {
                    formatter.Serialize(writer, item);
                    if (writer.Length >= FlushThreshold)
                    {
                        writer.FlushTo(stream);
                    }
                }
                break;
        }
        writer.FlushTo(stream);
    }

    /// <summary>
    /// Reads the values <see cref="WriteAll{T}"/> wrote, lazily: one buffered value at a time. A truncated
    /// or corrupt stream throws <see cref="InvalidDataException"/> naming the byte offset.
    /// </summary>
    /// <exception cref="NotSupportedException">T cannot be serialized (thrown at the call).</exception>
    public static IEnumerable<T> ReadAll<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadAllIterator(stream, FormatterCache<T>.Instance);
    }

    public static byte[] Serialize<T>(T value)
    {
        var formatter = FormatterCache<T>.Instance;
        using var writer = new MessagePackWriter();
        formatter.Serialize(writer, value);
        return writer.ToArray();
    }

    /// <summary>Decodes exactly one value; trailing bytes are an error.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> data)
    {
        var formatter = FormatterCache<T>.Instance;
        var reader = new MessagePackReader(data);
        return DecodeOne(formatter, ref reader);
    }

    /// <summary>Whether a serializer can be built for <paramref name="type"/>.</summary>
    public static bool IsSupported(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FormatterResolver.IsSupported(type);
    }

    /// <summary>
    /// An independent copy made by serializing and deserializing; immutable values (primitives, string,
    /// DateTime, decimal, tuples and records of immutables ...) are returned as they are. A value whose
    /// runtime type is more specific than T (a HashSet passed as IEnumerable) is copied as its runtime
    /// type when that type is supported.
    /// </summary>
    public static T DeepCopy<T>(T value)
    {
        if (value is null)
        {
            return value;
        }
        if (typeof(T).IsValueType)
        {
            return ImmutableCache<T>.IsImmutable ? value : CopyThroughFormatter(value);
        }
        var runtimeType = value.GetType();
        if (ImmutableTypes.IsImmutable(runtimeType))
        {
            return value;
        }
        if (runtimeType != typeof(T) && FormatterResolver.IsSupported(runtimeType))
        {
            return (T)RuntimeTypeFormatter.For(runtimeType).DeepCopy(value)!;
        }
        return CopyThroughFormatter(value);
    }

    internal static T CopyThroughFormatter<T>(T value)
    {
        var formatter = FormatterCache<T>.Instance;
        using var writer = new MessagePackWriter();
        formatter.Serialize(writer, value);
        var reader = new MessagePackReader(writer.WrittenSpan);
        return formatter.Deserialize(ref reader);
    }

    private static void WriteSpan<T>(Stream stream, MessagePackWriter writer, IMessagePackFormatter<T> formatter, ReadOnlySpan<T> items)
    {
        foreach (var item in items)
        {
            formatter.Serialize(writer, item);
            if (writer.Length >= FlushThreshold)
            {
                writer.FlushTo(stream);
            }
        }
    }

    private static IEnumerable<T> ReadAllIterator<T>(Stream stream, IMessagePackFormatter<T> formatter)
    {
        using var values = new MessagePackStreamReader(stream);
        while (values.TryRead(formatter, out var value))
        {
            yield return value;
        }
    }

    private static T DecodeOne<T>(IMessagePackFormatter<T> formatter, ref MessagePackReader reader)
    {
        var start = reader.Offset;
        var result = formatter.Deserialize(ref reader);
        if (!reader.End)
        {
            MessagePackErrors.ThrowInvalid(reader.Offset,
                $"{reader.Remaining} byte(s) left over after the {typeof(T).Name} value starting at byte offset {start}.");
        }
        return result;
    }

    private static class ImmutableCache<T>
    {
        public static readonly bool IsImmutable = ImmutableTypes.IsImmutable(typeof(T));
    }
}
