using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// A record batch's MessagePack form, for the times a shuffle writes it to a file (a map output over the memory
/// budget, a spill, <see cref="Rdd.Core.ExecutionMode.MapReduce"/>): one bin value holding the batch as an Arrow
/// IPC stream (schema message, batch message, end marker), so the columns are written as their buffers rather
/// than value by value, and any Arrow reader can open the payload. A null batch is nil.
/// </summary>
internal sealed class RecordBatchFormatter : IMessagePackFormatter<RecordBatch?>
{
    public void Serialize(ref MessagePackWriter writer, RecordBatch? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        using var stream = new MemoryStream();
        WriteIpcStream(stream, value);
        writer.Write(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public RecordBatch? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        // The batch's buffers are views over the bytes it was decoded from: they need an array of their own,
        // not the reader's window, which the next record reuses.
        var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A record batch is bin or nil.");
        return ReadIpcStream(bytes.ToArray());
    }

    /// <summary>Writes <paramref name="batch"/> to <paramref name="stream"/> as a complete Arrow IPC stream.</summary>
    public static void WriteIpcStream(Stream stream, RecordBatch batch)
    {
        using var writer = new ArrowStreamWriter(stream, batch.Schema, new ArrowWriterOptions { LeaveOpen = true });
        writer.WriteRecordBatch(batch);
        writer.WriteEnd();
    }

    /// <summary>The one batch of the IPC stream <see cref="WriteIpcStream"/> wrote; its buffers share <paramref name="bytes"/>.</summary>
    public static RecordBatch ReadIpcStream(byte[] bytes)
    {
        using var reader = new ArrowStreamReader(bytes);
        return reader.ReadNextRecordBatch() ?? throw new InvalidDataException("A serialized record batch holds no batch.");
    }
}
