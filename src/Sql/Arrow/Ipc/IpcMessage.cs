using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// One encapsulated message: the decoded Message.fbs envelope (version, header) and its body. The header
/// may point into a buffer the message reader reuses, so a message is consumed before the next is read;
/// the body is owned by the message (or is a slice of the caller's memory) and may outlive it.
/// </summary>
internal sealed class IpcMessage
{
    public IpcMessage(MetadataVersion version, MessageHeaderType headerType, FlatBufferTable header, long bodyLength)
    {
        Version = version;
        HeaderType = headerType;
        Header = header;
        BodyLength = bodyLength;
    }

    public MetadataVersion Version { get; }

    public MessageHeaderType HeaderType { get; }

    public FlatBufferTable Header { get; }

    public long BodyLength { get; }

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Decodes the Message.fbs envelope of <paramref name="metadata"/>.</summary>
    public static IpcMessage Parse(ReadOnlyMemory<byte> metadata)
    {
        try
        {
            var message = FlatBufferTable.GetRoot(metadata);
            var version = (MetadataVersion)message.GetInt16(MessageSlots.Version);
            if (version < MetadataVersion.V4)
            {
                throw new NotSupportedException($"Arrow IPC metadata version {version} (before Arrow 0.8) is not supported.");
            }
            var (headerType, header) = message.GetUnion(MessageSlots.HeaderType);
            long bodyLength = message.GetInt64(MessageSlots.BodyLength);
            if (header is null || bodyLength < 0)
            {
                throw new InvalidDataException("An Arrow IPC message has no header or a negative body length.");
            }
            return new IpcMessage(version, (MessageHeaderType)headerType, header.Value, bodyLength);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Malformed Arrow IPC message metadata.", e);
        }
    }
}
