namespace Rdd.Core.Serialization;

/// <summary>
/// Members typed as <c>object</c>. Writing uses the runtime type, so any supported value produces valid
/// MessagePack. Reading has no static type to go by, so it restores only self-describing values: nil,
/// bool, integers (as int when they fit, else long, else ulong), float32 as float, float64 as double,
/// str as string, bin as byte[] and timestamps as DateTime. Arrays, maps and other extensions throw
/// <see cref="NotSupportedException"/>: such members need a concrete type.
/// </summary>
internal sealed class UntypedFormatter : IMessagePackFormatter<object?>
{
    public void Serialize(MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNil(); break;
            case string text: writer.WriteString(text); break;
            case int number: writer.WriteInt64(number); break;
            case long number: writer.WriteInt64(number); break;
            case double number: writer.WriteDouble(number); break;
            case bool flag: writer.WriteBoolean(flag); break;
            case float number: writer.WriteSingle(number); break;
            case byte number: writer.WriteUInt64(number); break;
            case sbyte number: writer.WriteInt64(number); break;
            case short number: writer.WriteInt64(number); break;
            case ushort number: writer.WriteUInt64(number); break;
            case uint number: writer.WriteUInt64(number); break;
            case ulong number: writer.WriteUInt64(number); break;
            case char character: writer.WriteUInt64(character); break;
            case byte[] bytes: writer.WriteBinary(bytes); break;
            case DateTime time: DateTimeCodec.Write(writer, time); break;
            default:
                if (value.GetType() == typeof(object))
                {
                    throw new NotSupportedException("A bare System.Object instance has no content to serialize.");
                }
                RuntimeTypeFormatter.For(value.GetType()).Serialize(writer, value);
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

    private static bool IsTimestamp(MessagePackReader reader)
    {
        // A copy of the reader (it is a struct), so peeking at the header does not consume it.
        var (type, _) = reader.ReadExtensionHeader();
        return type == MessagePackCode.TimestampExtensionType;
    }
}
