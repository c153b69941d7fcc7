namespace Rdd.Core.Serialization;

/// <summary>
/// A Guid as 16 bytes of bin in RFC 4122 (big-endian) order, the order other languages use for UUIDs.
/// The 36-character string form is accepted on read.
/// </summary>
internal readonly struct GuidCodec : IScalarCodec<Guid>
{
    public static void Write(MessagePackWriter writer, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        writer.WriteBinary(bytes);
    }

    public static Guid Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        if (reader.PeekType() == MessagePackType.String)
        {
            var text = reader.ReadString();
            if (!Guid.TryParse(text, out var parsed))
            {
                MessagePackErrors.ThrowInvalid(start, $"'{text}' is not a Guid.");
            }
            return parsed;
        }
        var bytes = reader.ReadBinary();
        if (bytes.Length != 16)
        {
            MessagePackErrors.ThrowInvalid(start, $"a Guid has 16 bytes, not {bytes.Length}.");
        }
        return new Guid(bytes, bigEndian: true);
    }
}
