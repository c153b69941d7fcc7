namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Reads Arrow's IPC stream format: a Schema message, then dictionary and record batches, then an
/// end-of-stream marker. Accepts the legacy (pre-0.15) framing without continuation markers. Bytes already
/// in memory (a <see cref="MemoryStream"/> with an accessible buffer, or a <see cref="ReadOnlyMemory{T}"/>)
/// are read without copying; any other stream is read message by message.
/// </summary>
internal sealed class ArrowStreamReader : IDisposable
{
    private readonly MessageReader _messages;
    private readonly IpcReaderCore _core;
    private bool _finished;

    public ArrowStreamReader(Stream stream, ArrowReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _core = new IpcReaderCore(options);
        _messages = CreateMessageReader(stream, options?.LeaveOpen ?? false);
    }

    public ArrowStreamReader(ReadOnlyMemory<byte> buffer, ArrowReaderOptions? options = null)
    {
        _core = new IpcReaderCore(options);
        _messages = new MemoryMessageReader(buffer);
    }

    /// <summary>The schema of the columns read (all, or those selected by the options).</summary>
    public Schema Schema => _core.Schema ?? ReadSchema();

    public async ValueTask<Schema> GetSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_core.Schema is { } schema)
        {
            return schema;
        }
        var message = await _messages.ReadMessageAsync(cancellationToken).ConfigureAwait(false) ?? throw EmptyStream();
        _core.ReadSchema(message);
        return _core.Schema!;
    }

    /// <summary>The next record batch, or null after the last one.</summary>
    public RecordBatch? ReadNextRecordBatch()
    {
        _ = Schema;
        while (!_finished)
        {
            var message = _messages.ReadMessage();
            if (message is null)
            {
                _finished = true;
                break;
            }
            if (_core.Process(message) is { } batch)
            {
                return batch;
            }
        }
        return null;
    }

    public async ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default)
    {
        await GetSchemaAsync(cancellationToken).ConfigureAwait(false);
        while (!_finished)
        {
            var message = await _messages.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                _finished = true;
                break;
            }
            if (_core.Process(message) is { } batch)
            {
                return batch;
            }
        }
        return null;
    }

    public void Dispose() => _messages.Dispose();

    internal static MessageReader CreateMessageReader(Stream stream, bool leaveOpen)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
        {
            // Zero-copy: the arrays will point into the MemoryStream's buffer.
            return new MemoryMessageReader(segment.AsMemory((int)memory.Position), leaveOpen ? null : stream);
        }
        return new StreamMessageReader(stream, leaveOpen);
    }

    private Schema ReadSchema()
    {
        var message = _messages.ReadMessage() ?? throw EmptyStream();
        _core.ReadSchema(message);
        return _core.Schema!;
    }

    private static InvalidDataException EmptyStream() => new("The Arrow stream is empty: it has no Schema message.");
}
