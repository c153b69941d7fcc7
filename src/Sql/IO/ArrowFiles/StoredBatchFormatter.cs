using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Sql.IO.ArrowFiles;

/// <summary>
/// The MessagePack form of a <see cref="StoredBatch"/>: one bin value holding the batch as an Arrow IPC stream
/// (schema message, batch message, end marker) written by Apache.Arrow, so the columns are written as their
/// buffers rather than value by value, and any Arrow reader can open the payload. A null batch is nil.
/// </summary>
internal sealed class StoredBatchFormatter : IMessagePackFormatter<StoredBatch?>
{
    public void Serialize(ref MessagePackWriter writer, StoredBatch? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        using var stream = new MemoryStream();
        ArrowIpc.WriteStream(stream, value.Batch);
        writer.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public StoredBatch? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        // The batch's buffers are views over the bytes it was decoded from: they need an array of their own,
        // not the reader's window, which the next record reuses.
        var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A stored record batch is bin or nil.");
        return new StoredBatch(ArrowIpc.ReadStream(bytes.ToArray()));
    }
}
