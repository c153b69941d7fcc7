using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

/// <summary>
/// The engine's typed serializer, over MessagePack-CSharp with <see cref="RddResolver"/>: object files,
/// checkpoints, and the per-element form of serialized cache blocks and spill and shuffle files are streams of
/// concatenated MessagePack values, one per element, readable by any MessagePack implementation (e.g.
/// @msgpack/msgpack's decodeMulti). Values are written by their static type T. Decoding errors surface as
/// <see cref="InvalidDataException"/> naming the byte offset of the value that failed; types that cannot be
/// serialized as <see cref="NotSupportedException"/> naming the type (and member) at fault.
/// </summary>
internal static class ObjectSerializer
{
    // Encoded elements are buffered and written to the stream in blocks of about this size.
    private const int FlushThreshold = 64 * 1024;

    // Elements encoded with one MessagePackWriter before the buffer is checked against the threshold.
    private const int WriteChunk = 64;

    private static MessagePackSerializerOptions Options => RddResolver.Options;

    /// <summary>Writes each item as one MessagePack value. The stream is neither flushed nor closed.</summary>
    /// <exception cref="NotSupportedException">T cannot be serialized.</exception>
    public static void WriteAll<T>(Stream stream, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(items);
        var formatter = FormatterOf<T>.Instance;
        using var buffer = new PooledBufferWriter(FlushThreshold + FlushThreshold / 4);
        switch (items)
        {
            case T[] array:
                WriteSpan(stream, buffer, formatter, array);
                break;
            case List<T> list:
                WriteSpan(stream, buffer, formatter, CollectionsMarshal.AsSpan(list));
                break;
            default:
                foreach (var item in items)
                {
                    var writer = new MessagePackWriter(buffer);
                    formatter.Serialize(ref writer, item, Options);
                    writer.Flush();
                    if (buffer.WrittenCount >= FlushThreshold) buffer.WriteTo(stream);
                }
                break;
        }
        buffer.WriteTo(stream);
    }

    /// <summary>
    /// Reads the values <see cref="WriteAll{T}"/> wrote, lazily, in small batches. A truncated or corrupt stream
    /// throws <see cref="InvalidDataException"/> naming the byte offset.
    /// </summary>
    /// <exception cref="NotSupportedException">T cannot be serialized (thrown at the call).</exception>
    public static IEnumerable<T> ReadAll<T>(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadAllIterator(stream, FormatterOf<T>.Instance);
    }

    public static byte[] Serialize<T>(T value)
    {
        using var buffer = new PooledBufferWriter(256);
        Encode(buffer, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one value; trailing bytes are an error.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> data)
    {
        var formatter = FormatterOf<T>.Instance;
        var reader = new MessagePackReader(data);
        T result;
        try
        {
            result = formatter.Deserialize(ref reader, Options);
        }
        catch (Exception e) when (MessagePackValueReader.IsDataError(e))
        {
            throw MessagePackValueReader.Invalid<T>(0, e, reader.Consumed);
        }
        if (!reader.End)
        {
            throw new InvalidDataException(
                $"Invalid MessagePack data at byte offset {reader.Consumed}: {data.Length - reader.Consumed} byte(s) left over after the {typeof(T).Name} value starting at byte offset 0.");
        }
        return result;
    }

    /// <summary>Whether <paramref name="type"/> can be serialized.</summary>
    public static bool IsSupported(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return TypeSupport.IsSupported(type);
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
        if (runtimeType != typeof(T) && TypeSupport.IsSupported(runtimeType))
        {
            return (T)RuntimeTypeFormatter.For(runtimeType).DeepCopy(value)!;
        }
        return CopyThroughFormatter(value);
    }

    internal static T CopyThroughFormatter<T>(T value)
    {
        using var buffer = new PooledBufferWriter(256);
        Encode(buffer, value);
        var reader = new MessagePackReader(buffer.WrittenMemory);
        return FormatterOf<T>.Instance.Deserialize(ref reader, Options);
    }

    private static void Encode<T>(PooledBufferWriter buffer, T value)
    {
        var writer = new MessagePackWriter(buffer);
        FormatterOf<T>.Instance.Serialize(ref writer, value, Options);
        writer.Flush();
    }

    private static void WriteSpan<T>(Stream stream, PooledBufferWriter buffer, IMessagePackFormatter<T> formatter, ReadOnlySpan<T> items)
    {
        var options = Options;
        for (int i = 0; i < items.Length;)
        {
            var writer = new MessagePackWriter(buffer);
            int end = Math.Min(items.Length, i + WriteChunk);
            for (; i < end; i++) formatter.Serialize(ref writer, items[i], options);
            writer.Flush();
            if (buffer.WrittenCount >= FlushThreshold) buffer.WriteTo(stream);
        }
    }

    private static IEnumerable<T> ReadAllIterator<T>(Stream stream, IMessagePackFormatter<T> formatter)
    {
        using var values = new MessagePackValueReader(stream);
        var batch = new T[MessagePackValueReader.BatchSize];
        int count;
        while ((count = values.ReadBatch(formatter, batch)) > 0)
        {
            for (int i = 0; i < count; i++) yield return batch[i];
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(batch, 0, count);
        }
    }

    private static class ImmutableCache<T>
    {
        public static readonly bool IsImmutable = ImmutableTypes.IsImmutable(typeof(T));
    }
}

/// <summary>
/// The formatter of <typeparamref name="T"/> in a static field, so the per-element path is a field load rather
/// than a lookup. An unsupported type is remembered and reported on every use (never as a TypeInitializationException).
/// </summary>
internal static class FormatterOf<T>
{
    private static readonly IMessagePackFormatter<T>? s_formatter;
    private static readonly string? s_error;

    static FormatterOf()
    {
        try
        {
            s_formatter = RddResolver.Get<T>();
        }
        catch (NotSupportedException e)
        {
            s_error = e.Message;
        }
    }

    /// <exception cref="NotSupportedException">T cannot be serialized.</exception>
    public static IMessagePackFormatter<T> Instance => s_formatter ?? throw new NotSupportedException(s_error);
}
