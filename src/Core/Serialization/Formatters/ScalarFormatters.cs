using System.Buffers;
using System.Globalization;
using System.Numerics;
using MessagePack;
using MessagePack.Formatters;

namespace Rdd.Core.Serialization;

// The scalars whose wire form is the engine's rather than MessagePack-CSharp's built-in one (see RddResolver).

/// <summary>
/// A Guid as 16 bytes of bin in RFC 4122 (big-endian) order, the order other languages use for UUIDs
/// (MessagePack-CSharp writes a 36-character string). The string form is accepted on read.
/// </summary>
internal sealed class GuidFormatter : IMessagePackFormatter<Guid>
{
    public void Serialize(ref MessagePackWriter writer, Guid value, MessagePackSerializerOptions options)
    {
        // bin 8 of 16 bytes, formatted in place.
        var span = writer.GetSpan(18);
        span[0] = MessagePackCode.Bin8;
        span[1] = 16;
        value.TryWriteBytes(span.Slice(2, 16), bigEndian: true, out _);
        writer.Advance(18);
    }

    public Guid Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.NextMessagePackType == MessagePackType.String)
        {
            var text = reader.ReadString();
            return Guid.TryParse(text, out var parsed) ? parsed : throw new MessagePackSerializationException($"'{text}' is not a Guid.");
        }
        var bytes = reader.ReadBytes() ?? throw new MessagePackSerializationException("A Guid cannot be nil.");
        if (bytes.Length != 16) throw new MessagePackSerializationException($"A Guid has 16 bytes, not {bytes.Length}.");
        Span<byte> span = stackalloc byte[16];
        bytes.CopyTo(span);
        return new Guid(span, bigEndian: true);
    }
}

/// <summary>
/// A DateTime as the spec's timestamp extension (type -1), which is an instant: a Local value is converted to
/// UTC and an Unspecified one is taken as UTC (MessagePack-CSharp would take it as local time); values read
/// back with Kind = Utc, ticks exact.
/// </summary>
internal sealed class TimestampFormatter : IMessagePackFormatter<DateTime>
{
    public void Serialize(ref MessagePackWriter writer, DateTime value, MessagePackSerializerOptions options) =>
        writer.Write(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public DateTime Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) => reader.ReadDateTime();
}

/// <summary>A DateTimeOffset as the pair [timestamp of the instant, offset in minutes].</summary>
internal sealed class DateTimeOffsetFormatter : IMessagePackFormatter<DateTimeOffset>
{
    public void Serialize(ref MessagePackWriter writer, DateTimeOffset value, MessagePackSerializerOptions options)
    {
        writer.WriteArrayHeader(2);
        writer.Write(value.UtcDateTime);
        writer.Write((long)value.Offset.TotalMinutes);
    }

    public DateTimeOffset Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.ReadArrayHeader() != 2) throw new MessagePackSerializationException("A DateTimeOffset is an array of [timestamp, offset minutes].");
        var utc = reader.ReadDateTime();
        var offset = TimeSpan.FromMinutes(reader.ReadInt32());
        return new DateTimeOffset(utc).ToOffset(offset);
    }
}

/// <summary>
/// A decimal as its invariant-culture string ("1.50"): exact, scale included, readable by languages without a
/// 128-bit decimal (MessagePack-CSharp writes the same string). Unlike MessagePack-CSharp's, integers and floats
/// are accepted on read.
/// </summary>
internal sealed class DecimalStringFormatter : IMessagePackFormatter<decimal>
{
    public void Serialize(ref MessagePackWriter writer, decimal value, MessagePackSerializerOptions options)
    {
        // Formatted in place after a one-byte fixstr header: a decimal's invariant form has at most 31 characters
        // (29 digits, sign and point); 64 bytes leave room to spare.
        var span = writer.GetSpan(66);
        value.TryFormat(span[1..], out var written, default, CultureInfo.InvariantCulture);
        if (written <= 31)
        {
            span[0] = (byte)(MessagePackCode.MinFixStr | written);
            writer.Advance(written + 1);
            return;
        }
        span.Slice(1, written).CopyTo(span[2..]);
        span[0] = MessagePackCode.Str8;
        span[1] = (byte)written;
        writer.Advance(written + 2);
    }

    public decimal Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                var text = reader.ReadStringSequence() ?? throw new MessagePackSerializationException("A decimal cannot be nil.");
                Span<byte> utf8 = stackalloc byte[64];
                if (text.Length > utf8.Length) throw new MessagePackSerializationException("The string is not a decimal number.");
                text.CopyTo(utf8);
                return decimal.TryParse(utf8[..(int)text.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new MessagePackSerializationException("The string is not a decimal number.");
            case MessagePackType.Float:
                return (decimal)reader.ReadDouble();
            default:
                return reader.NextCode == MessagePackCode.UInt64 ? reader.ReadUInt64() : reader.ReadInt64();
        }
    }
}

/// <summary>
/// Integers as MessagePack-CSharp writes them (the smallest encoding), read from any integer encoding that fits
/// and also from a float holding a whole number: JavaScript encoders write numbers beyond 32 bits as float64
/// (@msgpack/msgpack with useBigInt64), which MessagePack-CSharp's own formatters refuse. Arrays of integers keep
/// MessagePack-CSharp's strict array formatters.
/// </summary>
internal sealed class WholeNumberFormatter<T> : IMessagePackFormatter<T>
    where T : struct, IBinaryInteger<T>
{
    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        // typeof tests on a value-type T are constants in the specialised code.
        if (typeof(T) == typeof(long)) writer.Write(long.CreateTruncating(value));
        else if (typeof(T) == typeof(ulong)) writer.Write(ulong.CreateTruncating(value));
        else if (typeof(T) == typeof(int)) writer.Write(int.CreateTruncating(value));
        else if (typeof(T) == typeof(uint)) writer.Write(uint.CreateTruncating(value));
        else if (typeof(T) == typeof(short)) writer.Write(short.CreateTruncating(value));
        else if (typeof(T) == typeof(ushort)) writer.Write(ushort.CreateTruncating(value));
        else if (typeof(T) == typeof(sbyte)) writer.Write(sbyte.CreateTruncating(value));
        else writer.Write(byte.CreateTruncating(value));
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        byte code = reader.NextCode;
        if (code is MessagePackCode.Float64 or MessagePackCode.Float32)
        {
            double number = reader.ReadDouble();
            if (number != Math.Floor(number))
                throw new MessagePackSerializationException($"Expected an integer but found the float {number.ToString(CultureInfo.InvariantCulture)}.");
            return T.CreateChecked(number);
        }
        if (typeof(T) == typeof(long)) return T.CreateTruncating(reader.ReadInt64());
        if (typeof(T) == typeof(ulong)) return T.CreateTruncating(reader.ReadUInt64());
        if (typeof(T) == typeof(int)) return T.CreateTruncating(reader.ReadInt32());
        if (typeof(T) == typeof(uint)) return T.CreateTruncating(reader.ReadUInt32());
        if (typeof(T) == typeof(short)) return T.CreateTruncating(reader.ReadInt16());
        if (typeof(T) == typeof(ushort)) return T.CreateTruncating(reader.ReadUInt16());
        if (typeof(T) == typeof(sbyte)) return T.CreateTruncating(reader.ReadSByte());
        return T.CreateTruncating(reader.ReadByte());
    }
}
