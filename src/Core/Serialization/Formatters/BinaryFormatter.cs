namespace Rdd.Core.Serialization;

/// <summary>byte[] as bin rather than an array of integers; null as nil.</summary>
internal sealed class BinaryFormatter : IMessagePackFormatter<byte[]?>
{
    public void Serialize(MessagePackWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        writer.WriteBinary(value);
    }

    public byte[]? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        // A str is accepted too: old MessagePack writers had no bin type and used raw (str) for bytes.
        return reader.PeekType() == MessagePackType.String ? reader.ReadStringBytes().ToArray() : reader.ReadBinary().ToArray();
    }
}
