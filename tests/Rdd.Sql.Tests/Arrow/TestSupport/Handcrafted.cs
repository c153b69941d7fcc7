using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// Streams assembled message by message with the internal FlatBuffers builder, for inputs our writers never
/// produce: compressed bodies, big-endian schemas, types we cannot write.
/// </summary>
internal static class Handcrafted
{
    /// <summary>
    /// A schema message for one int32 column, then a one-row record batch with a 16-byte body whose values
    /// buffer claims <paramref name="valuesLength"/> bytes, compressed with <paramref name="codec"/> if given;
    /// its field node claims <paramref name="nullCount"/> nulls (with no validity bitmap).
    /// </summary>
    public static byte[] RecordBatchStream(byte? codec, long valuesLength = 16, long nullCount = 0)
    {
        using var output = new MemoryStream();
        var messages = new MessageWriter(output, legacyFormat: false);
        var builder = new FlatBufferBuilder();
        int schema = SchemaSerializer.Write(builder, new Schema([new Field("x", Int32Type.Default, true)]), [-1]);
        messages.Write(Message(builder, MessageHeaderType.Schema, schema, 0), null);

        using var body = new EncodedBody();
        body.Nodes.Add(new FieldNode(1, nullCount));
        body.AddBuffer(ReadOnlyMemory<byte>.Empty);
        body.AddBuffer(new byte[16]);
        builder.Clear();
        int nodes = builder.CreateStructVector<FieldNode>([.. body.Nodes], 8);
        int buffers = builder.CreateStructVector<BufferSpec>([body.Buffers[0], body.Buffers[1] with { Length = valuesLength }], 8);
        int compression = 0;
        if (codec is { } value)
        {
            builder.StartTable(BodyCompressionSlots.Count);
            builder.AddByte(BodyCompressionSlots.Codec, value, 0);
            compression = builder.EndTable();
        }
        builder.StartTable(RecordBatchSlots.Count);
        builder.AddInt64(RecordBatchSlots.Length, 1, 0);
        builder.AddOffset(RecordBatchSlots.Nodes, nodes);
        builder.AddOffset(RecordBatchSlots.Buffers, buffers);
        builder.AddOffset(RecordBatchSlots.Compression, compression);
        int header = builder.EndTable();
        messages.Write(Message(builder, MessageHeaderType.RecordBatch, header, body.Length), body);
        messages.WriteEndOfStream();
        return output.ToArray();
    }

    /// <summary>A stream whose schema declares big-endian data.</summary>
    public static byte[] BigEndianSchemaStream()
    {
        using var output = new MemoryStream();
        var messages = new MessageWriter(output, legacyFormat: false);
        var builder = new FlatBufferBuilder();
        int fields = builder.CreateOffsetVector([]);
        builder.StartTable(SchemaSlots.Count);
        builder.AddInt16(SchemaSlots.Endianness, 1, 0);
        builder.AddOffset(SchemaSlots.Fields, fields);
        int schema = builder.EndTable();
        messages.Write(Message(builder, MessageHeaderType.Schema, schema, 0), null);
        messages.WriteEndOfStream();
        return output.ToArray();
    }

    private static byte[] Message(FlatBufferBuilder builder, MessageHeaderType type, int header, long bodyLength)
    {
        builder.StartTable(MessageSlots.Count);
        builder.AddInt16(MessageSlots.Version, (short)MetadataVersion.V5, 0);
        builder.AddUnion(MessageSlots.HeaderType, (byte)type, header);
        builder.AddInt64(MessageSlots.BodyLength, bodyLength, 0);
        builder.Finish(builder.EndTable());
        return builder.ToArray();
    }
}
