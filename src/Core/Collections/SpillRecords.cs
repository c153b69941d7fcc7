using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Rdd.Core.Serialization;
using Rdd.Core.Storage;

namespace Rdd.Core.Collections;

/// <summary>
/// The two layouts of the records of a spill run or a shuffle segment (<see cref="SpillWriter{T}"/>), chosen by the
/// record type alone, so writer and reader always agree:
/// <list type="bullet">
/// <item>unmanaged records ((long, long), (int, double), structs of primitives...): raw blocks, each one MessagePack
/// extension value of type <see cref="RawFraming.RawBlockType"/> whose payload is up to 64 KiB of the records'
/// memory, as <see cref="RawBlockCodec{T}"/> frames a cache block; a block holds payload length ÷ record size records.
/// No per-record encoding at all: writing copies the records, reading copies them back;</item>
/// <item>anything else: one MessagePack value per record, through <see cref="ObjectSerializer"/>'s formatters.</item>
/// </list>
/// Both are MessagePack streams, and a segment is always whole values or whole blocks, so segments are
/// concatenated by copying bytes.
/// </summary>
internal static class SpillRecords
{
    /// <summary>Bytes of records encoded before they are written out (and, for raw records, the payload of one block).</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>Whether records of T are written as raw blocks.</summary>
    public static bool IsRaw<T>() => RawLayout<T>.IsRaw;

    /// <summary>How many records of T one raw block holds at most.</summary>
    public static int RecordsPerBlock<T>() => Math.Max(1, BlockSize / Unsafe.SizeOf<T>());

    /// <summary>
    /// The records of the segment that <paramref name="open"/> opens (at the first MoveNext; the stream is disposed
    /// with the enumerator), lazily. A truncated or corrupt segment throws <see cref="InvalidDataException"/> naming
    /// the byte offset, counted from the segment's start.
    /// </summary>
    public static IEnumerable<T> Read<T>(Func<Stream> open) => IsRaw<T>() ? ReadRaw<T>(open) : ReadValues<T>(open);

    private static IEnumerable<T> ReadValues<T>(Func<Stream> open)
    {
        var formatter = FormatterOf<T>.Instance;
        using var stream = open();
        using var reader = new MessagePackValueReader(stream);
        var batch = new T[MessagePackValueReader.BatchSize];
        int count;
        while ((count = reader.ReadBatch(formatter, batch)) > 0)
        {
            for (int i = 0; i < count; i++) yield return batch[i];
        }
    }

    private static IEnumerable<T> ReadRaw<T>(Func<Stream> open)
    {
        using var stream = open();
        int size = Unsafe.SizeOf<T>();
        var block = GC.AllocateUninitializedArray<T>(RecordsPerBlock<T>());
        long offset = 0;
        while (true)
        {
            int count = ReadBlock(stream, ref block, size, ref offset);
            if (count < 0) yield break;
            for (int i = 0; i < count; i++) yield return block[i];
        }
    }

    /// <summary>Reads the next raw block into <paramref name="block"/> (grown if it is larger); its record count, -1 at the end.</summary>
    private static int ReadBlock<T>(Stream stream, ref T[] block, int size, ref long offset)
    {
        long bytes;
        try
        {
            bytes = RawFraming.ReadExtensionHeaderOrEnd(stream, RawFraming.RawBlockType, typeof(T).Name);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException($"Invalid raw block of {typeof(T).Name} at byte offset {offset}: {e.Message}", e);
        }
        if (bytes < 0) return -1;
        if (bytes % size != 0 || bytes > Array.MaxLength)
            throw new InvalidDataException($"Invalid raw block of {typeof(T).Name} at byte offset {offset}: {bytes} bytes is not a whole number of {size}-byte records.");
        int count = (int)(bytes / size);
        if (count > block.Length) block = GC.AllocateUninitializedArray<T>(count);
        try
        {
            stream.ReadExactly(MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(block)), count * size));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Truncated raw block of {typeof(T).Name} at byte offset {offset}: the data ends inside its {bytes} bytes.", e);
        }
        offset += RawFraming.ExtensionHeaderSize(bytes) + bytes;
        return count;
    }

    private static class RawLayout<T>
    {
        public static readonly bool IsRaw = !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && BitConverter.IsLittleEndian;
    }
}
