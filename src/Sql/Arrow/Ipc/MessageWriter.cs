using System.Buffers.Binary;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Frames messages onto a stream: continuation marker (unless legacy), int32 metadata length, the
/// flatbuffer padded so the body starts 8-byte aligned, then the body's buffers each padded to 8 bytes.
/// Tracks its own position, so file blocks are right even when the stream did not start at 0.
/// </summary>
internal sealed class MessageWriter
{
    private readonly Stream _stream;
    private readonly bool _legacyFormat;

    public MessageWriter(Stream stream, bool legacyFormat)
    {
        _stream = stream;
        _legacyFormat = legacyFormat;
    }

    /// <summary>Bytes written so far.</summary>
    public long Position { get; private set; }

    public FileBlock Write(ReadOnlySpan<byte> metadata, EncodedBody? body)
    {
        long start = Position;
        Span<byte> prefix = stackalloc byte[2 * sizeof(int)];
        int prefixLength = FillPrefix(prefix, metadata.Length, out int paddedLength);
        WriteRaw(prefix[..prefixLength]);
        WriteRaw(metadata);
        WriteRaw(IpcFormat.Zeros[..(paddedLength - metadata.Length)]);
        if (body is not null)
        {
            for (int i = 0; i < body.Segments.Count; i++)
            {
                var segment = body.Segments[i].Span;
                WriteRaw(segment);
                WriteRaw(IpcFormat.Zeros[..IpcFormat.PaddingFor(segment.Length)]);
            }
        }
        return new FileBlock(start, prefixLength + paddedLength, body?.Length ?? 0);
    }

    public async ValueTask<FileBlock> WriteAsync(ReadOnlyMemory<byte> metadata, EncodedBody? body, CancellationToken cancellationToken)
    {
        long start = Position;
        var prefix = new byte[2 * sizeof(int)];
        int prefixLength = FillPrefix(prefix, metadata.Length, out int paddedLength);
        await WriteRawAsync(prefix.AsMemory(0, prefixLength), cancellationToken).ConfigureAwait(false);
        await WriteRawAsync(metadata, cancellationToken).ConfigureAwait(false);
        await WriteZerosAsync(paddedLength - metadata.Length, cancellationToken).ConfigureAwait(false);
        if (body is not null)
        {
            for (int i = 0; i < body.Segments.Count; i++)
            {
                var segment = body.Segments[i];
                await WriteRawAsync(segment, cancellationToken).ConfigureAwait(false);
                await WriteZerosAsync(IpcFormat.PaddingFor(segment.Length), cancellationToken).ConfigureAwait(false);
            }
        }
        return new FileBlock(start, prefixLength + paddedLength, body?.Length ?? 0);
    }

    /// <summary>The end-of-stream marker: a zero metadata length (after a continuation marker unless legacy).</summary>
    public void WriteEndOfStream()
    {
        Span<byte> marker = stackalloc byte[2 * sizeof(int)];
        WriteRaw(marker[..FillEndOfStream(marker)]);
    }

    public ValueTask WriteEndOfStreamAsync(CancellationToken cancellationToken)
    {
        var marker = new byte[2 * sizeof(int)];
        return WriteRawAsync(marker.AsMemory(0, FillEndOfStream(marker)), cancellationToken);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        Position += bytes.Length;
    }

    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Position += bytes.Length;
    }

    private ValueTask WriteZerosAsync(int count, CancellationToken cancellationToken) =>
        count == 0 ? ValueTask.CompletedTask : WriteRawAsync(new byte[count], cancellationToken);

    /// <summary>Fills the prefix; returns its length and the metadata length padded so the body is aligned.</summary>
    private int FillPrefix(Span<byte> prefix, int metadataLength, out int paddedLength)
    {
        int prefixLength = _legacyFormat ? sizeof(int) : 2 * sizeof(int);
        paddedLength = metadataLength + IpcFormat.PaddingFor(prefixLength + metadataLength);
        if (_legacyFormat)
        {
            BinaryPrimitives.WriteInt32LittleEndian(prefix, paddedLength);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(prefix, IpcFormat.ContinuationMarker);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[sizeof(int)..], paddedLength);
        }
        return prefixLength;
    }

    private int FillEndOfStream(Span<byte> marker)
    {
        if (_legacyFormat)
        {
            BinaryPrimitives.WriteInt32LittleEndian(marker, 0);
            return sizeof(int);
        }
        BinaryPrimitives.WriteInt32LittleEndian(marker, IpcFormat.ContinuationMarker);
        BinaryPrimitives.WriteInt32LittleEndian(marker[sizeof(int)..], 0);
        return 2 * sizeof(int);
    }
}
