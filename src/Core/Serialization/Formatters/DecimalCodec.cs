using System.Globalization;

namespace Rdd.Core.Serialization;

/// <summary>
/// A decimal as its invariant-culture string ("1.50"): exact, scale included, and readable by other
/// languages, which have no 128-bit decimal. Integers and floats are accepted on read.
/// </summary>
internal readonly struct DecimalCodec : IScalarCodec<decimal>
{
    public static void Write(MessagePackWriter writer, decimal value)
    {
        // 29 digits, sign, point and up to 28 leading zeros after it fit in 64 bytes.
        Span<byte> utf8 = stackalloc byte[64];
        value.TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture);
        writer.WriteStringUtf8(utf8[..written]);
    }

    public static decimal Read(ref MessagePackReader reader)
    {
        var start = reader.Offset;
        switch (reader.PeekType())
        {
            case MessagePackType.String:
                var text = reader.ReadStringBytes();
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    MessagePackErrors.ThrowInvalid(start, "the string is not a decimal number.");
                }
                return value;
            case MessagePackType.Float:
                return (decimal)reader.ReadDouble();
            default:
                var (signed, unsigned, isUnsigned) = reader.ReadInt64OrUInt64();
                return isUnsigned ? unsigned : signed;
        }
    }
}
