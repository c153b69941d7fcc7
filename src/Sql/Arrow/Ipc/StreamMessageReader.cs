using System.Buffers;
using Rdd.Sql.Arrow.Memory;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Messages read from a <see cref="Stream"/>. Metadata goes into one reused scratch buffer (it is decoded
/// before the next message is read); each body gets its own aligned block, which the arrays decoded from it
/// keep alive.
/// </summary>
internal sealed class StreamMessageReader : MessageReader
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _origin;
    private byte[] _metadata = [];

    public StreamMessageReader(Stream stream, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _origin = stream.CanSeek ? stream.Position : 0;
    }

    public override IpcMessage? ReadMessage()
    {
        Span<byte> prefix = stackalloc byte[sizeof(int)];
        int read = _stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return null;
        }
        RequireComplete(read, prefix.Length);
        int length = InterpretPrefix(prefix);
        if (length == -1)
        {
            read = _stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                return null;
            }
            RequireComplete(read, prefix.Length);
            length = CheckLength(prefix);
        }
        if (length == 0)
        {
            return null;
        }
        var metadata = RentMetadata(length);
        ReadExactly(metadata.Span);
        var message = IpcMessage.Parse(metadata);
        var body = AlignedMemoryPool.Allocate(CheckBodyLength(message.BodyLength));
        ReadExactly(body.Span);
        message.Body = body.Memory;
        return message;
    }

    public override async ValueTask<IpcMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var prefix = new byte[sizeof(int)];
        int read = await _stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }
        RequireComplete(read, prefix.Length);
        int length = InterpretPrefix(prefix);
        if (length == -1)
        {
            read = await _stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }
            RequireComplete(read, prefix.Length);
            length = CheckLength(prefix);
        }
        if (length == 0)
        {
            return null;
        }
        var metadata = RentMetadata(length);
        await ReadExactlyAsync(metadata, cancellationToken).ConfigureAwait(false);
        var message = IpcMessage.Parse(metadata);
        var body = AlignedMemoryPool.Allocate(CheckBodyLength(message.BodyLength));
        await ReadExactlyAsync(body.Memory, cancellationToken).ConfigureAwait(false);
        message.Body = body.Memory;
        return message;
    }

    public override void Seek(long position)
    {
        if (!_stream.CanSeek)
        {
            throw new NotSupportedException("The Arrow file format needs a seekable stream.");
        }
        _stream.Position = _origin + position;
    }

    public override void Dispose()
    {
        ReturnMetadata();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private Memory<byte> RentMetadata(int length)
    {
        if (_metadata.Length < length)
        {
            ReturnMetadata();
            _metadata = ArrayPool<byte>.Shared.Rent(length);
        }
        return _metadata.AsMemory(0, length);
    }

    private void ReturnMetadata()
    {
        if (_metadata.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_metadata);
        }
        _metadata = [];
    }

    private void ReadExactly(Span<byte> destination)
    {
        try
        {
            _stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw TruncatedError(e);
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw TruncatedError(e);
        }
    }

    private static void RequireComplete(int read, int needed)
    {
        if (read < needed)
        {
            throw TruncatedError(null);
        }
    }

    private static EndOfStreamException TruncatedError(Exception? inner) =>
        new("The Arrow stream ends inside a message; it is truncated.", inner);
}
