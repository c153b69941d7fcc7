using System.Buffers.Binary;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rdd.Core.Serialization;

namespace Rdd.Core.Storage;

/// <summary>
/// The serialized form of a block: MEMORY_ONLY_SER blocks in memory, DISK_ONLY and spilled MEMORY_AND_DISK
/// blocks in files. The layout is chosen once per element type, most compact first:
/// <list type="bullet">
/// <item>unmanaged T (double, long, (long, double) ...): the raw bytes of the T[] as one MessagePack extension value;</item>
/// <item>arrays of an unmanaged U (double[] rows ...): a MessagePack array of one extension value of raw bytes per row;</item>
/// <item>anything else: one MessagePack value per element, as <see cref="ObjectSerializer"/> writes object
/// files and checkpoints (with the same limits: public members are what is kept).</item>
/// </list>
/// All three are MessagePack streams, the one format of spills, shuffles, blocks and object files. The raw
/// payloads are the elements' memory: little-endian on every platform .NET runs on, fields at the offsets the
/// runtime lays them out at (a value tuple of 8-byte fields in item order; padding included), so another
/// language reads them knowing the element layout (tests/interop/msgpack-raw-block.mjs reads (long, double)
/// blocks as BigInt64 and Float64 pairs). On a big-endian machine there would be no raw layouts.
/// Types the serializer rejects get no codec, and the store keeps their blocks as objects. (Members typed
/// <c>object</c> round-trip: the serializer tags values whose plain encoding would lose their type.)
/// </summary>
internal abstract class BlockCodec<T>
{
    private static BlockCodec<T>? s_instance = Create();

    /// <summary>The codec for T, or null when T cannot be serialized.</summary>
    public static BlockCodec<T>? Instance => Volatile.Read(ref s_instance);

    /// <summary>Stops serializing T after a block of it failed to decode: later blocks are kept as objects.</summary>
    public static void Disable() => Volatile.Write(ref s_instance, null);

    public abstract void Write(Stream stream, T[] block);

    /// <summary>Reads a block of <paramref name="length"/> bytes; a truncated or corrupt one throws <see cref="InvalidDataException"/>.</summary>
    public abstract T[] Read(Stream stream, long length);

    public virtual byte[] Serialize(T[] block)
    {
        using var buffer = new MemoryStream();
        Write(buffer, block);
        return buffer.ToArray();
    }

    public virtual T[] Deserialize(byte[] bytes)
    {
        using var buffer = new MemoryStream(bytes, writable: false);
        return Read(buffer, bytes.Length);
    }

    private static BlockCodec<T>? Create()
    {
        var type = typeof(T);
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>() && BitConverter.IsLittleEndian)
            return new RawBlockCodec<T>();
        if (type.IsSZArray && type.GetElementType() is { IsValueType: true } element && !ContainsReferences(element) && BitConverter.IsLittleEndian)
            return (BlockCodec<T>)Activator.CreateInstance(typeof(RawArraysBlockCodec<>).MakeGenericType(element))!;
        return ObjectSerializer.IsSupported(type) ? new MessagePackBlockCodec<T>() : null;
    }

    private static bool ContainsReferences(Type valueType) =>
        (bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(valueType).Invoke(null, null)!;
}

/// <summary>
/// Unmanaged elements: the block's memory as it is, framed as one MessagePack extension value (type
/// <see cref="RawFraming.RawBlockType"/>), so a block file is still a MessagePack stream; the element count is
/// the payload's length divided by the element size. Spill runs and shuffle segments of unmanaged records use
/// the same frames, one per 64 KiB of records (<see cref="Collections.SpillRecords"/>).
/// </summary>
internal sealed class RawBlockCodec<T> : BlockCodec<T>
{
    public override void Write(Stream stream, T[] block)
    {
        RawFraming.WriteExtensionHeader(stream, RawFraming.RawBlockType, (long)block.Length * Unsafe.SizeOf<T>());
        RawMemory.Write(stream, block);
    }

    public override T[] Read(Stream stream, long length)
    {
        long bytes = RawFraming.ReadExtensionHeader(stream, RawFraming.RawBlockType, typeof(T).Name);
        int size = Unsafe.SizeOf<T>();
        if (bytes % size != 0 || bytes > length)
            throw new InvalidDataException($"A block of {typeof(T).Name} holds a multiple of {size} bytes within its {length}, not {bytes}.");
        var block = GC.AllocateUninitializedArray<T>(checked((int)(bytes / size)));
        try
        {
            RawMemory.Read(stream, block);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The block of {typeof(T).Name} ends early.", e);
        }
        return block;
    }
}

/// <summary>
/// Rows that are arrays of an unmanaged type: a MessagePack array with one value per row, nil for a null
/// row and otherwise an extension value (type <see cref="RawFraming.RawArrayType"/>) holding the row's raw
/// bytes - a 3-byte header for rows up to 255 bytes, so ten doubles cost 83 bytes instead of 80.
/// </summary>
internal sealed class RawArraysBlockCodec<TElement> : BlockCodec<TElement[]>
{
    public override void Write(Stream stream, TElement[][] block)
    {
        RawFraming.WriteArrayHeader(stream, block.Length);
        foreach (var row in block)
        {
            if (row is null)
            {
                stream.WriteByte(RawFraming.Nil);
                continue;
            }
            RawFraming.WriteExtensionHeader(stream, RawFraming.RawArrayType, (long)row.Length * Unsafe.SizeOf<TElement>());
            RawMemory.Write(stream, row);
        }
    }

    public override TElement[][] Read(Stream stream, long length)
    {
        try
        {
            int count = RawFraming.ReadArrayHeader(stream);
            if (count > length) throw new InvalidDataException($"A block of {length} bytes cannot hold {count} rows.");
            var block = new TElement[count][];
            int size = Unsafe.SizeOf<TElement>();
            for (int i = 0; i < block.Length; i++)
            {
                long bytes = RawFraming.ReadExtensionHeaderOrNil(stream, RawFraming.RawArrayType, typeof(TElement).Name + "[]");
                if (bytes < 0) continue;
                if (bytes % size != 0 || bytes > length) throw new InvalidDataException($"A row of {typeof(TElement).Name} cannot hold {bytes} bytes.");
                var row = GC.AllocateUninitializedArray<TElement>(checked((int)(bytes / size)));
                RawMemory.Read(stream, row);
                block[i] = row;
            }
            return block;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The block of {typeof(TElement).Name}[] rows ends early.", e);
        }
    }
}

/// <summary>The few MessagePack headers the raw block layouts are framed with (big-endian, as the spec says).</summary>
internal static class RawFraming
{
    /// <summary>Application extension types (0-127 are the application's): a whole block, and one array row.</summary>
    public const sbyte RawBlockType = 2;
    public const sbyte RawArrayType = 3;
    public const byte Nil = 0xc0;

    /// <summary>The largest extension header: ext 32, code, 4 bytes of length and the type.</summary>
    public const int MaxExtensionHeaderSize = 6;

    public static void WriteExtensionHeader(Stream stream, sbyte type, long length)
    {
        Span<byte> header = stackalloc byte[MaxExtensionHeaderSize];
        stream.Write(header[..WriteExtensionHeader(header, type, length)]);
    }

    /// <summary>Writes the smallest ext 8/16/32 header of a payload of <paramref name="length"/> bytes; returns its size.</summary>
    public static int WriteExtensionHeader(Span<byte> header, sbyte type, long length)
    {
        if (length <= byte.MaxValue)
        {
            header[0] = 0xc7;
            header[1] = (byte)length;
            header[2] = (byte)type;
            return 3;
        }
        if (length <= ushort.MaxValue)
        {
            header[0] = 0xc8;
            BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)length);
            header[3] = (byte)type;
            return 4;
        }
        header[0] = 0xc9;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], checked((uint)length));
        header[5] = (byte)type;
        return 6;
    }

    /// <summary>The size of the header <see cref="WriteExtensionHeader(Span{byte}, sbyte, long)"/> writes for a payload of <paramref name="length"/> bytes.</summary>
    public static int ExtensionHeaderSize(long length) => length <= byte.MaxValue ? 3 : length <= ushort.MaxValue ? 4 : 6;

    /// <summary>The payload length of an extension value of <paramref name="type"/>.</summary>
    public static long ReadExtensionHeader(Stream stream, sbyte type, string what)
    {
        long length = ReadExtensionHeaderOrNil(stream, type, what);
        return length >= 0 ? length : throw new InvalidDataException($"A block of {what} starts with nil, not its data.");
    }

    /// <summary>The payload length of an extension value of <paramref name="type"/>, or -1 for nil.</summary>
    public static long ReadExtensionHeaderOrNil(Stream stream, sbyte type, string what) =>
        ReadExtensionHeaderOrNil(stream, stream.ReadByte(), type, what);

    /// <summary>The payload length of the next extension value of <paramref name="type"/>, or -1 at the end of the stream.</summary>
    public static long ReadExtensionHeaderOrEnd(Stream stream, sbyte type, string what)
    {
        int code = stream.ReadByte();
        if (code < 0) return -1;
        if (code == Nil) throw new InvalidDataException($"A block of {what} holds nil where an extension value was expected.");
        return ReadExtensionHeaderOrNil(stream, code, type, what);
    }

    private static long ReadExtensionHeaderOrNil(Stream stream, int code, sbyte type, string what)
    {
        Span<byte> header = stackalloc byte[5];
        long length;
        switch (code)
        {
            case Nil: return -1;
            case 0xc7:
                stream.ReadExactly(header[..2]);
                length = header[0];
                break;
            case 0xc8:
                stream.ReadExactly(header[..3]);
                length = BinaryPrimitives.ReadUInt16BigEndian(header);
                break;
            case 0xc9:
                stream.ReadExactly(header[..5]);
                length = BinaryPrimitives.ReadUInt32BigEndian(header);
                break;
            case -1: throw new EndOfStreamException();
            default: throw new InvalidDataException($"A block of {what} holds MessagePack code 0x{code:x2} where an extension value was expected.");
        }
        sbyte actual = (sbyte)header[code == 0xc7 ? 1 : code == 0xc8 ? 2 : 4];
        return actual == type ? length : throw new InvalidDataException($"A block of {what} holds extension type {actual}, not {type}.");
    }

    public static void WriteArrayHeader(Stream stream, int count)
    {
        Span<byte> header = stackalloc byte[5];
        header[0] = 0xdd;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)count);
        stream.Write(header);
    }

    public static int ReadArrayHeader(Stream stream)
    {
        Span<byte> header = stackalloc byte[5];
        stream.ReadExactly(header);
        if (header[0] != 0xdd) throw new InvalidDataException($"A block of rows starts with MessagePack code 0x{header[0]:x2}, not an array.");
        uint count = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return count <= int.MaxValue ? (int)count : throw new InvalidDataException($"A block cannot hold {count} rows.");
    }
}

/// <summary>Everything else: one MessagePack value per element.</summary>
internal sealed class MessagePackBlockCodec<T> : BlockCodec<T>
{
    public override void Write(Stream stream, T[] block) => ObjectSerializer.WriteAll(stream, block);

    public override T[] Read(Stream stream, long length) => [.. ObjectSerializer.ReadAll<T>(stream)];
}

/// <summary>
/// The bytes of arrays of unmanaged elements. No <c>struct</c> constraint, so that nullable primitives
/// qualify too; streams are fed in chunks, so that blocks past 2 GB of bytes work.
/// </summary>
internal static class RawMemory
{
    private const int ChunkBytes = 1 << 30;

    /// <summary>The bytes of a whole array, which must hold less than 2 GB.</summary>
    public static Span<byte> AsBytes<T>(T[] array)
    {
        System.Diagnostics.Debug.Assert(!RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        return MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(array)), checked(array.Length * Unsafe.SizeOf<T>()));
    }

    public static void Write<T>(Stream stream, T[] array)
    {
        foreach (var (start, count) in Chunks<T>(array.Length)) stream.Write(Slice(array, start, count));
    }

    public static void Read<T>(Stream stream, T[] array)
    {
        foreach (var (start, count) in Chunks<T>(array.Length)) stream.ReadExactly(Slice(array, start, count));
    }

    private static Span<byte> Slice<T>(T[] array, int start, int count) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref array[start]), count * Unsafe.SizeOf<T>());

    private static IEnumerable<(int Start, int Count)> Chunks<T>(int length)
    {
        int step = Math.Max(1, ChunkBytes / Unsafe.SizeOf<T>());
        for (int start = 0; start < length; start += Math.Min(step, length - start)) yield return (start, Math.Min(step, length - start));
    }
}
