using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

/// <summary>
/// Members typed as <c>object</c> (e.g. the keys of an <c>Rdd&lt;(object, int)&gt;</c>): the one place a value's
/// runtime type travels with it, which is how a member holds values of any type (MessagePack-CSharp's Union
/// attributes cannot be put on user types). Values whose plain MessagePack form reads back as the same type -
/// nil, bool, int, double, float, string, byte[], DateTime - are written plainly, so other MessagePack readers
/// see ordinary values. Any other runtime type (long, char, tuples, records…) is written as extension type
/// <see cref="TypedValueExtension"/> holding [assembly-qualified type name, value], so that a value crossing a
/// shuffle file keeps its exact type: 42L must stay a long, distinct from the int 42, as it is when the shuffle
/// stays in memory. MessagePack-CSharp's typeless formatter is not used: it writes every integer plainly and
/// reads it back as the smallest type that holds it.
/// </summary>
/// <remarks>
/// Security: the type name is resolved only against the assemblies already loaded in the process (no assembly
/// is loaded because a file names it), and only types this serializer supports are rebuilt, through their
/// public constructors and setters; delegates and other unsupported types are refused. The files the engine
/// reads are its own (spills, shuffles, blocks, checkpoints) or object files the application chose to read.
/// </remarks>
internal sealed class UntypedFormatter : IMessagePackFormatter<object?>
{
    /// <summary>The application-defined extension type of a value tagged with its .NET type.</summary>
    public const sbyte TypedValueExtension = 1;

    private static readonly ConcurrentDictionary<string, Type> s_types = new();

    public void Serialize(ref MessagePackWriter writer, object? value, MessagePackSerializerOptions options)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case string text: writer.Write(text); break;
            case int number: writer.Write(number); break;
            case double number: writer.Write(number); break;
            case bool flag: writer.Write(flag); break;
            case float number: writer.Write(number); break;
            case byte[] bytes: writer.Write(bytes); break;
            case DateTime time: options.Resolver.GetFormatterWithVerify<DateTime>().Serialize(ref writer, time, options); break;
            default:
                if (value.GetType() == typeof(object))
                    throw new NotSupportedException("A bare System.Object instance has no content to serialize.");
                WriteTyped(ref writer, value, options);
                break;
        }
    }

    public object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    var unsigned = reader.ReadUInt64();
                    return unsigned > long.MaxValue ? unsigned : Narrow((long)unsigned);
                }
                return Narrow(reader.ReadInt64());
            case MessagePackType.Float:
                return reader.NextCode == MessagePackCode.Float32 ? (object)reader.ReadSingle() : reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBytes()!.Value.ToArray();
            case MessagePackType.Extension:
                var header = reader.CreatePeekReader().ReadExtensionFormatHeader();
                if (header.TypeCode == ReservedMessagePackExtensionTypeCode.DateTime) return reader.ReadDateTime();
                if (header.TypeCode == TypedValueExtension) return ReadTyped(ref reader, options);
                break;
            case MessagePackType.Unknown:
                throw new MessagePackSerializationException($"0x{reader.NextCode:x2} is not a valid format code.");
        }
        throw new NotSupportedException(
            $"Cannot deserialize MessagePack code 0x{reader.NextCode:x2} ({reader.NextMessagePackType}) into a member of type object: " +
            "only nil, booleans, numbers, strings, binary, timestamps and values tagged with their type can be read without a static " +
            "type. Declare the member with a concrete type.");
    }

    private static object Narrow(long value) => value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : value;

    private static void WriteTyped(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options)
    {
        var type = value.GetType();
        var payload = new ArrayBufferWriter<byte>(64);
        var inner = new MessagePackWriter(payload);
        inner.WriteArrayHeader(2);
        inner.Write(type.AssemblyQualifiedName);
        RuntimeTypeFormatter.For(type).Serialize(ref inner, value, options);
        inner.Flush();
        writer.WriteExtensionFormatHeader(new ExtensionHeader(TypedValueExtension, payload.WrittenCount));
        writer.WriteRaw(payload.WrittenSpan);
    }

    private static object? ReadTyped(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var header = reader.ReadExtensionFormatHeader();
        var payload = reader.Clone(reader.ReadRaw(header.Length));
        if (payload.ReadArrayHeader() != 2) throw new MessagePackSerializationException("A typed value holds [type name, value].");
        var name = payload.ReadString() ?? "";
        var value = RuntimeTypeFormatter.For(s_types.GetOrAdd(name, Resolve)).Deserialize(ref payload, options);
        if (!payload.End) throw new MessagePackSerializationException("A typed value holds bytes after [type name, value].");
        return value;
    }

    /// <summary>The named type, among the assemblies already loaded; a type this serializer does not support is refused.</summary>
    private static Type Resolve(string name)
    {
        var type = Type.GetType(name, LoadedAssembly, typeResolver: null, throwOnError: false)
            ?? throw new NotSupportedException($"Cannot deserialize a value of type '{name}': the type is not loaded in this process.");
        TypeSupport.ThrowIfUnsupported(type);
        return type;
    }

    private static Assembly? LoadedAssembly(AssemblyName name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
}

/// <summary>
/// Serializes or copies a boxed value by its runtime type: <c>object</c>-typed members and
/// <see cref="ObjectSerializer.DeepCopy{T}"/> when the runtime type is more specific than the static one. One
/// generic instance per runtime type, cached, so only the first value of a type uses reflection.
/// </summary>
internal abstract class RuntimeTypeFormatter
{
    private static readonly ConcurrentDictionary<Type, RuntimeTypeFormatter> s_byType = new();

    /// <exception cref="NotSupportedException">The type cannot be serialized.</exception>
    public static RuntimeTypeFormatter For(Type type)
    {
        TypeSupport.ThrowIfUnsupported(type);
        return s_byType.GetOrAdd(type, static t => (RuntimeTypeFormatter)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(t))!);
    }

    public abstract void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options);

    public abstract object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options);

    public abstract object? DeepCopy(object value);

    private sealed class Typed<T> : RuntimeTypeFormatter
    {
        private readonly IMessagePackFormatter<T> _formatter = RddResolver.Get<T>();

        public override void Serialize(ref MessagePackWriter writer, object value, MessagePackSerializerOptions options) =>
            _formatter.Serialize(ref writer, (T)value, options);

        public override object? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            _formatter.Deserialize(ref reader, options);

        public override object? DeepCopy(object value) => ObjectSerializer.CopyThroughFormatter((T)value);
    }
}
