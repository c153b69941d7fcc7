using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Rdd.Sql.Arrow.FlatBuffers;

/// <summary>
/// Read access to one FlatBuffers table: fields are looked up by slot (declaration order, a union taking
/// two slots: its type tag, then its value) through the table's vtable; absent fields read as the caller's
/// default. Nothing is decoded up front, so reading a header costs only the fields asked for.
/// </summary>
/// <remarks>
/// Offsets in the buffer are untrusted: every read goes through span indexing, so a corrupt buffer throws
/// <see cref="ArgumentOutOfRangeException"/> (or <see cref="IndexOutOfRangeException"/>) instead of reading
/// outside it; the IPC readers turn those into <see cref="InvalidDataException"/>.
/// </remarks>
internal readonly struct FlatBufferTable
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly int _position;

    private FlatBufferTable(ReadOnlyMemory<byte> buffer, int position)
    {
        _buffer = buffer;
        _position = position;
    }

    /// <summary>The root table of a finished buffer (a uoffset to it at byte 0).</summary>
    public static FlatBufferTable GetRoot(ReadOnlyMemory<byte> buffer) => new(buffer, ReadUOffset(buffer.Span, 0));

    public bool HasField(int slot) => FieldPosition(slot) != 0;

    public bool GetBool(int slot, bool defaultValue = false)
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : _buffer.Span[at] != 0;
    }

    public byte GetByte(int slot, byte defaultValue = 0)
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : _buffer.Span[at];
    }

    public short GetInt16(int slot, short defaultValue = 0)
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : BinaryPrimitives.ReadInt16LittleEndian(_buffer.Span[at..]);
    }

    public int GetInt32(int slot, int defaultValue = 0)
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : BinaryPrimitives.ReadInt32LittleEndian(_buffer.Span[at..]);
    }

    public long GetInt64(int slot, long defaultValue = 0)
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : BinaryPrimitives.ReadInt64LittleEndian(_buffer.Span[at..]);
    }

    /// <summary>A string field, or null when absent.</summary>
    public string? GetString(int slot)
    {
        int at = FieldPosition(slot);
        if (at == 0)
        {
            return null;
        }
        var span = _buffer.Span;
        int start = ReadUOffset(span, at);
        int length = BinaryPrimitives.ReadInt32LittleEndian(span[start..]);
        return Encoding.UTF8.GetString(span.Slice(start + sizeof(int), length));
    }

    /// <summary>A table field, or null when absent.</summary>
    public FlatBufferTable? GetTable(int slot)
    {
        int at = FieldPosition(slot);
        return at == 0 ? null : new FlatBufferTable(_buffer, ReadUOffset(_buffer.Span, at));
    }

    /// <summary>A union: its type tag and, when present, the member table.</summary>
    public (byte Type, FlatBufferTable? Value) GetUnion(int typeSlot) => (GetByte(typeSlot), GetTable(typeSlot + 1));

    /// <summary>Number of elements of a vector field; 0 when absent.</summary>
    public int GetVectorLength(int slot)
    {
        int at = FieldPosition(slot);
        if (at == 0)
        {
            return 0;
        }
        var span = _buffer.Span;
        return CheckLength(BinaryPrimitives.ReadInt32LittleEndian(span[ReadUOffset(span, at)..]));
    }

    /// <summary>Element <paramref name="index"/> of a vector of tables.</summary>
    public FlatBufferTable GetVectorTable(int slot, int index)
    {
        var span = _buffer.Span;
        int vector = VectorStart(slot, out int length);
        if ((uint)index >= (uint)length)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        return new FlatBufferTable(_buffer, ReadUOffset(span, vector + index * sizeof(int)));
    }

    /// <summary>
    /// A vector of structs or scalars, reinterpreted in place. <typeparamref name="T"/> must have the
    /// flatbuffer struct's exact little-endian layout.
    /// </summary>
    public ReadOnlySpan<T> GetStructVector<T>(int slot) where T : unmanaged
    {
        if (!HasField(slot))
        {
            return [];
        }
        int vector = VectorStart(slot, out int length);
        return MemoryMarshal.Cast<byte, T>(_buffer.Span.Slice(vector, checked(length * Unsafe.SizeOf<T>())));
    }

    /// <summary>A struct stored inline in the table, or <paramref name="defaultValue"/> when absent.</summary>
    public T GetStruct<T>(int slot, T defaultValue = default) where T : unmanaged
    {
        int at = FieldPosition(slot);
        return at == 0 ? defaultValue : MemoryMarshal.Read<T>(_buffer.Span[at..]);
    }

    /// <summary>Absolute position of a field's value, or 0 when the field is absent.</summary>
    private int FieldPosition(int slot)
    {
        var span = _buffer.Span;
        int vtable = checked(_position - BinaryPrimitives.ReadInt32LittleEndian(span[_position..]));
        int vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(span[vtable..]);
        int entry = sizeof(short) * (slot + 2);
        if (entry + sizeof(short) > vtableSize)
        {
            // Fields added to the schema after the writer was compiled are absent from its vtables.
            return 0;
        }
        int fieldOffset = BinaryPrimitives.ReadUInt16LittleEndian(span[(vtable + entry)..]);
        return fieldOffset == 0 ? 0 : _position + fieldOffset;
    }

    private int VectorStart(int slot, out int length)
    {
        int at = FieldPosition(slot);
        if (at == 0)
        {
            throw new InvalidDataException($"Vector field {slot} is absent.");
        }
        var span = _buffer.Span;
        int vector = ReadUOffset(span, at);
        length = CheckLength(BinaryPrimitives.ReadInt32LittleEndian(span[vector..]));
        return vector + sizeof(int);
    }

    private static int ReadUOffset(ReadOnlySpan<byte> span, int at)
    {
        uint offset = BinaryPrimitives.ReadUInt32LittleEndian(span[at..]);
        long target = at + (long)offset;
        if (target >= span.Length)
        {
            throw new InvalidDataException($"A FlatBuffers reference at {at} points outside the {span.Length}-byte buffer.");
        }
        return (int)target;
    }

    private static int CheckLength(int length) =>
        length >= 0 ? length : throw new InvalidDataException($"A FlatBuffers vector claims {length} elements.");
}
