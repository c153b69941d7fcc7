using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Rdd.Sql.Arrow.FlatBuffers;

/// <summary>
/// A minimal FlatBuffers encoder, enough for Arrow's Schema.fbs, Message.fbs and File.fbs: tables with
/// scalar, offset and union fields, strings, vectors of offsets, scalars or structs, and inline structs.
/// </summary>
/// <remarks>
/// FlatBuffers references (uoffset) must point forward, so objects are written leaves first from the end
/// of the buffer towards its start, as the reference builder does. An "offset" here is a distance from the
/// end of the buffer, which stays valid while the buffer grows at the front. Every scalar is aligned to its
/// size relative to that end; <see cref="Finish"/> aligns the whole buffer to the largest alignment used,
/// so it stays aligned wherever the buffer is placed at an 8-byte boundary. Fields equal to their schema
/// default are omitted, as readers substitute the default.
/// </remarks>
internal sealed class FlatBufferBuilder
{
    private const int MaxSlots = 64;

    private byte[] _buffer;
    private int _space;
    private int _minAlign = 1;
    private readonly int[] _slots = new int[MaxSlots];
    private int _slotCount = -1;
    private int _tableStart;
    private int _vectorCount;

    public FlatBufferBuilder(int initialCapacity = 1024) => _buffer = new byte[Math.Max(initialCapacity, 16)];

    /// <summary>Bytes written so far; also the offset of the most recently written object.</summary>
    public int Offset => _buffer.Length - _space;

    /// <summary>Starts a new buffer, keeping the memory.</summary>
    public void Clear()
    {
        _space = _buffer.Length;
        _minAlign = 1;
        _slotCount = -1;
    }

    // ---- Low-level writing (back to front) ----

    /// <summary>
    /// Pads so that after writing <paramref name="additionalBytes"/> more, the next write is aligned to
    /// <paramref name="size"/>; grows the buffer as needed.
    /// </summary>
    public void Prep(int size, int additionalBytes)
    {
        _minAlign = Math.Max(_minAlign, size);
        int padding = (-(Offset + additionalBytes)) & (size - 1);
        int needed = padding + size + additionalBytes;
        while (_space < needed)
        {
            Grow();
        }
        Pad(padding);
    }

    public void Pad(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _buffer[--_space] = 0;
        }
    }

    public void PutByte(byte value) => _buffer[--_space] = value;

    public void PutInt16(short value)
    {
        _space -= 2;
        BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutInt32(int value)
    {
        _space -= 4;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutInt64(long value)
    {
        _space -= 8;
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_space), value);
    }

    public void PutBytes(ReadOnlySpan<byte> bytes)
    {
        _space -= bytes.Length;
        bytes.CopyTo(_buffer.AsSpan(_space));
    }

    // ---- Strings and vectors ----

    /// <summary>A string: int32 byte length, UTF-8 bytes, a terminating zero.</summary>
    public int CreateString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int byteCount = Encoding.UTF8.GetByteCount(value);
        Prep(sizeof(int), byteCount + 1);
        PutByte(0);
        _space -= byteCount;
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_space, byteCount));
        PutInt32(byteCount);
        return Offset;
    }

    /// <summary>A vector of references to tables (or strings) already written.</summary>
    public int CreateOffsetVector(ReadOnlySpan<int> offsets)
    {
        StartVector(sizeof(int), offsets.Length, sizeof(int));
        for (int i = offsets.Length - 1; i >= 0; i--)
        {
            PutOffset(offsets[i]);
        }
        return EndVector();
    }

    /// <summary>
    /// A vector of scalars or structs copied as raw bytes. <typeparamref name="T"/> must have exactly the
    /// flatbuffer struct's little-endian layout, padding included (see the Ipc.Metadata structs).
    /// </summary>
    public int CreateStructVector<T>(ReadOnlySpan<T> items, int alignment) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(items);
        StartVector(Unsafe.SizeOf<T>(), items.Length, alignment);
        PutBytes(bytes);
        return EndVector();
    }

    private void StartVector(int elementSize, int count, int alignment)
    {
        Prep(sizeof(int), checked(elementSize * count));
        Prep(alignment, elementSize * count);
        _vectorCount = count;
    }

    private int EndVector()
    {
        // The length precedes the elements; Prep(4, ...) above left it aligned.
        PutInt32(_vectorCount);
        return Offset;
    }

    // ---- Tables ----

    public void StartTable(int slotCount)
    {
        if (_slotCount >= 0)
        {
            throw new InvalidOperationException("FlatBuffers tables cannot be nested while being built; build children first.");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotCount, MaxSlots);
        _slots.AsSpan(0, slotCount).Clear();
        _slotCount = slotCount;
        _tableStart = Offset;
    }

    public void AddBool(int slot, bool value, bool defaultValue)
    {
        if (value != defaultValue)
        {
            AddByteCore(slot, value ? (byte)1 : (byte)0);
        }
    }

    public void AddByte(int slot, byte value, byte defaultValue)
    {
        if (value != defaultValue)
        {
            AddByteCore(slot, value);
        }
    }

    public void AddInt16(int slot, short value, short defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(sizeof(short), 0);
            PutInt16(value);
            MarkSlot(slot);
        }
    }

    public void AddInt32(int slot, int value, int defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(sizeof(int), 0);
            PutInt32(value);
            MarkSlot(slot);
        }
    }

    public void AddInt64(int slot, long value, long defaultValue)
    {
        if (value != defaultValue)
        {
            Prep(sizeof(long), 0);
            PutInt64(value);
            MarkSlot(slot);
        }
    }

    /// <summary>A reference to an object written earlier; 0 (no object) leaves the field absent.</summary>
    public void AddOffset(int slot, int offset)
    {
        if (offset != 0)
        {
            PutOffset(offset);
            MarkSlot(slot);
        }
    }

    /// <summary>A union: its type tag in <paramref name="typeSlot"/> and the member table in the next slot.</summary>
    public void AddUnion(int typeSlot, byte type, int offset)
    {
        AddByte(typeSlot, type, 0);
        AddOffset(typeSlot + 1, offset);
    }

    /// <summary>A struct stored inline in the table; <typeparamref name="T"/> must match its layout.</summary>
    public void AddStruct<T>(int slot, in T value, int alignment) where T : unmanaged
    {
        Prep(alignment, Unsafe.SizeOf<T>());
        PutBytes(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
        MarkSlot(slot);
    }

    /// <summary>Writes the table's vtable and returns the table's offset.</summary>
    public int EndTable()
    {
        if (_slotCount < 0)
        {
            throw new InvalidOperationException("EndTable without StartTable.");
        }
        // The table begins with an soffset to its vtable; write a placeholder, patch it below.
        Prep(sizeof(int), 0);
        PutInt32(0);
        int tableOffset = Offset;
        int used = _slotCount;
        while (used > 0 && _slots[used - 1] == 0)
        {
            used--;
        }
        Prep(sizeof(short), (used + 1) * sizeof(short));
        // vtable: [vtable size][table size][field offsets...], each a uint16, written back to front.
        for (int i = used - 1; i >= 0; i--)
        {
            PutInt16((short)(_slots[i] == 0 ? 0 : tableOffset - _slots[i]));
        }
        PutInt16((short)(tableOffset - _tableStart));
        PutInt16((short)((used + 2) * sizeof(short)));
        int vtableOffset = Offset;
        // soffset = table position - vtable position; the vtable sits just before the table.
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffer.Length - tableOffset), vtableOffset - tableOffset);
        _slotCount = -1;
        return tableOffset;
    }

    // ---- Finishing ----

    /// <summary>Writes the root reference; the finished buffer is <see cref="WrittenSpan"/>.</summary>
    public void Finish(int rootTable)
    {
        Prep(_minAlign, sizeof(int));
        PutOffset(rootTable);
    }

    /// <summary>The finished bytes (valid until the next write or <see cref="Clear"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(_space);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(_space);

    public byte[] ToArray() => WrittenSpan.ToArray();

    private void PutOffset(int offset)
    {
        Prep(sizeof(int), 0);
        // Relative to the position of the reference itself, which is Offset + 4 after this write.
        PutInt32(Offset + sizeof(int) - offset);
    }

    private void AddByteCore(int slot, byte value)
    {
        Prep(1, 0);
        PutByte(value);
        MarkSlot(slot);
    }

    private void MarkSlot(int slot)
    {
        if ((uint)slot >= (uint)_slotCount)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), $"Slot {slot} is outside a table of {_slotCount} fields.");
        }
        _slots[slot] = Offset;
    }

    private void Grow()
    {
        int used = Offset;
        var grown = new byte[checked(_buffer.Length * 2)];
        _buffer.AsSpan(_space).CopyTo(grown.AsSpan(grown.Length - used));
        _space = grown.Length - used;
        _buffer = grown;
    }
}
