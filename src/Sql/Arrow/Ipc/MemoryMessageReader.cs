namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Messages sliced out of bytes already in memory: metadata and bodies are views, so every array read from
/// them points into the caller's buffer, which must therefore stay unchanged while the arrays are used.
/// </summary>
internal sealed class MemoryMessageReader : MessageReader
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly IDisposable? _owner;
    private int _position;

    /// <param name="buffer">The bytes to read.</param>
    /// <param name="owner">Disposed with the reader: the stream the bytes belong to, when the reader owns it.</param>
    public MemoryMessageReader(ReadOnlyMemory<byte> buffer, IDisposable? owner = null)
    {
        _buffer = buffer;
        _owner = owner;
    }

    public ReadOnlyMemory<byte> Buffer => _buffer;

    public override IpcMessage? ReadMessage()
    {
        var span = _buffer.Span;
        if (_position == span.Length)
        {
            return null;
        }
        int length = InterpretPrefix(Take(sizeof(int)).Span);
        if (length == -1)
        {
            if (_position == span.Length)
            {
                return null;
            }
            length = CheckLength(Take(sizeof(int)).Span);
        }
        if (length == 0)
        {
            return null;
        }
        var message = IpcMessage.Parse(Take(length));
        message.Body = Take(CheckBodyLength(message.BodyLength));
        return message;
    }

    public override ValueTask<IpcMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadMessage());
    }

    public override void Seek(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _buffer.Length);
        _position = (int)position;
    }

    public override void Dispose() => _owner?.Dispose();

    private ReadOnlyMemory<byte> Take(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new EndOfStreamException($"The Arrow data ends inside a message: {count} bytes needed at {_position}, {_buffer.Length - _position} left.");
        }
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }
}
