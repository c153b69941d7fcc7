using System.Buffers;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

/// <summary>
/// Decodes a stream of concatenated MessagePack values in batches, through a pooled buffer that grows to hold
/// the largest value. Values are decoded straight from the buffered bytes with one MessagePack-CSharp reader per
/// batch; a value that runs past the buffered bytes (MessagePack-CSharp's reader then throws
/// <see cref="EndOfStreamException"/>) is decoded again once more bytes are read, which is rare since the buffer
/// is topped up whenever fewer than 8 KiB are left. Errors are <see cref="InvalidDataException"/>s naming the
/// byte offset, counted from where the stream was when the reader was made.
/// </summary>
internal sealed class MessagePackValueReader : IDisposable
{
    /// <summary>Values decoded per batch by the lazy readers.</summary>
    public const int BatchSize = 256;

    private const int InitialBufferSize = 64 * 1024;
    private const int RefillThreshold = 8 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;

    public MessagePackValueReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>Decodes up to <c>batch.Length</c> values into <paramref name="batch"/>; how many, 0 at the end of the stream.</summary>
    public int ReadBatch<T>(IMessagePackFormatter<T> formatter, T[] batch)
    {
        var options = RddResolver.Options;
        while (true)
        {
            if (!_endOfStream && _end - _start < RefillThreshold) Fill();
            if (_start == _end)
            {
                if (_endOfStream) return 0;
                continue;
            }
            int available = _end - _start;
            int count = 0;
            long consumed = 0;
            var reader = new MessagePackReader(new ReadOnlyMemory<byte>(_buffer, _start, available));
            try
            {
                // Past the first value, stop while a whole refill threshold is left, so values rarely straddle the end.
                while (count < batch.Length && consumed < available && (count == 0 || _endOfStream || available - consumed >= RefillThreshold))
                {
                    batch[count] = formatter.Deserialize(ref reader, options);
                    count++;
                    consumed = reader.Consumed;
                }
            }
            catch (EndOfStreamException) when (!_endOfStream)
            {
                // The value at `consumed` runs past the buffered bytes: return what was decoded, or read more and retry.
                _start += (int)consumed;
                if (count > 0) return count;
                Fill();
                continue;
            }
            catch (EndOfStreamException e)
            {
                long offset = _bufferOffset + _start + consumed;
                throw new InvalidDataException(
                    $"Truncated MessagePack stream: the value starting at byte offset {offset} is incomplete (the stream ends at byte offset {_bufferOffset + _end}).", e);
            }
            catch (Exception e) when (IsDataError(e))
            {
                throw Invalid<T>(_bufferOffset + _start + consumed, e, _bufferOffset + _start + reader.Consumed);
            }
            _start += (int)consumed;
            return count;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Whether an exception thrown while decoding means the data is not a valid value of the type.</summary>
    public static bool IsDataError(Exception e) =>
        e is MessagePackSerializationException or EndOfStreamException or OverflowException or ArgumentException or FormatException or InvalidCastException;

    /// <param name="offset">Where the value that failed starts.</param>
    /// <param name="e">What the decoder threw.</param>
    /// <param name="stoppedAt">How far the decoder had read when it failed (just past the offending byte, usually).</param>
    public static InvalidDataException Invalid<T>(long offset, Exception e, long stoppedAt) =>
        e is EndOfStreamException
            ? new InvalidDataException($"Truncated MessagePack data: the {typeof(T).Name} value starting at byte offset {offset} is incomplete.", e)
            : new InvalidDataException(
                $"Invalid MessagePack data at byte offset {offset}: cannot decode a {typeof(T).Name} (the decoder stopped at byte offset {stoppedAt}): {e.Message}", e);

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // The current value does not fit: double the buffer, so a value of n bytes is decoded O(log n) times.
            if (_buffer.Length >= Array.MaxLength)
                throw new InvalidDataException($"A MessagePack value starting at byte offset {_bufferOffset} is larger than {Array.MaxLength} bytes.");
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _endOfStream = true;
        _end += read;
    }
}

/// <summary>An <see cref="IBufferWriter{T}"/> over a pooled array that grows as needed: what MessagePack-CSharp's writer writes into.</summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written)) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Writes the buffered bytes to <paramref name="stream"/> and empties the buffer.</summary>
    public void WriteTo(Stream stream)
    {
        if (_written == 0) return;
        stream.Write(_buffer, 0, _written);
        _written = 0;
    }

    public void Clear() => _written = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint) return;
        long wanted = Math.Max((long)_buffer.Length * 2, (long)_written + sizeHint);
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
