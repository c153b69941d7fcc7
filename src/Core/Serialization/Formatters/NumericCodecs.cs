namespace Rdd.Core.Serialization;

// The codecs of bool, char and the numeric primitives. Integers are written in their smallest
// encoding and read from any integer encoding that fits; char is its UTF-16 code unit as an integer.

internal readonly struct BooleanCodec : IScalarCodec<bool>
{
    public static void Write(MessagePackWriter writer, bool value) => writer.WriteBoolean(value);

    public static bool Read(ref MessagePackReader reader) => reader.ReadBoolean();
}

internal readonly struct SByteCodec : IScalarCodec<sbyte>
{
    public static void Write(MessagePackWriter writer, sbyte value) => writer.WriteInt64(value);

    public static sbyte Read(ref MessagePackReader reader) =>
        (sbyte)reader.ReadInt64InRange(sbyte.MinValue, sbyte.MaxValue, nameof(SByte));
}

internal readonly struct ByteCodec : IScalarCodec<byte>
{
    public static void Write(MessagePackWriter writer, byte value) => writer.WriteUInt64(value);

    public static byte Read(ref MessagePackReader reader) =>
        (byte)reader.ReadInt64InRange(byte.MinValue, byte.MaxValue, nameof(Byte));
}

internal readonly struct Int16Codec : IScalarCodec<short>
{
    public static void Write(MessagePackWriter writer, short value) => writer.WriteInt64(value);

    public static short Read(ref MessagePackReader reader) =>
        (short)reader.ReadInt64InRange(short.MinValue, short.MaxValue, nameof(Int16));
}

internal readonly struct UInt16Codec : IScalarCodec<ushort>
{
    public static void Write(MessagePackWriter writer, ushort value) => writer.WriteUInt64(value);

    public static ushort Read(ref MessagePackReader reader) =>
        (ushort)reader.ReadInt64InRange(ushort.MinValue, ushort.MaxValue, nameof(UInt16));
}

internal readonly struct Int32Codec : IScalarCodec<int>
{
    public static void Write(MessagePackWriter writer, int value) => writer.WriteInt64(value);

    public static int Read(ref MessagePackReader reader) => reader.ReadInt32();
}

internal readonly struct UInt32Codec : IScalarCodec<uint>
{
    public static void Write(MessagePackWriter writer, uint value) => writer.WriteUInt64(value);

    public static uint Read(ref MessagePackReader reader) => reader.ReadUInt32();
}

internal readonly struct Int64Codec : IScalarCodec<long>
{
    public static void Write(MessagePackWriter writer, long value) => writer.WriteInt64(value);

    public static long Read(ref MessagePackReader reader) => reader.ReadInt64();
}

internal readonly struct UInt64Codec : IScalarCodec<ulong>
{
    public static void Write(MessagePackWriter writer, ulong value) => writer.WriteUInt64(value);

    public static ulong Read(ref MessagePackReader reader) => reader.ReadUInt64();
}

internal readonly struct SingleCodec : IScalarCodec<float>
{
    public static void Write(MessagePackWriter writer, float value) => writer.WriteSingle(value);

    public static float Read(ref MessagePackReader reader) => reader.ReadSingle();
}

internal readonly struct DoubleCodec : IScalarCodec<double>
{
    public static void Write(MessagePackWriter writer, double value) => writer.WriteDouble(value);

    public static double Read(ref MessagePackReader reader) => reader.ReadDouble();
}

internal readonly struct CharCodec : IScalarCodec<char>
{
    public static void Write(MessagePackWriter writer, char value) => writer.WriteUInt64(value);

    public static char Read(ref MessagePackReader reader) =>
        (char)reader.ReadInt64InRange(char.MinValue, char.MaxValue, nameof(Char));
}
