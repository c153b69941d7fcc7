using Apache.Arrow;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Several key columns. Each batch is coded column by column (<see cref="KeyColumn"/>), plus one code holding the
/// row's null mask (bit c set when key c is null, so a null never equals a value whose code happens to be 0);
/// row hashes are combined column by column too, so the per-row loop only probes. A group's codes are stored
/// side by side in one flat array (width = keys + 1) and its hash in another; an open-addressing slot holds the
/// group id + 1 in its low half and the top 32 bits of the hash in its high half, so a probe that meets another
/// key is usually rejected without touching the group's codes (with millions of groups every such touch is a
/// cache miss). No per-row allocation, no boxing, and growing never recomputes a hash.
/// <para>
/// Keys of a few small non-negative codes (two ids of a hundred values each, the usual GROUP BY of dimensions) skip
/// hashing altogether: while every code stays under a bound fixed from the first batch (twice the next power of
/// two above its maximum, the bounds' product at most <see cref="DirectLimit"/>), the codes combine into one index
/// of an array of group ids. A batch outside the bounds (or with a null key) ends that mode for good: the groups
/// found so far are entered into the hash slots and the table goes on as a hash table.
/// </para>
/// </summary>
internal sealed class TupleKeyTable : GroupKeyTable
{
    private readonly KeyColumn[] _columns;
    private readonly int _width;
    private long[] _groupCodes;
    private ulong[] _groupHashes;
    private long[] _slots;
    private int _count;

    /// <summary>The most entries of the direct array (4 MiB of group ids).</summary>
    private const int DirectLimit = 1 << 20;

    // Direct mode: group id per combined code (-1 none), each column's stride and bound; null before the first batch.
    private int[]? _groupOfComposite;
    private long[] _strides = [];
    private long[] _bounds = [];
    private bool _directDisabled;

    // Set when FindOrAddAll placed groups without the global slots.
    private bool _slotsStale;

    // Per-batch scratch of FindOrAdd (a table is used by one task at a time while it grows).
    private long[][] _codes = [];
    private ulong[] _hashes = [];

    public TupleKeyTable(KeyColumn[] columns)
    {
        _columns = columns;
        _width = columns.Length + 1;
        _groupCodes = new long[16 * _width];
        _groupHashes = new ulong[16];
        _slots = new long[32];
    }

    public override int Count => _count;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        int rows = keys[0].Length;
        if (_hashes.Length < rows)
        {
            int capacity = Math.Max(rows, 1024);
            _hashes = new ulong[capacity];
            _codes = [.. Enumerable.Range(0, _width).Select(_ => new long[capacity])];
        }
        // Direct mode indexes by the codes alone: the rows' hashes are computed only if it cannot take the batch.
        bool tryDirect = !_directDisabled;
        Encode(keys, rows, _codes, _hashes, absent: null, hash: !tryDirect);
        if (tryDirect)
        {
            if (TryDirect(rows, groupIds))
            {
                return;
            }
            Hash(rows, _codes, _hashes);
        }
        RebuildStaleSlots();
        var codes = _codes;
        var slots = _slots;
        int mask = slots.Length - 1;
        var hashes = _hashes;
        for (int i = 0; i < rows; i++)
        {
            if (i + PrefetchDistance < rows)
            {
                Prefetch(slots, (int)hashes[i + PrefetchDistance] & mask);
            }
            ulong hash = hashes[i];
            long tag = Tag(hash);
            int slot = (int)hash & mask;
            while (true)
            {
                long entry = slots[slot];
                if (entry == 0)
                {
                    int group = AddGroup(codes, i, hash);
                    slots[slot] = tag | (uint)(group + 1);
                    if (_count * 2 > slots.Length)
                    {
                        GrowSlots();
                        slots = _slots;
                        mask = slots.Length - 1;
                    }
                    groupIds[i] = group;
                    break;
                }
                if ((entry & TagMask) == tag)
                {
                    int candidate = (int)(uint)entry - 1;
                    if (Matches(candidate, codes, i))
                    {
                        groupIds[i] = candidate;
                        break;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /// <summary>Assigns group ids through the direct array, or returns false (and leaves direct mode) when the batch does not fit.</summary>
    private bool TryDirect(int rows, Span<int> groupIds)
    {
        int keys = _columns.Length;
        if (_codes[keys].AsSpan(0, rows).ContainsAnyExcept(0L))
        {
            return LeaveDirectMode(); // a null key
        }
        Span<long> max = stackalloc long[keys];
        for (int c = 0; c < keys; c++)
        {
            long low = 0, high = 0;
            foreach (long code in _codes[c].AsSpan(0, rows))
            {
                low = Math.Min(low, code);
                high = Math.Max(high, code);
            }
            if (low < 0)
            {
                return LeaveDirectMode();
            }
            max[c] = high;
        }
        if (_groupOfComposite is null)
        {
            if (_count > 0) return LeaveDirectMode();
            var strides = new long[keys];
            var bounds = new long[keys];
            long product = 1;
            for (int c = keys - 1; c >= 0; c--)
            {
                if (max[c] >= DirectLimit) return LeaveDirectMode();
                bounds[c] = 2 * (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)max[c] + 1);
                strides[c] = product;
                product *= bounds[c];
                if (product > DirectLimit) return LeaveDirectMode();
            }
            _strides = strides;
            _bounds = bounds;
            _groupOfComposite = new int[product];
            _groupOfComposite.AsSpan().Fill(-1);
        }
        for (int c = 0; c < keys; c++)
        {
            if (max[c] >= _bounds[c]) return LeaveDirectMode();
        }
        var direct = _groupOfComposite;
        var codes = _codes;
        for (int i = 0; i < rows; i++)
        {
            long composite = 0;
            for (int c = 0; c < keys; c++) composite += codes[c][i] * _strides[c];
            int group = direct[composite];
            if (group < 0)
            {
                group = direct[composite] = AddGroup(codes, i, RowHash(codes, i));
            }
            groupIds[i] = group;
        }
        return true;
    }

    /// <summary>Ends direct mode: the groups so far go into the hash slots. Returns false, for the caller to go on hashing.</summary>
    private bool LeaveDirectMode()
    {
        _directDisabled = true;
        if (_groupOfComposite is not null)
        {
            _groupOfComposite = null;
            Rehash(Math.Max(_slots.Length, SlotsFor(_count)));
        }
        return false;
    }

    private int AddGroup(long[][] codes, int row, ulong hash)
    {
        int group = _count++;
        if (group == _groupHashes.Length)
        {
            System.Array.Resize(ref _groupHashes, group * 2);
            System.Array.Resize(ref _groupCodes, group * 2 * _width);
        }
        int at = group * _width;
        for (int c = 0; c < _width; c++) _groupCodes[at + c] = codes[c][row];
        _groupHashes[group] = hash;
        return group;
    }

    private const long TagMask = unchecked((long)0xFFFF_FFFF_0000_0000UL);

    /// <summary>
    /// How many rows ahead the probe loop asks for a slot's cache line. With millions of groups nearly every probe
    /// misses the cache; the hashes are known for the whole batch, so the loads can overlap instead of queueing.
    /// </summary>
    private const int PrefetchDistance = 16;

    /// <summary>A hint to load <c>slots[slot]</c> into the cache; a no-op where the CPU has no prefetch instruction.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(long[] slots, int slot)
    {
        // The address is only a hint: if the GC moves the array meanwhile, a stale line is loaded and nothing breaks.
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(
                ref System.Runtime.CompilerServices.Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(slots), slot)));
        }
    }

    /// <summary>The top half of a hash, placed in the top half of a slot.</summary>
    private static long Tag(ulong hash) => (long)(hash & 0xFFFF_FFFF_0000_0000UL);

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        RebuildStaleSlots();
        int rows = keys[0].Length;
        var codes = new long[_width][];
        for (int c = 0; c < codes.Length; c++) codes[c] = new long[rows];
        var hashes = new ulong[rows];
        var absent = new bool[rows];
        Encode(keys, rows, codes, hashes, absent);
        var nullMasks = codes[^1];
        if (_groupOfComposite is { } direct)
        {
            for (int i = 0; i < rows; i++)
            {
                groupIds[i] = -1;
                if (absent[i] || nullMasks[i] != 0) continue;
                long composite = 0;
                bool inBounds = true;
                for (int c = 0; c < _columns.Length && inBounds; c++)
                {
                    long code = codes[c][i];
                    inBounds = (ulong)code < (ulong)_bounds[c];
                    composite += code * _strides[c];
                }
                if (inBounds) groupIds[i] = direct[composite];
            }
            return;
        }
        int mask = _slots.Length - 1;
        for (int i = 0; i < rows; i++)
        {
            groupIds[i] = -1;
            if (absent[i] || nullMasks[i] != 0) continue;
            ulong hash = hashes[i];
            long tag = Tag(hash);
            for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
            {
                long entry = _slots[slot];
                if (entry == 0) break;
                int candidate = (int)(uint)entry - 1;
                if ((entry & TagMask) == tag && Matches(candidate, codes, i))
                {
                    groupIds[i] = candidate;
                    break;
                }
            }
        }
    }

    public override void EnsureCapacity(int groups)
    {
        if (groups > _groupHashes.Length)
        {
            System.Array.Resize(ref _groupHashes, groups);
            System.Array.Resize(ref _groupCodes, checked(groups * _width));
        }
        if (SlotsFor(groups) > _slots.Length)
        {
            Rehash(SlotsFor(groups));
        }
    }

    public override ArrowArray[] BuildKeys()
    {
        // One sweep over the row-major group codes fills every column (millions of groups: one pass, not one per key).
        int keys = _columns.Length;
        var codes = new long[keys][];
        for (int c = 0; c < keys; c++) codes[c] = new long[_count];
        bool anyNull = false;
        for (int g = 0; g < _count; g++)
        {
            int at = g * _width;
            for (int c = 0; c < keys; c++) codes[c][g] = _groupCodes[at + c];
            anyNull |= _groupCodes[at + keys] != 0;
        }
        var result = new ArrowArray[keys];
        for (int c = 0; c < keys; c++)
        {
            bool[] valid = [];
            if (anyNull)
            {
                valid = new bool[_count];
                for (int g = 0; g < _count; g++) valid[g] = (_groupCodes[g * _width + keys] & (1L << c)) == 0;
            }
            result[c] = _columns[c].Build(codes[c], valid);
        }
        return result;
    }

    /// <summary>Codes every key column of the batch, the null masks (last), and the combined row hashes.</summary>
    private void Encode(IReadOnlyList<ArrowArray> keys, int rows, long[][] codes, ulong[] hashes, bool[]? absent, bool hash = true)
    {
        var nullMasks = codes[^1].AsSpan(0, rows);
        nullMasks.Clear();
        for (int c = 0; c < _columns.Length; c++)
        {
            var column = keys[c];
            var columnCodes = codes[c].AsSpan(0, rows);
            if (absent is null) _columns[c].Encode(column, columnCodes);
            else _columns[c].Lookup(column, columnCodes, absent);
            if (column.NullCount > 0)
            {
                long bit = 1L << c;
                for (int i = 0; i < rows; i++)
                {
                    if (column.IsNull(i)) nullMasks[i] |= bit;
                }
            }
        }
        if (hash) Hash(rows, codes, hashes);
    }

    /// <summary>The hash of each row's codes (the key columns', then the null mask's).</summary>
    private void Hash(int rows, long[][] codes, ulong[] hashes)
    {
        var hashSpan = hashes.AsSpan(0, rows);
        hashSpan.Fill(KeyHashing.Seed);
        for (int c = 0; c < _columns.Length; c++)
        {
            var columnCodes = codes[c].AsSpan(0, rows);
            for (int i = 0; i < rows; i++) hashSpan[i] = KeyHashing.Combine(hashSpan[i], columnCodes[i]);
        }
        var nullMasks = codes[^1].AsSpan(0, rows);
        for (int i = 0; i < rows; i++) hashSpan[i] = KeyHashing.Finish(KeyHashing.Combine(hashSpan[i], nullMasks[i]));
    }

    /// <summary>The hash <see cref="Hash"/> gives row <paramref name="row"/>, for the rare new group of direct mode.</summary>
    private ulong RowHash(long[][] codes, int row)
    {
        ulong hash = KeyHashing.Seed;
        for (int c = 0; c < _columns.Length; c++) hash = KeyHashing.Combine(hash, codes[c][row]);
        return KeyHashing.Finish(KeyHashing.Combine(hash, codes[^1][row]));
    }

    /// <summary>Rows of input from which <see cref="FindOrAddAll"/> partitions the work.</summary>
    private const int RadixMinRows = 1 << 20;

    /// <summary>Rows per radix partition (its slots and groups then stay in the cache).</summary>
    private const int RadixRowsPerPartition = 1 << 15;

    /// <summary>
    /// A fresh table fed millions of rows at once (the final phase of an aggregation whose partial phase passed rows
    /// through) probes a table of millions of groups, and nearly every probe misses the cache. Instead, the rows
    /// are partitioned by the top bits of their hash (a radix partitioning: every row's codes, hash and position are
    /// copied once, partition by partition) and each partition is then probed against its own small slot array;
    /// its groups are appended together, so the groups a probe compares with are in the cache too. The global slots
    /// are rebuilt only if the table is used again.
    /// </summary>
    public override int[][] FindOrAddAll(IReadOnlyList<ArrowArray[]> batches)
    {
        long total = 0;
        foreach (var batch in batches) total += batch.Length == 0 ? 0 : batch[0].Length;
        if (_count > 0 || total < RadixMinRows || total > int.MaxValue / _width)
        {
            return base.FindOrAddAll(batches);
        }
        LeaveDirectMode();
        int rows = (int)total;
        int width = _width;
        int bits = Math.Max(1, System.Numerics.BitOperations.Log2((uint)Math.Max(2, rows / RadixRowsPerPartition)));
        int partitions = 1 << bits;

        // Code every batch, then place each row's codes, hash and position in its partition (counting sort).
        var batchCodes = new long[batches.Count][][];
        var batchHashes = new ulong[batches.Count][];
        var starts = new int[partitions + 1];
        for (int b = 0; b < batches.Count; b++)
        {
            int n = batches[b].Length == 0 ? 0 : batches[b][0].Length;
            var codes = new long[width][];
            for (int c = 0; c < width; c++) codes[c] = new long[n];
            var hashes = new ulong[n];
            if (n > 0) Encode(batches[b], n, codes, hashes, absent: null);
            batchCodes[b] = codes;
            batchHashes[b] = hashes;
            foreach (ulong hash in hashes) starts[(int)(hash >> (64 - bits)) + 1]++;
        }
        for (int p = 0; p < partitions; p++) starts[p + 1] += starts[p];
        var entryCodes = new long[(long)rows * width];
        var entryHashes = new ulong[rows];
        var entryRows = new int[rows];
        var next = starts.AsSpan(0, partitions).ToArray();
        int rowBase = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            var codes = batchCodes[b];
            var hashes = batchHashes[b];
            for (int i = 0; i < hashes.Length; i++)
            {
                int at = next[(int)(hashes[i] >> (64 - bits))]++;
                entryHashes[at] = hashes[i];
                entryRows[at] = rowBase + i;
                for (int c = 0; c < width; c++) entryCodes[(long)at * width + c] = codes[c][i];
            }
            rowBase += hashes.Length;
            batchCodes[b] = [];
        }

        // Probe partition by partition with a slot array sized for that partition alone.
        if (rows > _groupHashes.Length)
        {
            System.Array.Resize(ref _groupHashes, rows);
            System.Array.Resize(ref _groupCodes, rows * width);
        }
        var flatIds = new int[rows];
        var localSlots = System.Array.Empty<long>();
        for (int p = 0; p < partitions; p++)
        {
            int from = starts[p], to = starts[p + 1];
            if (from == to) continue;
            int slotCount = SlotsFor(to - from);
            if (localSlots.Length < slotCount) localSlots = new long[slotCount];
            else localSlots.AsSpan(0, slotCount).Clear();
            int mask = slotCount - 1;
            for (int e = from; e < to; e++)
            {
                ulong hash = entryHashes[e];
                long tag = Tag(hash);
                long at = (long)e * width;
                // The partition's top hash bits are equal; the slot comes from the low bits.
                for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
                {
                    long entry = localSlots[slot];
                    if (entry == 0)
                    {
                        int group = _count++;
                        System.Array.Copy(entryCodes, at, _groupCodes, (long)group * width, width);
                        _groupHashes[group] = hash;
                        localSlots[slot] = tag | (uint)(group + 1);
                        flatIds[entryRows[e]] = group;
                        break;
                    }
                    if ((entry & TagMask) == tag)
                    {
                        int candidate = (int)(uint)entry - 1;
                        if (entryCodes.AsSpan((int)at, width).SequenceEqual(_groupCodes.AsSpan(candidate * width, width)))
                        {
                            flatIds[entryRows[e]] = candidate;
                            break;
                        }
                    }
                }
            }
        }
        // The global slots know none of these groups: a later FindOrAdd or Find rebuilds them first.
        _slotsStale = true;

        var ids = new int[batches.Count][];
        int offset = 0;
        for (int b = 0; b < ids.Length; b++)
        {
            int n = batchHashes[b].Length;
            ids[b] = flatIds.AsSpan(offset, n).ToArray();
            offset += n;
        }
        return ids;
    }

    private void RebuildStaleSlots()
    {
        if (_slotsStale)
        {
            _slotsStale = false;
            Rehash(Math.Max(_slots.Length, SlotsFor(_count)));
        }
    }

    private bool Matches(int group, long[][] codes, int row)
    {
        int at = group * _width;
        for (int c = 0; c < codes.Length; c++)
        {
            if (_groupCodes[at + c] != codes[c][row]) return false;
        }
        return true;
    }

    private void GrowSlots() => Rehash(_slots.Length * 2);

    private void Rehash(int slotCount)
    {
        var slots = new long[slotCount];
        int mask = slots.Length - 1;
        for (int g = 0; g < _count; g++)
        {
            ulong hash = _groupHashes[g];
            int slot = (int)hash & mask;
            while (slots[slot] != 0) slot = (slot + 1) & mask;
            slots[slot] = Tag(hash) | (uint)(g + 1);
        }
        _slots = slots;
    }
}
