using System.Buffers;

namespace Rdd.Sql.IO;

/// <summary>
/// The byte buffer text writers encode into: values are formatted straight into <see cref="GetSpan"/> and
/// committed with <see cref="Advance"/>; full buffers go to the stream. Implements
/// <see cref="IBufferWriter{T}"/> so <c>Utf8JsonWriter</c> can write into it as well.
/// </summary>
internal sealed class OutputBuffer : IBufferWriter<byte>, IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _output;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(2 * FlushThreshold);
    private int _length;

    public OutputBuffer(Stream output) => _output = output;

    /// <summary>Space for at least <paramref name="sizeHint"/> bytes; earlier bytes may be flushed first.</summary>
    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _length += bytes.Length;
    }

    public void Write(byte value)
    {
        GetSpan(1)[0] = value;
        _length++;
    }

    /// <summary>Writes the buffered bytes to the stream when there are enough of them to be worth a write.</summary>
    public void FlushIfFull()
    {
        if (_length >= FlushThreshold)
        {
            Flush();
        }
    }

    /// <summary>Writes every buffered byte to the stream (without flushing the stream itself).</summary>
    public void Flush()
    {
        if (_length > 0)
        {
            _output.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private int Reserve(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _length < sizeHint)
        {
            Flush();
            if (_buffer.Length < sizeHint)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
            }
        }
        return _length;
    }
}
