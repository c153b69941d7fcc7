using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Rdd.Core.Serialization;

/// <summary>
/// Decodes MessagePack values from a span. Reads accept every encoding of a value that other writers
/// produce: any integer width, float32 or float64, integers where a float is expected (JavaScript encodes
/// whole doubles as integers) and integral floats where an integer is expected (JavaScript with bigint
/// support encodes whole numbers beyond 32 bits as float64). Every error is an
/// <see cref="InvalidDataException"/> naming the absolute byte offset: <c>baseOffset</c> is where the
/// span starts in the enclosing stream.
/// </summary>
internal ref struct MessagePackReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;

    public MessagePackReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool End => _position >= _data.Length;

    /// <summary>The absolute offset of the next byte, for error messages.</summary>
    public readonly long Offset => _baseOffset + _position;

    public readonly byte PeekCode()
    {
        if ((uint)_position >= (uint)_data.Length)
        {
            MessagePackErrors.ThrowTruncated(Offset, 1);
        }
        return _data[_position];
    }

    public readonly MessagePackType PeekType() => MessagePackCode.GetType(PeekCode());

    public readonly bool IsNil => _position < _data.Length && _data[_position] == MessagePackCode.Nil;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadNil()
    {
        if (_position < _data.Length && _data[_position] == MessagePackCode.Nil)
        {
            _position++;
            return true;
        }
        return false;
    }

    public void ReadNil()
    {
        var code = PeekCode();
        if (code != MessagePackCode.Nil)
        {
            MessagePackErrors.ThrowUnexpectedType(Offset, "nil", code);
        }
        _position++;
    }

    public bool ReadBoolean()
    {
        var code = PeekCode();
        switch (code)
        {
            case MessagePackCode.True:
                _position++;
                return true;
            case MessagePackCode.False:
                _position++;
                return false;
            default:
                MessagePackErrors.ThrowUnexpectedType(Offset, "a boolean", code);
                return false;
        }
    }

    public int ReadInt32()
    {
        var start = Offset;
        var value = ReadInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            MessagePackErrors.ThrowOverflow(start, "Int32");
        }
        return (int)value;
    }

    public uint ReadUInt32()
    {
        var start = Offset;
        var value = ReadUInt64();
        if (value > uint.MaxValue)
        {
            MessagePackErrors.ThrowOverflow(start, "UInt32");
        }
        return (uint)value;
    }

    /// <summary>Reads an integer into the range [min, max], for the narrow integer types.</summary>
    public long ReadInt64InRange(long min, long max, string targetType)
    {
        var start = Offset;
        var value = ReadInt64();
        if (value < min || value > max)
        {
            MessagePackErrors.ThrowOverflow(start, targetType);
        }
        return value;
    }

    public long ReadInt64()
    {
        if ((uint)_position < (uint)_data.Length)
        {
            var code = _data[_position];
            if (code <= MessagePackCode.MaxPositiveFixInt)
            {
                _position++;
                return code;
            }
            if (code >= MessagePackCode.MinNegativeFixInt)
            {
                _position++;
                return unchecked((sbyte)code);
            }
        }
        return ReadInt64Slow();
    }

    public ulong ReadUInt64()
    {
        if ((uint)_position < (uint)_data.Length)
        {
            var code = _data[_position];
            if (code <= MessagePackCode.MaxPositiveFixInt)
            {
                _position++;
                return code;
            }
            if (code == MessagePackCode.UInt64)
            {
                var start = Offset;
                _position++;
                return BinaryPrimitives.ReadUInt64BigEndian(Take(8, start));
            }
        }
        var offset = Offset;
        var value = ReadInt64Slow();
        if (value < 0)
        {
            MessagePackErrors.ThrowOverflow(offset, "UInt64");
        }
        return (ulong)value;
    }

    public double ReadDouble()
    {
        var code = PeekCode();
        var start = Offset;
        switch (code)
        {
            case MessagePackCode.Float64:
                _position++;
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8, start));
            case MessagePackCode.Float32:
                _position++;
                return BinaryPrimitives.ReadSingleBigEndian(Take(4, start));
            case MessagePackCode.UInt64:
                _position++;
                return BinaryPrimitives.ReadUInt64BigEndian(Take(8, start));
            default:
                if (MessagePackCode.GetType(code) != MessagePackType.Integer)
                {
                    MessagePackErrors.ThrowUnexpectedType(start, "a number", code);
                }
                return ReadInt64();
        }
    }

    public float ReadSingle()
    {
        var code = PeekCode();
        if (code == MessagePackCode.Float32)
        {
            var start = Offset;
            _position++;
            return BinaryPrimitives.ReadSingleBigEndian(Take(4, start));
        }
        return (float)ReadDouble();
    }

    /// <summary>Reads a str value; nil gives null.</summary>
    public string? ReadString()
    {
        if (TryReadNil())
        {
            return null;
        }
        var bytes = ReadStringBytes();
        return bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The UTF-8 bytes of a str value, without copying.</summary>
    public ReadOnlySpan<byte> ReadStringBytes()
    {
        var code = PeekCode();
        var start = Offset;
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            _position++;
            length = code & 0x1f;
        }
        else
        {
            _position++;
            length = code switch
            {
                MessagePackCode.Str8 => Take(1, start)[0],
                MessagePackCode.Str16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
                MessagePackCode.Str32 => ToLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)), start),
                _ => UnexpectedLength(start, "a string", code),
            };
        }
        return Take(length, start);
    }

    /// <summary>The bytes of a bin value, without copying.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var code = PeekCode();
        var start = Offset;
        _position++;
        var length = code switch
        {
            MessagePackCode.Bin8 => Take(1, start)[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
            MessagePackCode.Bin32 => ToLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)), start),
            _ => UnexpectedLength(start, "binary data", code),
        };
        return Take(length, start);
    }

    public int ReadArrayHeader()
    {
        var code = PeekCode();
        var start = Offset;
        _position++;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            return code & 0x0f;
        }
        var count = code switch
        {
            MessagePackCode.Array16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
            MessagePackCode.Array32 => ToLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)), start),
            _ => UnexpectedLength(start, "an array", code),
        };
        // Every element takes at least one byte: a larger count is a truncated or corrupt value, caught
        // here before a caller allocates an array of that size.
        if (count > Remaining)
        {
            MessagePackErrors.ThrowTruncated(Offset, count - Remaining);
        }
        return count;
    }

    public int ReadMapHeader()
    {
        var code = PeekCode();
        var start = Offset;
        _position++;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            return code & 0x0f;
        }
        var count = code switch
        {
            MessagePackCode.Map16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
            MessagePackCode.Map32 => ToLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)), start),
            _ => UnexpectedLength(start, "a map", code),
        };
        if ((long)count * 2 > Remaining)
        {
            MessagePackErrors.ThrowTruncated(Offset, (long)count * 2 - Remaining);
        }
        return count;
    }

    /// <summary>Reads an extension header; the payload follows and is read with <see cref="ReadRaw"/>.</summary>
    public (sbyte Type, int Length) ReadExtensionHeader()
    {
        var code = PeekCode();
        var start = Offset;
        _position++;
        var length = code switch
        {
            MessagePackCode.FixExt1 => 1,
            MessagePackCode.FixExt2 => 2,
            MessagePackCode.FixExt4 => 4,
            MessagePackCode.FixExt8 => 8,
            MessagePackCode.FixExt16 => 16,
            MessagePackCode.Ext8 => Take(1, start)[0],
            MessagePackCode.Ext16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, start)),
            MessagePackCode.Ext32 => ToLength(BinaryPrimitives.ReadUInt32BigEndian(Take(4, start)), start),
            _ => UnexpectedLength(start, "an extension", code),
        };
        var type = unchecked((sbyte)Take(1, start)[0]);
        return (type, length);
    }

    /// <summary>Reads a timestamp (extension type -1) in any of its three sizes.</summary>
    public (long Seconds, uint Nanoseconds) ReadTimestamp()
    {
        var start = Offset;
        var code = PeekCode();
        if (MessagePackCode.GetType(code) != MessagePackType.Extension)
        {
            MessagePackErrors.ThrowUnexpectedType(start, "a timestamp", code);
        }
        var (type, length) = ReadExtensionHeader();
        if (type != MessagePackCode.TimestampExtensionType)
        {
            MessagePackErrors.ThrowInvalid(start, $"expected a timestamp (extension type -1) but found extension type {type}.");
        }
        var payload = Take(length, start);
        long seconds;
        uint nanoseconds;
        switch (length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                nanoseconds = 0;
                break;
            case 8:
                var data64 = BinaryPrimitives.ReadUInt64BigEndian(payload);
                nanoseconds = (uint)(data64 >> 34);
                seconds = (long)(data64 & 0x3_ffff_ffffUL);
                break;
            case 12:
                nanoseconds = BinaryPrimitives.ReadUInt32BigEndian(payload);
                seconds = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
                break;
            default:
                MessagePackErrors.ThrowInvalid(start, $"a timestamp has 4, 8 or 12 bytes, not {length}.");
                return default;
        }
        if (nanoseconds > 999_999_999)
        {
            MessagePackErrors.ThrowInvalid(start, $"timestamp nanoseconds {nanoseconds} exceed one second.");
        }
        return (seconds, nanoseconds);
    }

    /// <summary>The next <paramref name="length"/> bytes, without copying.</summary>
    public ReadOnlySpan<byte> ReadRaw(int length) => Take(length, Offset);

    /// <summary>Skips one complete value, nested ones included, without recursion.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            var code = PeekCode();
            switch (MessagePackCode.GetType(code))
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    _position++;
                    break;
                case MessagePackType.Integer:
                    ReadInt64OrUInt64();
                    break;
                case MessagePackType.Float:
                    ReadDouble();
                    break;
                case MessagePackType.String:
                    ReadStringBytes();
                    break;
                case MessagePackType.Binary:
                    ReadBinary();
                    break;
                case MessagePackType.Array:
                    pending += ReadArrayHeader();
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader();
                    break;
                case MessagePackType.Extension:
                    var (_, length) = ReadExtensionHeader();
                    ReadRaw(length);
                    break;
                default:
                    MessagePackErrors.ThrowInvalidCode(Offset);
                    break;
            }
        }
    }

    /// <summary>Any integer, as a signed value or, above <see cref="long.MaxValue"/>, as an unsigned one.</summary>
    public (long Signed, ulong Unsigned, bool IsUnsigned) ReadInt64OrUInt64()
    {
        if (PeekCode() == MessagePackCode.UInt64)
        {
            var value = ReadUInt64();
            return value > long.MaxValue ? (0, value, true) : ((long)value, 0, false);
        }
        return (ReadInt64(), 0, false);
    }

    private long ReadInt64Slow()
    {
        var code = PeekCode();
        var start = Offset;
        if (code <= MessagePackCode.MaxPositiveFixInt)
        {
            _position++;
            return code;
        }
        if (code >= MessagePackCode.MinNegativeFixInt)
        {
            _position++;
            return unchecked((sbyte)code);
        }
        _position++;
        switch (code)
        {
            case MessagePackCode.UInt8:
                return Take(1, start)[0];
            case MessagePackCode.UInt16:
                return BinaryPrimitives.ReadUInt16BigEndian(Take(2, start));
            case MessagePackCode.UInt32:
                return BinaryPrimitives.ReadUInt32BigEndian(Take(4, start));
            case MessagePackCode.UInt64:
                var unsigned = BinaryPrimitives.ReadUInt64BigEndian(Take(8, start));
                if (unsigned > long.MaxValue)
                {
                    MessagePackErrors.ThrowOverflow(start, "Int64");
                }
                return (long)unsigned;
            case MessagePackCode.Int8:
                return unchecked((sbyte)Take(1, start)[0]);
            case MessagePackCode.Int16:
                return BinaryPrimitives.ReadInt16BigEndian(Take(2, start));
            case MessagePackCode.Int32:
                return BinaryPrimitives.ReadInt32BigEndian(Take(4, start));
            case MessagePackCode.Int64:
                return BinaryPrimitives.ReadInt64BigEndian(Take(8, start));
            case MessagePackCode.Float32:
            case MessagePackCode.Float64:
                _position--;
                var number = ReadDouble();
                if (number != Math.Floor(number) || number < -9223372036854775808.0 || number >= 9223372036854775808.0)
                {
                    MessagePackErrors.ThrowInvalid(start, $"expected an integer but found the float {number}.");
                }
                return (long)number;
            default:
                _position--;
                MessagePackErrors.ThrowUnexpectedType(start, "an integer", code);
                return 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int length, long valueStart)
    {
        if ((uint)length > (uint)(_data.Length - _position))
        {
            ThrowTruncatedValue(length, valueStart);
        }
        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    [DoesNotReturn]
    private readonly void ThrowTruncatedValue(int length, long valueStart) =>
        throw MessagePackErrors.Truncated(
            $"Unexpected end of MessagePack data at byte offset {Offset} in the value starting at byte offset {valueStart}: " +
            $"{length - Remaining} more byte(s) needed.");

    private int UnexpectedLength(long start, string expected, byte code)
    {
        _position--;
        MessagePackErrors.ThrowUnexpectedType(start, expected, code);
        return 0;
    }

    private static int ToLength(uint length, long start)
    {
        if (length > int.MaxValue)
        {
            MessagePackErrors.ThrowInvalid(start, $"length {length} exceeds the largest supported length.");
        }
        return (int)length;
    }
}
