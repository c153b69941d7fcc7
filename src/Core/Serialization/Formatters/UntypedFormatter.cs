namespace Rdd.Core.Serialization;

/// <summary>
/// Members typed as <c>object</c> (e.g. the keys of an <c>Rdd&lt;(object, int)&gt;</c>). Values whose plain
/// MessagePack form reads back as the same type - nil, bool, int, double, float, string, byte[], DateTime -
/// are written plainly, so other MessagePack readers see ordinary values. Any other runtime type (long,
/// char, tuples, records…) is written as extension type <see cref="TypedValueExtension"/> holding
/// [type name, value], so that a value crossing a shuffle file keeps its exact type: 42L must stay a long,
/// distinct from the int 42, as it is when the shuffle stays in memory.
/// </summary>
internal sealed class UntypedFormatter : IMessagePackFormatter<object?>
{
    /// <summary>The application-defined extension type of a value tagged with its .NET type.</summary>
    public const sbyte TypedValueExtension = 1;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> s_types = new();

    public void Serialize(MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case string text: writer.WriteString(text); break;
            case int number: writer.WriteInt64(number); break;
            case double number: writer.WriteDouble(number); break;
            case bool flag: writer.WriteBoolean(flag); break;
            case float number: writer.WriteSingle(number); break;
            case byte[] bytes: writer.WriteBinary(bytes); break;
            case DateTime time: DateTimeCodec.Write(writer, time); break;
            default:
                if (value.GetType() == typeof(object))
                {
                    throw new NotSupportedException("A bare System.Object instance has no content to serialize.");
                }
                WriteTyped(writer, value);
                break;
        }
    }

    public object? Deserialize(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        var code = reader.PeekCode();
        switch (MessagePackCode.GetType(code))
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                var (signed, unsigned, isUnsigned) = reader.ReadInt64OrUInt64();
                if (isUnsigned)
                {
                    return unsigned;
                }
                return signed is >= int.MinValue and <= int.MaxValue ? (object)(int)signed : signed;
            case MessagePackType.Float:
                return code == MessagePackCode.Float32 ? (object)reader.ReadSingle() : reader.ReadDouble();
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Binary:
                return reader.ReadBinary().ToArray();
            case MessagePackType.Extension when IsTimestamp(reader):
                return DateTimeCodec.Read(ref reader);
            case MessagePackType.Extension when ExtensionType(reader) == TypedValueExtension:
                return ReadTyped(ref reader);
            case MessagePackType.Invalid:
                MessagePackErrors.ThrowInvalidCode(start);
                return null;
            default:
                throw new NotSupportedException(
                    $"Cannot deserialize the MessagePack {MessagePackCode.Describe(code)} at byte offset {start} into a " +
                    "member of type object: only nil, booleans, numbers, strings, binary and timestamps can be read " +
                    "without a static type. Declare the member with a concrete type.");
        }
    }

    private static void WriteTyped(MessagePackWriter writer, object value)
    {
        var type = value.GetType();
        using var payload = new MessagePackWriter();
        payload.WriteArrayHeader(2);
        payload.WriteString(type.AssemblyQualifiedName);
        RuntimeTypeFormatter.For(type).Serialize(payload, value);
        writer.WriteExtensionHeader(TypedValueExtension, payload.Length);
        writer.WriteRaw(payload.WrittenSpan);
    }

    private static object? ReadTyped(ref MessagePackReader reader)
    {
        long start = reader.Offset;
        var (_, length) = reader.ReadExtensionHeader();
        long payloadOffset = reader.Offset;
        var payload = new MessagePackReader(reader.ReadRaw(length), payloadOffset);
        if (payload.ReadArrayHeader() != 2) MessagePackErrors.ThrowInvalid(start, "a typed value holds [type name, value]");
        string name = payload.ReadString() ?? "";
        var type = s_types.GetOrAdd(name, static n => Type.GetType(n)
            ?? throw new NotSupportedException($"Cannot deserialize a value of type '{n}': the type is not loaded in this process."));
        return RuntimeTypeFormatter.For(type).Deserialize(ref payload);
    }

    private static sbyte ExtensionType(MessagePackReader reader) => reader.ReadExtensionHeader().Type;

    private static bool IsTimestamp(MessagePackReader reader)
    {
        // A copy of the reader (it is a struct), so peeking at the header does not consume it.
        var (type, _) = reader.ReadExtensionHeader();
        return type == MessagePackCode.TimestampExtensionType;
    }
}
