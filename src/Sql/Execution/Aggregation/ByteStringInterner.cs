namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Gives each distinct byte string (UTF-8 text or binary) a dense id 0, 1, 2… in first-seen order, storing the
/// bytes once in one growing buffer. A row whose value is already known costs a hash, a probe and a span compare,
/// and allocates nothing; a string key column of a hash aggregation or join becomes a column of ids this way.
/// Open addressing with linear probing over a power-of-two slot array at most half full; a slot holds id + 1 and
/// the top half of the hash, so a probe compares bytes only when the hashes agree, and each id's hash is kept so
/// growing never rehashes bytes. <see cref="Find"/> only reads, so concurrent probes of a finished interner
/// are safe.
/// </summary>
internal sealed class ByteStringInterner
{
    private byte[] _bytes = new byte[1024];
    private int _byteCount;
    private int[] _starts = new int[17];
    private ulong[] _hashes = new ulong[16];
    private long[] _slots = new long[32];
    private int _count;

    /// <summary>The number of distinct strings.</summary>
    public int Count => _count;

    /// <summary>The bytes of id <paramref name="id"/>.</summary>
    public ReadOnlySpan<byte> this[int id] => _bytes.AsSpan(_starts[id], _starts[id + 1] - _starts[id]);

    /// <summary>The id of <paramref name="value"/>, added if new.</summary>
    public int Intern(ReadOnlySpan<byte> value)
    {
        ulong hash = KeyHashing.Hash(value);
        long tag = Tag(hash);
        int mask = _slots.Length - 1;
        int slot = (int)hash & mask;
        while (true)
        {
            long entry = _slots[slot];
            if (entry == 0)
            {
                break;
            }
            int id = (int)(uint)entry - 1;
            if ((entry & TagMask) == tag && this[id].SequenceEqual(value))
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        return Add(value, hash, slot);
    }

    /// <summary>The id of <paramref name="value"/>, or -1 when it was never interned.</summary>
    public int Find(ReadOnlySpan<byte> value)
    {
        ulong hash = KeyHashing.Hash(value);
        long tag = Tag(hash);
        int mask = _slots.Length - 1;
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            long entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            int id = (int)(uint)entry - 1;
            if ((entry & TagMask) == tag && this[id].SequenceEqual(value))
            {
                return id;
            }
        }
    }

    private const long TagMask = unchecked((long)0xFFFF_FFFF_0000_0000UL);

    private static long Tag(ulong hash) => (long)(hash & 0xFFFF_FFFF_0000_0000UL);

    private int Add(ReadOnlySpan<byte> value, ulong hash, int slot)
    {
        int id = _count++;
        if (_byteCount + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _byteCount + value.Length));
        }
        value.CopyTo(_bytes.AsSpan(_byteCount));
        if (id == _hashes.Length)
        {
            Array.Resize(ref _hashes, id * 2);
            Array.Resize(ref _starts, id * 2 + 1);
        }
        _starts[id] = _byteCount;
        _byteCount += value.Length;
        _starts[id + 1] = _byteCount;
        _hashes[id] = hash;
        _slots[slot] = Tag(hash) | (uint)(id + 1);
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }
        return id;
    }

    private void Rehash()
    {
        var slots = new long[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int id = 0; id < _count; id++)
        {
            int slot = (int)_hashes[id] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = Tag(_hashes[id]) | (uint)(id + 1);
        }
        _slots = slots;
    }
}
