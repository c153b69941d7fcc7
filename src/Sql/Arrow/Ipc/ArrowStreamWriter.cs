namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Writes Arrow's IPC stream format: the schema (before the first batch), then per batch the dictionary
/// batches it needs and the record batch, and <see cref="WriteEnd"/>'s end-of-stream marker.
/// </summary>
/// <remarks>
/// Disposing does not write the end marker: a stream cut short by an exception must not look complete.
/// </remarks>
internal sealed class ArrowStreamWriter : IDisposable, IAsyncDisposable
{
    private readonly IpcWriterCore _core;
    private bool _ended;

    public ArrowStreamWriter(Stream stream, Schema schema, ArrowWriterOptions? options = null) =>
        _core = new IpcWriterCore(stream, schema, options, isFileFormat: false);

    public Schema Schema => _core.Schema;

    public void WriteRecordBatch(RecordBatch batch)
    {
        CheckNotEnded();
        if (!_core.SchemaWritten)
        {
            _core.WriteSchema();
        }
        _core.WriteBatch(batch);
    }

    public async ValueTask WriteRecordBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        CheckNotEnded();
        if (!_core.SchemaWritten)
        {
            await _core.WriteSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        await _core.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the schema if no batch did, then the end-of-stream marker.</summary>
    public void WriteEnd()
    {
        CheckNotEnded();
        if (!_core.SchemaWritten)
        {
            _core.WriteSchema();
        }
        _core.Messages.WriteEndOfStream();
        _ended = true;
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken = default)
    {
        CheckNotEnded();
        if (!_core.SchemaWritten)
        {
            await _core.WriteSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
        await _core.Messages.WriteEndOfStreamAsync(cancellationToken).ConfigureAwait(false);
        _ended = true;
    }

    public void Dispose() => _core.DisposeStream();

    public ValueTask DisposeAsync() => _core.DisposeStreamAsync();

    private void CheckNotEnded()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The Arrow stream has already ended.");
        }
    }
}
