using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rdd.Core.Serialization;

/// <summary>
/// Encodes MessagePack values into a growable buffer rented from <see cref="ArrayPool{T}"/>; the caller
/// copies the bytes out (<see cref="ToArray"/>, <see cref="FlushTo"/>) and disposes the writer to return
/// the buffer. Integers take the smallest encoding, doubles float64, as the spec recommends.
/// </summary>
internal sealed class MessagePackWriter : IBufferWriter<byte>, IDisposable
{
    private const int MaxHeaderSize = 9;

    private byte[] _buffer;
    private int _length;

    public MessagePackWriter(int initialCapacity = 256)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Clear() => _length = 0;

    /// <summary>Writes the encoded bytes to <paramref name="stream"/> and empties the buffer.</summary>
    public void FlushTo(Stream stream)
    {
        if (_length > 0)
        {
            stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    public void WriteNil() => WriteByte(MessagePackCode.Nil);

    public void WriteBoolean(bool value) => WriteByte(value ? MessagePackCode.True : MessagePackCode.False);

    public void WriteInt32(int value) => WriteInt64(value);

    public void WriteUInt32(uint value) => WriteUInt64(value);

    public void WriteInt64(long value)
    {
        if ((ulong)value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
            return;
        }
        Ensure(MaxHeaderSize);
        _length += EncodeInt64(_buffer.AsSpan(_length), value);
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            WriteByte((byte)value);
            return;
        }
        Ensure(MaxHeaderSize);
        _length += EncodeUInt64(_buffer.AsSpan(_length), value);
    }

    public void WriteSingle(float value)
    {
        var span = Reserve(5);
        span[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    public void WriteDouble(double value)
    {
        var span = Reserve(9);
        span[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>An array of numbers with one capacity check per chunk instead of one per element.</summary>
    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        WriteArrayHeader(values.Length);
        const int Chunk = 4096;
        for (var start = 0; start < values.Length; start += Chunk)
        {
            var chunk = values.Slice(start, Math.Min(Chunk, values.Length - start));
            var span = Reserve(chunk.Length * 9);
            for (var i = 0; i < chunk.Length; i++)
            {
                var slot = span.Slice(i * 9, 9);
                slot[0] = MessagePackCode.Float64;
                BinaryPrimitives.WriteDoubleBigEndian(slot[1..], chunk[i]);
            }
        }
    }

    /// <inheritdoc cref="WriteDoubles"/>
    public void WriteInt64s(ReadOnlySpan<long> values)
    {
        WriteArrayHeader(values.Length);
        const int Chunk = 4096;
        for (var start = 0; start < values.Length; start += Chunk)
        {
            var chunk = values.Slice(start, Math.Min(Chunk, values.Length - start));
            Ensure(chunk.Length * MaxHeaderSize);
            var span = _buffer.AsSpan();
            var position = _length;
            foreach (var value in chunk)
            {
                position += EncodeInt64(span[position..], value);
            }
            _length = position;
        }
    }

    /// <inheritdoc cref="WriteDoubles"/>
    public void WriteInt32s(ReadOnlySpan<int> values)
    {
        WriteArrayHeader(values.Length);
        const int Chunk = 4096;
        for (var start = 0; start < values.Length; start += Chunk)
        {
            var chunk = values.Slice(start, Math.Min(Chunk, values.Length - start));
            Ensure(chunk.Length * 5);
            var span = _buffer.AsSpan();
            var position = _length;
            foreach (var value in chunk)
            {
                position += EncodeInt64(span[position..], value);
            }
            _length = position;
        }
    }

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }
        WriteString(value.AsSpan());
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        // Short strings: encode straight after a fixstr header sized for the worst case (3 bytes per
        // UTF-16 unit), then patch the header; longer ones count their UTF-8 bytes first.
        if (value.Length <= MessagePackCode.MaxFixStrLength / 3)
        {
            Ensure(1 + value.Length * 3);
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 1));
            _buffer[_length] = (byte)(MessagePackCode.MinFixStr | written);
            _length += 1 + written;
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteStringHeader(byteCount);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>A str value from bytes that are already UTF-8.</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        utf8.CopyTo(Reserve(utf8.Length));
    }

    public void WriteStringHeader(int byteCount)
    {
        if (byteCount <= MessagePackCode.MaxFixStrLength)
        {
            WriteByte((byte)(MessagePackCode.MinFixStr | byteCount));
        }
        else if (byteCount <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Str8;
            span[1] = (byte)byteCount;
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Str16, MessagePackCode.Str32, byteCount);
        }
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteBinaryHeader(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteBinaryHeader(int byteCount)
    {
        if (byteCount <= byte.MaxValue)
        {
            var span = Reserve(2);
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)byteCount;
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Bin16, MessagePackCode.Bin32, byteCount);
        }
    }

    public void WriteArrayHeader(int count)
    {
        if ((uint)count <= MessagePackCode.MaxFixCollectionCount)
        {
            WriteByte((byte)(MessagePackCode.MinFixArray | count));
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Array16, MessagePackCode.Array32, count);
        }
    }

    public void WriteMapHeader(int count)
    {
        if ((uint)count <= MessagePackCode.MaxFixCollectionCount)
        {
            WriteByte((byte)(MessagePackCode.MinFixMap | count));
        }
        else
        {
            WriteLengthHeader(MessagePackCode.Map16, MessagePackCode.Map32, count);
        }
    }

    public void WriteExtensionHeader(sbyte type, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Span<byte> span;
        switch (length)
        {
            case 1: WriteByte(MessagePackCode.FixExt1); break;
            case 2: WriteByte(MessagePackCode.FixExt2); break;
            case 4: WriteByte(MessagePackCode.FixExt4); break;
            case 8: WriteByte(MessagePackCode.FixExt8); break;
            case 16: WriteByte(MessagePackCode.FixExt16); break;
            case <= byte.MaxValue:
                span = Reserve(2);
                span[0] = MessagePackCode.Ext8;
                span[1] = (byte)length;
                break;
            case <= ushort.MaxValue:
                span = Reserve(3);
                span[0] = MessagePackCode.Ext16;
                BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
                break;
            default:
                span = Reserve(5);
                span[0] = MessagePackCode.Ext32;
                BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
                break;
        }
        WriteByte(unchecked((byte)type));
    }

    /// <summary>The spec's timestamp extension (type -1) in its shortest form: 32, 64 or 96 bits.</summary>
    public void WriteTimestamp(long seconds, uint nanoseconds)
    {
        if (nanoseconds > 999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "Nanoseconds must be below one second.");
        }
        if ((ulong)seconds >> 34 == 0)
        {
            var data64 = ((ulong)nanoseconds << 34) | (ulong)seconds;
            if ((data64 & 0xffffffff00000000UL) == 0)
            {
                var span32 = Reserve(6);
                span32[0] = MessagePackCode.FixExt4;
                span32[1] = unchecked((byte)MessagePackCode.TimestampExtensionType);
                BinaryPrimitives.WriteUInt32BigEndian(span32[2..], (uint)data64);
                return;
            }
            var span64 = Reserve(10);
            span64[0] = MessagePackCode.FixExt8;
            span64[1] = unchecked((byte)MessagePackCode.TimestampExtensionType);
            BinaryPrimitives.WriteUInt64BigEndian(span64[2..], data64);
            return;
        }
        var span96 = Reserve(15);
        span96[0] = MessagePackCode.Ext8;
        span96[1] = 12;
        span96[2] = unchecked((byte)MessagePackCode.TimestampExtensionType);
        BinaryPrimitives.WriteUInt32BigEndian(span96[3..], nanoseconds);
        BinaryPrimitives.WriteInt64BigEndian(span96[7..], seconds);
    }

    /// <summary>Bytes that are already a MessagePack encoding.</summary>
    public void WriteRaw(ReadOnlySpan<byte> encoded) => encoded.CopyTo(Reserve(encoded.Length));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteByte(byte value)
    {
        if (_length >= _buffer.Length)
        {
            Grow(1);
        }
        _buffer[_length++] = value;
    }

    private void WriteLengthHeader(byte code16, byte code32, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= ushort.MaxValue)
        {
            var span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            var span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)count);
        }
    }

    /// <summary>Encodes any integer in at most 9 bytes; <paramref name="destination"/> must hold 9.</summary>
    private static int EncodeInt64(Span<byte> destination, long value)
    {
        if (value >= 0)
        {
            return EncodeUInt64(destination, (ulong)value);
        }
        if (value >= -32)
        {
            destination[0] = unchecked((byte)value);
            return 1;
        }
        if (value >= sbyte.MinValue)
        {
            destination[0] = MessagePackCode.Int8;
            destination[1] = unchecked((byte)value);
            return 2;
        }
        if (value >= short.MinValue)
        {
            destination[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(destination[1..], (short)value);
            return 3;
        }
        if (value >= int.MinValue)
        {
            destination[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(destination[1..], (int)value);
            return 5;
        }
        destination[0] = MessagePackCode.Int64;
        BinaryPrimitives.WriteInt64BigEndian(destination[1..], value);
        return 9;
    }

    private static int EncodeUInt64(Span<byte> destination, ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            destination[0] = (byte)value;
            return 1;
        }
        if (value <= byte.MaxValue)
        {
            destination[0] = MessagePackCode.UInt8;
            destination[1] = (byte)value;
            return 2;
        }
        if (value <= ushort.MaxValue)
        {
            destination[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value);
            return 3;
        }
        if (value <= uint.MaxValue)
        {
            destination[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)value);
            return 5;
        }
        destination[0] = MessagePackCode.UInt64;
        BinaryPrimitives.WriteUInt64BigEndian(destination[1..], value);
        return 9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        Ensure(size);
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int size)
    {
        if (_buffer.Length - _length < size)
        {
            Grow(size);
        }
    }

    private void Grow(int size)
    {
        var required = (long)_length + size;
        if (required > Array.MaxLength)
        {
            throw new InvalidOperationException($"A MessagePack value cannot exceed {Array.MaxLength} bytes.");
        }
        var capacity = (int)Math.Min(Math.Max(required, (long)_buffer.Length * 2), Array.MaxLength);
        var larger = ArrayPool<byte>.Shared.Rent(capacity);
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = larger;
    }
}
