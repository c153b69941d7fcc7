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
/// <item>unmanaged T (double, long, (long, double) ...): the raw bytes of the T[], exactly n × sizeof(T);</item>
/// <item>arrays of an unmanaged U (double[] rows ...): the row count, then per row its length (−1 for null) and raw bytes;</item>
/// <item>anything else: one MessagePack value per element, as <see cref="ObjectSerializer"/> writes object
/// files and checkpoints (with the same limits: public members are what is kept).</item>
/// </list>
/// Raw layouts are in the machine's byte order: a block is only read by the process that wrote it.
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
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            return new RawBlockCodec<T>();
        if (type.IsSZArray && type.GetElementType() is { IsValueType: true } element && !ContainsReferences(element))
            return (BlockCodec<T>)Activator.CreateInstance(typeof(RawArraysBlockCodec<>).MakeGenericType(element))!;
        return ObjectSerializer.IsSupported(type) ? new MessagePackBlockCodec<T>() : null;
    }

    private static bool ContainsReferences(Type valueType) =>
        (bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!
            .MakeGenericMethod(valueType).Invoke(null, null)!;
}

/// <summary>Unmanaged elements: the block's memory as it is.</summary>
internal sealed class RawBlockCodec<T> : BlockCodec<T>
{
    public override void Write(Stream stream, T[] block) => RawMemory.Write(stream, block);

    public override T[] Read(Stream stream, long length)
    {
        var block = Allocate(length);
        RawMemory.Read(stream, block);
        return block;
    }

    public override byte[] Serialize(T[] block)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(checked(block.Length * Unsafe.SizeOf<T>()));
        RawMemory.AsBytes(block).CopyTo(bytes);
        return bytes;
    }

    public override T[] Deserialize(byte[] bytes)
    {
        var block = Allocate(bytes.Length);
        bytes.CopyTo(RawMemory.AsBytes(block));
        return block;
    }

    private static T[] Allocate(long length)
    {
        int size = Unsafe.SizeOf<T>();
        if (length % size != 0)
            throw new InvalidDataException($"A block of {typeof(T).Name} holds a multiple of {size} bytes, not {length}.");
        return GC.AllocateUninitializedArray<T>(checked((int)(length / size)));
    }
}

/// <summary>Rows that are arrays of an unmanaged type: a length-prefixed copy of each row.</summary>
internal sealed class RawArraysBlockCodec<TElement> : BlockCodec<TElement[]>
{
    private const int PrefixSize = sizeof(int);

    public override void Write(Stream stream, TElement[][] block)
    {
        Span<byte> prefix = stackalloc byte[PrefixSize];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, block.Length);
        stream.Write(prefix);
        foreach (var row in block)
        {
            BinaryPrimitives.WriteInt32LittleEndian(prefix, row is null ? -1 : row.Length);
            stream.Write(prefix);
            if (row is not null) RawMemory.Write(stream, row);
        }
    }

    public override TElement[][] Read(Stream stream, long length)
    {
        Span<byte> prefix = stackalloc byte[PrefixSize];
        try
        {
            stream.ReadExactly(prefix);
            var block = new TElement[CheckedCount(BinaryPrimitives.ReadInt32LittleEndian(prefix), length)][];
            for (int i = 0; i < block.Length; i++)
            {
                stream.ReadExactly(prefix);
                int count = BinaryPrimitives.ReadInt32LittleEndian(prefix);
                if (count < 0) continue;
                var row = GC.AllocateUninitializedArray<TElement>(CheckedCount(count, length));
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

    public override byte[] Serialize(TElement[][] block)
    {
        long size = PrefixSize;
        foreach (var row in block) size += PrefixSize + (row is null ? 0 : (long)row.Length * Unsafe.SizeOf<TElement>());
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)size));
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, block.Length);
        span = span[PrefixSize..];
        foreach (var row in block)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, row is null ? -1 : row.Length);
            span = span[PrefixSize..];
            if (row is null) continue;
            var raw = RawMemory.AsBytes(row);
            raw.CopyTo(span);
            span = span[raw.Length..];
        }
        return bytes;
    }

    public override TElement[][] Deserialize(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        var block = new TElement[CheckedCount(BinaryPrimitives.ReadInt32LittleEndian(span), bytes.Length)][];
        span = span[PrefixSize..];
        for (int i = 0; i < block.Length; i++)
        {
            int count = BinaryPrimitives.ReadInt32LittleEndian(span);
            span = span[PrefixSize..];
            if (count < 0) continue;
            var row = GC.AllocateUninitializedArray<TElement>(count);
            var raw = RawMemory.AsBytes(row);
            span[..raw.Length].CopyTo(raw);
            span = span[raw.Length..];
            block[i] = row;
        }
        return block;
    }

    /// <summary>A count read from the block cannot exceed its byte length; a larger one means corruption.</summary>
    private static int CheckedCount(int count, long length) =>
        count <= length ? count : throw new InvalidDataException($"A block of {length} bytes cannot hold {count} rows or elements.");
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
