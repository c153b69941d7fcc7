using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// What the stream and file writers share: encoding the schema, dictionary and record batch messages
/// (CPU work, done up front) and writing them (I/O, sync or async), recording each message's block.
/// </summary>
internal sealed class IpcWriterCore
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly bool _allowDictionaryReplacement;
    private readonly FlatBufferBuilder _builder = new();
    private readonly DictionaryTracker _dictionaries;

    public IpcWriterCore(Stream stream, Schema schema, ArrowWriterOptions? options, bool isFileFormat)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        IpcFormat.EnsureLittleEndianHost();
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }
        options ??= ArrowWriterOptions.Default;
        _stream = stream;
        _leaveOpen = options.LeaveOpen;
        _allowDictionaryReplacement = !isFileFormat;
        Schema = schema;
        Messages = new MessageWriter(stream, options.WriteLegacyIpcFormat);
        _dictionaries = new DictionaryTracker(schema);
    }

    public Schema Schema { get; }

    public MessageWriter Messages { get; }

    public bool SchemaWritten { get; private set; }

    public List<FileBlock> DictionaryBlocks { get; } = [];

    public List<FileBlock> RecordBatchBlocks { get; } = [];

    public ReadOnlySpan<long> DictionaryIds => _dictionaries.Ids;

    public void WriteSchema()
    {
        Messages.Write(EncodeSchema(), null);
        SchemaWritten = true;
    }

    public async ValueTask WriteSchemaAsync(CancellationToken cancellationToken)
    {
        await Messages.WriteAsync(EncodeSchema(), null, cancellationToken).ConfigureAwait(false);
        SchemaWritten = true;
    }

    public void WriteBatch(RecordBatch batch)
    {
        foreach (var message in Encode(batch))
        {
            using var body = message.Body;
            var block = Messages.Write(message.Metadata, body);
            (message.IsDictionary ? DictionaryBlocks : RecordBatchBlocks).Add(block);
        }
    }

    public async ValueTask WriteBatchAsync(RecordBatch batch, CancellationToken cancellationToken)
    {
        foreach (var message in Encode(batch))
        {
            using var body = message.Body;
            var block = await Messages.WriteAsync(message.Metadata, body, cancellationToken).ConfigureAwait(false);
            (message.IsDictionary ? DictionaryBlocks : RecordBatchBlocks).Add(block);
        }
    }

    /// <summary>Footer flatbuffer of the file format, listing every block written.</summary>
    public byte[] EncodeFooter()
    {
        _builder.Clear();
        ArrowFooter.Write(_builder, Schema, DictionaryIds, [.. DictionaryBlocks], [.. RecordBatchBlocks]);
        return _builder.ToArray();
    }

    public void DisposeStream()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    public ValueTask DisposeStreamAsync() => _leaveOpen ? ValueTask.CompletedTask : _stream.DisposeAsync();

    private byte[] EncodeSchema()
    {
        _builder.Clear();
        int schema = SchemaSerializer.Write(_builder, Schema, DictionaryIds);
        return FinishMessage(MessageHeaderType.Schema, schema, 0);
    }

    /// <summary>The dictionary messages a batch needs, then the batch itself.</summary>
    private List<PendingMessage> Encode(RecordBatch batch)
    {
        CheckSchema(batch);
        var messages = new List<PendingMessage>();
        try
        {
            for (int i = 0; i < batch.ColumnCount; i++)
            {
                var data = batch.Column(i).Data;
                if (data.Dictionary is null)
                {
                    continue;
                }
                var (values, isDelta) = _dictionaries.Next(i, data.Dictionary, _allowDictionaryReplacement, Schema.GetField(i).Name);
                if (values is not null)
                {
                    messages.Add(EncodeDictionary(DictionaryIds[i], values, isDelta));
                }
            }
            var body = RecordBatchSerializer.Encode(batch.Columns.Select(c => c.Data));
            _builder.Clear();
            int header = RecordBatchSerializer.WriteHeader(_builder, batch.Length, body);
            messages.Add(new PendingMessage(FinishMessage(MessageHeaderType.RecordBatch, header, body.Length), body, false));
            return messages;
        }
        catch
        {
            messages.ForEach(m => m.Body.Dispose());
            throw;
        }
    }

    private PendingMessage EncodeDictionary(long id, ArrayData values, bool isDelta)
    {
        var body = RecordBatchSerializer.Encode([values]);
        _builder.Clear();
        int data = RecordBatchSerializer.WriteHeader(_builder, values.Length, body);
        _builder.StartTable(DictionaryBatchSlots.Count);
        _builder.AddInt64(DictionaryBatchSlots.Id, id, 0);
        _builder.AddOffset(DictionaryBatchSlots.Data, data);
        _builder.AddBool(DictionaryBatchSlots.IsDelta, isDelta, false);
        int header = _builder.EndTable();
        return new PendingMessage(FinishMessage(MessageHeaderType.DictionaryBatch, header, body.Length), body, true);
    }

    private byte[] FinishMessage(MessageHeaderType type, int header, long bodyLength)
    {
        _builder.StartTable(MessageSlots.Count);
        _builder.AddInt16(MessageSlots.Version, (short)MetadataVersion.V5, 0);
        _builder.AddUnion(MessageSlots.HeaderType, (byte)type, header);
        _builder.AddInt64(MessageSlots.BodyLength, bodyLength, 0);
        _builder.Finish(_builder.EndTable());
        return _builder.ToArray();
    }

    private void CheckSchema(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (ReferenceEquals(batch.Schema, Schema))
        {
            return;
        }
        bool compatible = batch.ColumnCount == Schema.FieldCount;
        for (int i = 0; compatible && i < batch.ColumnCount; i++)
        {
            compatible = batch.Column(i).Type.Equals(Schema.GetField(i).Type);
        }
        if (!compatible)
        {
            throw new ArgumentException($"The batch's columns ({batch.Schema}) do not match the writer's schema ({Schema}).", nameof(batch));
        }
    }

    private sealed record PendingMessage(byte[] Metadata, EncodedBody Body, bool IsDictionary);
}
