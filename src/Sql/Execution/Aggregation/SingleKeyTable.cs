using Apache.Arrow;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// One key column. Dense codes (strings, booleans) index an array of group ids directly, and so do integer codes
/// in [0, <see cref="DirectLimit"/>) (the ids and small counters keys usually are); other codes (other integers,
/// floating bits) go through an open-addressing map from the 64-bit code to the group id, with the codes stored in
/// the slots themselves so a probe touches one cache line. The null key is one extra group.
/// </summary>
internal sealed class SingleKeyTable(KeyColumn column) : GroupKeyTable
{
    private long[] _groupCodes = new long[16];
    private bool[] _groupValid = new bool[16];
    private int _count;
    private int _nullGroup = -1;
    private long[] _scratch = [];

    // Dense codes: group id per code, -1 when the code has no group yet.
    private int[] _groupOfCode = [];

    /// <summary>Sparse codes below this index <see cref="_groupOfSmallCode"/> (grown on demand, at most 4 MiB).</summary>
    private const int DirectLimit = 1 << 20;

    // Sparse codes in [0, DirectLimit): group id per code, -1 when none; grown to the largest such code seen.
    private int[] _groupOfSmallCode = [];

    // Other sparse codes: open addressing, slot ids are group id + 1 (0 = empty).
    private long[] _slotCodes = new long[32];
    private int[] _slotGroups = new int[32];

    public override int Count => _count;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var array = keys[0];
        int rows = array.Length;
        if (_scratch.Length < rows) _scratch = new long[Math.Max(rows, 1024)];
        var codes = _scratch.AsSpan(0, rows);
        column.Encode(array, codes);
        bool hasNulls = array.NullCount > 0;
        if (column.IsDense)
        {
            int cardinality = column.Cardinality;
            if (_groupOfCode.Length < cardinality)
            {
                int old = _groupOfCode.Length;
                System.Array.Resize(ref _groupOfCode, Math.Max(cardinality, old * 2));
                _groupOfCode.AsSpan(old).Fill(-1);
            }
            var groupOfCode = _groupOfCode;
            for (int i = 0; i < rows; i++)
            {
                if (hasNulls && array.IsNull(i))
                {
                    groupIds[i] = NullGroup();
                    continue;
                }
                long code = codes[i];
                int group = groupOfCode[code];
                if (group < 0)
                {
                    group = groupOfCode[code] = NewGroup(code);
                }
                groupIds[i] = group;
            }
            return;
        }
        var small = _groupOfSmallCode;
        for (int i = 0; i < rows; i++)
        {
            if (hasNulls && array.IsNull(i))
            {
                groupIds[i] = NullGroup();
                continue;
            }
            long code = codes[i];
            if ((ulong)code < (ulong)small.Length)
            {
                int group = small[code];
                groupIds[i] = group >= 0 ? group : small[code] = NewGroup(code);
            }
            else if ((ulong)code < DirectLimit)
            {
                small = GrowSmall(code);
                groupIds[i] = small[code] = NewGroup(code);
            }
            else
            {
                groupIds[i] = FindOrAddSparse(code);
            }
        }
    }

    private int[] GrowSmall(long code)
    {
        int old = _groupOfSmallCode.Length;
        int length = (int)Math.Min(DirectLimit, Math.Max(code + 1, Math.Max(1024L, old * 2L)));
        System.Array.Resize(ref _groupOfSmallCode, length);
        _groupOfSmallCode.AsSpan(old).Fill(-1);
        return _groupOfSmallCode;
    }

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var array = keys[0];
        int rows = array.Length;
        var codes = new long[rows];
        var absent = new bool[rows];
        column.Lookup(array, codes, absent);
        bool hasNulls = array.NullCount > 0;
        for (int i = 0; i < rows; i++)
        {
            if (absent[i] || (hasNulls && array.IsNull(i)))
            {
                groupIds[i] = -1;
            }
            else if (column.IsDense)
            {
                long code = codes[i];
                groupIds[i] = code < _groupOfCode.Length ? _groupOfCode[code] : -1;
            }
            else if ((ulong)codes[i] < DirectLimit)
            {
                groupIds[i] = codes[i] < _groupOfSmallCode.Length ? _groupOfSmallCode[codes[i]] : -1;
            }
            else
            {
                groupIds[i] = FindSparse(codes[i]);
            }
        }
    }

    public override void EnsureCapacity(int groups)
    {
        if (groups > _groupCodes.Length)
        {
            System.Array.Resize(ref _groupCodes, groups);
            System.Array.Resize(ref _groupValid, groups);
        }
    }

    public override ArrowArray[] BuildKeys() => [column.Build(_groupCodes.AsSpan(0, _count), _groupValid.AsSpan(0, _count))];

    private int NullGroup()
    {
        if (_nullGroup < 0)
        {
            _nullGroup = NewGroup(0);
            _groupValid[_nullGroup] = false;
        }
        return _nullGroup;
    }

    private int NewGroup(long code)
    {
        int group = _count++;
        if (group == _groupCodes.Length)
        {
            System.Array.Resize(ref _groupCodes, group * 2);
            System.Array.Resize(ref _groupValid, group * 2);
        }
        _groupCodes[group] = code;
        _groupValid[group] = true;
        return group;
    }

    private int FindOrAddSparse(long code)
    {
        int mask = _slotGroups.Length - 1;
        int slot = (int)KeyHashing.Hash(code) & mask;
        while (true)
        {
            int entry = _slotGroups[slot];
            if (entry == 0)
            {
                int group = NewGroup(code);
                _slotCodes[slot] = code;
                _slotGroups[slot] = group + 1;
                if (_count * 2 > _slotGroups.Length) GrowSlots();
                return group;
            }
            if (_slotCodes[slot] == code)
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int FindSparse(long code)
    {
        int mask = _slotGroups.Length - 1;
        for (int slot = (int)KeyHashing.Hash(code) & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _slotGroups[slot];
            if (entry == 0) return -1;
            if (_slotCodes[slot] == code) return entry - 1;
        }
    }

    private void GrowSlots()
    {
        var codes = new long[_slotCodes.Length * 2];
        var groups = new int[_slotGroups.Length * 2];
        int mask = groups.Length - 1;
        for (int s = 0; s < _slotGroups.Length; s++)
        {
            if (_slotGroups[s] == 0) continue;
            int slot = (int)KeyHashing.Hash(_slotCodes[s]) & mask;
            while (groups[slot] != 0) slot = (slot + 1) & mask;
            codes[slot] = _slotCodes[s];
            groups[slot] = _slotGroups[s];
        }
        _slotCodes = codes;
        _slotGroups = groups;
    }
}
