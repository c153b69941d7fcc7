using System.Buffers;
using Apache.Arrow;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// One key column. Dense codes (strings, booleans) index an array of group ids directly. Other codes (integers,
/// floating bits) that fall in a window [base, base + length) index a second direct array: keys are often ids
/// whose range is close to their count (order keys: 1.5 M values in 1..6 M), and an input sorted or clustered by
/// its key (lineitem by l_orderkey) gives each partition a narrow range, so a lookup is one array read instead of a
/// hash probe. The window is sized from the rows seen (at most <see cref="BudgetPerRow"/> slots a row), so its
/// memory stays in proportion to the hash table it replaces; codes outside it go through an open-addressing map
/// from the 64-bit code to the group id, with the codes stored in the slots themselves so a probe touches one
/// cache line. The null key is one extra group.
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

    /// <summary>Window slots allowed per row seen (or announced by <see cref="EnsureCapacity"/>).</summary>
    private const int BudgetPerRow = 8;

    /// <summary>Window slots allowed whatever the rows (small ids and counters always index directly).</summary>
    private const int MinWindow = 1 << 16;

    /// <summary>The largest window (32 MiB of ids).</summary>
    private const int MaxWindow = 1 << 23;

    // Sparse codes in [_windowBase, _windowBase + _window.Length): group id + 1 per code, 0 when none.
    private long _windowBase;
    private int[] _window = [];
    private long _rows;
    private long _expectedRows;

    // Other sparse codes: open addressing, slot ids are group id + 1 (0 = empty).
    private long[] _slotCodes = new long[32];
    private int[] _slotGroups = new int[32];
    private int _sparseCount;

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
        _rows += rows;
        FitWindow(array, codes, hasNulls);
        var window = _window;
        long windowBase = _windowBase;
        for (int i = 0; i < rows; i++)
        {
            if (hasNulls && array.IsNull(i))
            {
                groupIds[i] = NullGroup();
                continue;
            }
            long code = codes[i];
            ulong offset = (ulong)(code - windowBase);
            if (offset < (ulong)window.Length)
            {
                int entry = window[offset];
                if (entry == 0)
                {
                    entry = NewGroup(code) + 1;
                    window[offset] = entry;
                }
                groupIds[i] = entry - 1;
            }
            else
            {
                groupIds[i] = FindOrAddSparse(code);
            }
        }
    }

    /// <summary>
    /// Widens the window to cover this batch's codes when the union of its range and the window's stays within the
    /// budget; otherwise the window stays as it is and the codes outside it are hashed.
    /// </summary>
    private void FitWindow(ArrowArray array, ReadOnlySpan<long> codes, bool hasNulls)
    {
        long min = long.MaxValue, max = long.MinValue;
        if (hasNulls)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                if (array.IsNull(i)) continue;
                min = Math.Min(min, codes[i]);
                max = Math.Max(max, codes[i]);
            }
        }
        else
        {
            foreach (long code in codes)
            {
                min = Math.Min(min, code);
                max = Math.Max(max, code);
            }
        }
        if (min > max) return;
        int oldLength = _window.Length;
        long oldBase = _windowBase;
        if (oldLength > 0)
        {
            if ((ulong)(min - oldBase) < (ulong)oldLength && (ulong)(max - oldBase) < (ulong)oldLength) return;
            min = Math.Min(min, oldBase);
            max = Math.Max(max, oldBase + (oldLength - 1));
        }
        long budget = Math.Clamp(Math.Max(_rows, _expectedRows) * BudgetPerRow, MinWindow, MaxWindow);
        ulong needed = (ulong)(max - min) + 1;
        if (needed == 0 || needed > (ulong)budget) return;
        // Growing upwards (keys arriving in increasing order) leaves room for the next batches.
        long length = max > oldBase + oldLength - 1 && oldLength > 0 ? Math.Min(budget, Math.Max((long)needed, oldLength * 2L)) : (long)needed;
        length = (long)Math.Min((ulong)length, (ulong)(long.MaxValue - min) + 1);
        var window = new int[length];
        if (oldLength > 0) _window.CopyTo(window.AsSpan((int)(oldBase - min)));
        if (_sparseCount > 0)
        {
            // Codes hashed before the window covered them now index it (their slots are never probed again).
            for (int s = 0; s < _slotGroups.Length; s++)
            {
                if (_slotGroups[s] == 0) continue;
                ulong offset = (ulong)(_slotCodes[s] - min);
                if (offset < (ulong)window.Length) window[offset] = _slotGroups[s];
            }
        }
        _window = window;
        _windowBase = min;
    }

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var array = keys[0];
        int rows = array.Length;
        var codeBuffer = ArrayPool<long>.Shared.Rent(rows);
        var absentBuffer = ArrayPool<bool>.Shared.Rent(rows);
        try
        {
            var codes = codeBuffer.AsSpan(0, rows);
            var absent = absentBuffer.AsSpan(0, rows);
            absent.Clear();
            column.Lookup(array, codes, absent);
            bool hasNulls = array.NullCount > 0;
            if (column.IsDense)
            {
                var groupOfCode = _groupOfCode;
                for (int i = 0; i < rows; i++)
                {
                    long code = codes[i];
                    groupIds[i] = absent[i] || (hasNulls && array.IsNull(i)) || (ulong)code >= (ulong)groupOfCode.Length ? -1 : groupOfCode[code];
                }
                return;
            }
            var window = _window;
            long windowBase = _windowBase;
            for (int i = 0; i < rows; i++)
            {
                if (absent[i] || (hasNulls && array.IsNull(i)))
                {
                    groupIds[i] = -1;
                    continue;
                }
                long code = codes[i];
                ulong offset = (ulong)(code - windowBase);
                groupIds[i] = offset < (ulong)window.Length ? window[offset] - 1 : FindSparse(code);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(codeBuffer);
            ArrayPool<bool>.Shared.Return(absentBuffer);
        }
    }

    public override void EnsureCapacity(int groups)
    {
        _expectedRows = Math.Max(_expectedRows, groups);
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
                _sparseCount++;
                if (_sparseCount * 2 > _slotGroups.Length) GrowSlots();
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
