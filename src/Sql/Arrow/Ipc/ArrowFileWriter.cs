using System.Buffers.Binary;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Writes Arrow's IPC file format: <c>ARROW1</c> and padding, the stream format (schema, dictionary and
/// record batches, end marker), then at <see cref="WriteEnd"/> the footer with every block, its length and
/// <c>ARROW1</c>. Dictionaries may grow between batches (written as deltas) but not change.
/// </summary>
/// <remarks>Disposing without <see cref="WriteEnd"/> leaves a file without footer, which readers reject.</remarks>
internal sealed class ArrowFileWriter : IDisposable, IAsyncDisposable
{
    private readonly IpcWriterCore _core;
    private bool _started;
    private bool _ended;

    public ArrowFileWriter(Stream stream, Schema schema, ArrowWriterOptions? options = null) =>
        _core = new IpcWriterCore(stream, schema, options, isFileFormat: true);

    public Schema Schema => _core.Schema;

    public void WriteRecordBatch(RecordBatch batch)
    {
        Start();
        _core.WriteBatch(batch);
    }

    public async ValueTask WriteRecordBatchAsync(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _core.WriteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    public void WriteEnd()
    {
        Start();
        _core.Messages.WriteEndOfStream();
        var footer = _core.EncodeFooter();
        _core.Messages.WriteRaw(footer);
        _core.Messages.WriteRaw(Trailer(footer.Length));
        _ended = true;
    }

    public async ValueTask WriteEndAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        await _core.Messages.WriteEndOfStreamAsync(cancellationToken).ConfigureAwait(false);
        var footer = _core.EncodeFooter();
        await _core.Messages.WriteRawAsync(footer, cancellationToken).ConfigureAwait(false);
        await _core.Messages.WriteRawAsync(Trailer(footer.Length), cancellationToken).ConfigureAwait(false);
        _ended = true;
    }

    public void Dispose() => _core.DisposeStream();

    public ValueTask DisposeAsync() => _core.DisposeStreamAsync();

    private void Start()
    {
        if (BeginStart())
        {
            _core.Messages.WriteRaw(PaddedMagic());
            _core.WriteSchema();
        }
    }

    private async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (BeginStart())
        {
            await _core.Messages.WriteRawAsync(PaddedMagic(), cancellationToken).ConfigureAwait(false);
            await _core.WriteSchemaAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool BeginStart()
    {
        if (_ended)
        {
            throw new InvalidOperationException("The Arrow file has already ended.");
        }
        if (_started)
        {
            return false;
        }
        _started = true;
        return true;
    }

    private static byte[] PaddedMagic()
    {
        var magic = new byte[IpcFormat.PaddedFileMagicLength];
        IpcFormat.FileMagic.CopyTo(magic);
        return magic;
    }

    private static byte[] Trailer(int footerLength)
    {
        var trailer = new byte[IpcFormat.FileTrailerLength];
        BinaryPrimitives.WriteInt32LittleEndian(trailer, footerLength);
        IpcFormat.FileMagic.CopyTo(trailer.AsSpan(sizeof(int)));
        return trailer;
    }
}
