using System.Buffers;
using System.Buffers.Binary;

namespace Rdd.Core.Serialization;

/// <summary>
/// Reads a stream of concatenated MessagePack values through a pooled buffer that grows to hold the
/// largest value. <see cref="TryRead{T}"/> decodes straight from the buffered bytes and, when a value
/// runs past them, reads more and decodes it again: cheaper than measuring every value first, since
/// only a value straddling the buffer's end is decoded twice. <see cref="TryReadNext"/> instead returns
/// each value's raw bytes, measured by a header-only walk.
/// </summary>
internal sealed class MessagePackStreamReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;
    private const int RefillThreshold = 8 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;

    public MessagePackStreamReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The next value decoded by <paramref name="formatter"/>, or false at the end of the stream.</summary>
    public bool TryRead<T>(IMessagePackFormatter<T> formatter, out T value)
    {
        while (true)
        {
            if (_start == _end)
            {
                if (_endOfStream)
                {
                    value = default!;
                    return false;
                }
                Fill();
                continue;
            }
            if (_end - _start < RefillThreshold && !_endOfStream && _start > 0)
            {
                // Top the buffer up before a value can straddle its end: a truncated decode costs an
                // exception, and values are usually far smaller than the threshold.
                Fill();
                continue;
            }
            var offset = _bufferOffset + _start;
            try
            {
                var reader = new MessagePackReader(_buffer.AsSpan(_start, _end - _start), offset);
                value = formatter.Deserialize(ref reader);
                _start += reader.Position;
                return true;
            }
            catch (InvalidDataException e) when (MessagePackErrors.IsTruncated(e) && !_endOfStream)
            {
                Fill();
            }
            catch (InvalidDataException e) when (MessagePackErrors.IsTruncated(e))
            {
                throw new InvalidDataException(
                    $"Truncated MessagePack stream: the value starting at byte offset {offset} is incomplete " +
                    $"(the stream ends at byte offset {_bufferOffset + _end}). {e.Message}", e);
            }
        }
    }

    /// <summary>
    /// The next complete value and its byte offset in the stream, or false at the end of the stream.
    /// The memory is valid until the next call.
    /// </summary>
    public bool TryReadNext(out ReadOnlyMemory<byte> value, out long offset)
    {
        while (true)
        {
            offset = _bufferOffset + _start;
            if (_start < _end)
            {
                var length = Measure(_buffer.AsSpan(_start, _end - _start), offset);
                if (length >= 0)
                {
                    value = _buffer.AsMemory(_start, length);
                    _start += length;
                    return true;
                }
            }
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    value = default;
                    return false;
                }
                throw new InvalidDataException(
                    $"Truncated MessagePack stream: the value starting at byte offset {offset} is incomplete " +
                    $"(the stream ends at byte offset {_bufferOffset + _end}).");
            }
            Fill();
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _start = _end = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The byte length of the first value in <paramref name="data"/>, or -1 when the data ends inside it.
    /// Iterative (a count of pending values) so deeply nested input cannot overflow the stack.
    /// </summary>
    internal static int Measure(ReadOnlySpan<byte> data, long baseOffset)
    {
        long position = 0;
        long pending = 1;
        while (pending > 0)
        {
            if (position >= data.Length)
            {
                return -1;
            }
            var code = data[(int)position];
            pending--;
            long headerSize;
            long payload = 0;
            switch (code)
            {
                case <= MessagePackCode.MaxPositiveFixInt:
                case >= MessagePackCode.MinNegativeFixInt:
                case MessagePackCode.Nil or MessagePackCode.False or MessagePackCode.True:
                    headerSize = 1;
                    break;
                case <= MessagePackCode.MaxFixMap:
                    headerSize = 1;
                    pending += 2 * (code & 0x0f);
                    break;
                case <= MessagePackCode.MaxFixArray:
                    headerSize = 1;
                    pending += code & 0x0f;
                    break;
                case <= MessagePackCode.MaxFixStr:
                    headerSize = 1;
                    payload = code & 0x1f;
                    break;
                case MessagePackCode.NeverUsed:
                    MessagePackErrors.ThrowInvalidCode(baseOffset + position);
                    return -1;
                case MessagePackCode.Bin8 or MessagePackCode.Str8:
                case MessagePackCode.Bin16 or MessagePackCode.Str16:
                case MessagePackCode.Bin32 or MessagePackCode.Str32:
                case MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32:
                case MessagePackCode.Array16 or MessagePackCode.Array32:
                case MessagePackCode.Map16 or MessagePackCode.Map32:
                    var lengthSize = code switch
                    {
                        MessagePackCode.Bin8 or MessagePackCode.Str8 or MessagePackCode.Ext8 => 1,
                        MessagePackCode.Bin16 or MessagePackCode.Str16 or MessagePackCode.Ext16 => 2,
                        MessagePackCode.Array16 or MessagePackCode.Map16 => 2,
                        _ => 4,
                    };
                    if (position + 1 + lengthSize > data.Length)
                    {
                        return -1;
                    }
                    var lengthBytes = data.Slice((int)position + 1, lengthSize);
                    long length = lengthSize switch
                    {
                        1 => lengthBytes[0],
                        2 => BinaryPrimitives.ReadUInt16BigEndian(lengthBytes),
                        _ => BinaryPrimitives.ReadUInt32BigEndian(lengthBytes),
                    };
                    headerSize = 1 + lengthSize;
                    switch (code)
                    {
                        case MessagePackCode.Array16 or MessagePackCode.Array32:
                            pending += length;
                            break;
                        case MessagePackCode.Map16 or MessagePackCode.Map32:
                            pending += 2 * length;
                            break;
                        case MessagePackCode.Ext8 or MessagePackCode.Ext16 or MessagePackCode.Ext32:
                            payload = 1 + length;
                            break;
                        default:
                            payload = length;
                            break;
                    }
                    break;
                default:
                    headerSize = 1;
                    payload = code switch
                    {
                        MessagePackCode.UInt8 or MessagePackCode.Int8 => 1,
                        MessagePackCode.UInt16 or MessagePackCode.Int16 => 2,
                        MessagePackCode.UInt32 or MessagePackCode.Int32 or MessagePackCode.Float32 => 4,
                        MessagePackCode.UInt64 or MessagePackCode.Int64 or MessagePackCode.Float64 => 8,
                        MessagePackCode.FixExt1 => 2,
                        MessagePackCode.FixExt2 => 3,
                        MessagePackCode.FixExt4 => 5,
                        MessagePackCode.FixExt8 => 9,
                        _ => 17, // FixExt16: type byte + 16
                    };
                    break;
            }
            position += headerSize + payload;
        }
        if (position > data.Length)
        {
            return -1;
        }
        return (int)position;
    }

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
            // The current value does not fit: double the buffer, so a value of n bytes is measured or
            // decoded O(log n) times rather than once per read.
            if (_buffer.Length >= Array.MaxLength)
            {
                throw new InvalidDataException(
                    $"A MessagePack value starting at byte offset {_bufferOffset} is larger than {Array.MaxLength} bytes.");
            }
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }
        _end += read;
    }
}
