using System.Text;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Maps the grouping (or join) key of each row to a dense group id 0..<see cref="Count"/>-1. Specialized tables
/// keep a single integer-like key as <see cref="long"/> and a single string key as <see cref="string"/> without
/// boxing; other shapes go through <see cref="CompositeKeyTable"/>. For aggregation a null key is a group of its
/// own; <see cref="Find"/> (the join probe) never matches a row with a null key.
/// </summary>
internal abstract class GroupKeyTable
{
    /// <summary>The number of groups so far.</summary>
    public abstract int Count { get; }

    /// <summary>Sets the group id of each row, adding new groups.</summary>
    public abstract void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds);

    /// <summary>Sets the group id of each row, or -1 when the key is absent or has a null.</summary>
    public abstract void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds);

    /// <summary>One column per key holding the key of each group, in group-id order.</summary>
    public abstract ArrowArray[] BuildKeys();

    /// <summary>The table for keys of these types (as they will be given to <see cref="FindOrAdd"/>).</summary>
    public static GroupKeyTable Create(IReadOnlyList<ArrowType> keyTypes) => keyTypes.Count switch
    {
        0 => new GlobalKeyTable(),
        1 when ColumnValues.IsLongLike(keyTypes[0]) => new LongKeyTable(keyTypes[0]),
        1 when keyTypes[0].TypeId == ArrowTypeId.String => new StringKeyTable(),
        _ => new CompositeKeyTable(keyTypes),
    };

    /// <summary>Whether any key column is null in row <paramref name="row"/>.</summary>
    public static bool AnyNull(IReadOnlyList<ArrowArray> keys, int row)
    {
        foreach (var key in keys)
        {
            if (key.NullCount > 0 && key.IsNull(row)) return true;
        }
        return false;
    }
}

/// <summary>No grouping keys: every row is in group 0, which exists even before any row arrives.</summary>
internal sealed class GlobalKeyTable : GroupKeyTable
{
    public override int Count => 1;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds) => groupIds.Clear();

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds) => groupIds.Clear();

    public override ArrowArray[] BuildKeys() => [];
}

/// <summary>A single integer-like key (int8..int64, date, timestamp), widened to long.</summary>
internal sealed class LongKeyTable(ArrowType type) : GroupKeyTable
{
    private readonly Dictionary<long, int> _ids = [];
    private readonly List<long> _keys = [];
    private readonly List<bool> _valid = [];
    private int _nullGroup = -1;

    public override int Count => _keys.Count;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var column = keys[0];
        var values = ColumnValues.Longs(column);
        bool hasNulls = column.NullCount > 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (hasNulls && column.IsNull(i))
            {
                if (_nullGroup < 0)
                {
                    _nullGroup = _keys.Count;
                    _keys.Add(0);
                    _valid.Add(false);
                }
                groupIds[i] = _nullGroup;
                continue;
            }
            long key = values[i];
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _keys.Count;
                _ids.Add(key, id);
                _keys.Add(key);
                _valid.Add(true);
            }
            groupIds[i] = id;
        }
    }

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var column = keys[0];
        var values = ColumnValues.Longs(column);
        for (int i = 0; i < values.Length; i++)
        {
            groupIds[i] = column.NullCount > 0 && column.IsNull(i) ? -1 : _ids.GetValueOrDefault(values[i], -1);
        }
    }

    public override ArrowArray[] BuildKeys() => [ColumnValues.FromLongs(type, _keys.ToArray(), _valid.ToArray())];
}

/// <summary>
/// A single string key, compared ordinally. Rows are decoded into a reused char buffer and looked up through the
/// dictionary's span lookup, so a row whose key is already present allocates nothing.
/// </summary>
internal sealed class StringKeyTable : GroupKeyTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string?> _keys = [];
    private char[] _buffer = new char[64];
    private int _nullGroup = -1;

    public override int Count => _keys.Count;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var strings = (StringArray)keys[0];
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < strings.Length; i++)
        {
            if (strings.NullCount > 0 && strings.IsNull(i))
            {
                if (_nullGroup < 0)
                {
                    _nullGroup = _keys.Count;
                    _keys.Add(null);
                }
                groupIds[i] = _nullGroup;
                continue;
            }
            var key = Decode(strings.GetBytes(i));
            if (!lookup.TryGetValue(key, out int id))
            {
                id = _keys.Count;
                string text = new(key);
                _ids.Add(text, id);
                _keys.Add(text);
            }
            groupIds[i] = id;
        }
    }

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        var strings = (StringArray)keys[0];
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        // The probe side may run on several tasks at once (broadcast join): decode into a local buffer.
        char[] buffer = new char[64];
        for (int i = 0; i < strings.Length; i++)
        {
            if (strings.NullCount > 0 && strings.IsNull(i))
            {
                groupIds[i] = -1;
                continue;
            }
            var bytes = strings.GetBytes(i);
            int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
            if (buffer.Length < needed) buffer = new char[Math.Max(needed, buffer.Length * 2)];
            int length = Encoding.UTF8.GetChars(bytes, buffer);
            groupIds[i] = lookup.TryGetValue(buffer.AsSpan(0, length), out int id) ? id : -1;
        }
    }

    public override ArrowArray[] BuildKeys() => [ColumnValues.FromStrings(_keys.ToArray())];

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes)
    {
        int needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_buffer.Length < needed) _buffer = new char[Math.Max(needed, _buffer.Length * 2)];
        int length = Encoding.UTF8.GetChars(bytes, _buffer);
        return _buffer.AsSpan(0, length);
    }
}

/// <summary>The generic path: several keys (or a type without a specialized table), boxed into a row.</summary>
internal sealed class CompositeKeyTable(IReadOnlyList<ArrowType> types) : GroupKeyTable
{
    private readonly Dictionary<CompositeKey, int> _ids = [];
    private readonly List<object?[]> _keys = [];

    public override int Count => _keys.Count;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        int rows = keys[0].Length;
        for (int i = 0; i < rows; i++)
        {
            var key = new CompositeKey(Row(keys, i));
            if (!_ids.TryGetValue(key, out int id))
            {
                id = _keys.Count;
                _ids.Add(key, id);
                _keys.Add(key.Values);
            }
            groupIds[i] = id;
        }
    }

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds)
    {
        int rows = keys[0].Length;
        for (int i = 0; i < rows; i++)
        {
            groupIds[i] = AnyNull(keys, i) ? -1 : _ids.GetValueOrDefault(new CompositeKey(Row(keys, i)), -1);
        }
    }

    public override ArrowArray[] BuildKeys()
    {
        var columns = new ArrowArray[types.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            columns[c] = ColumnValues.FromObjects(types[c], _keys.Select(k => k[c]).ToArray());
        }
        return columns;
    }

    private static object?[] Row(IReadOnlyList<ArrowArray> keys, int row)
    {
        var values = new object?[keys.Count];
        for (int c = 0; c < values.Length; c++)
        {
            values[c] = Normalize(Kernels.ArrayValues.Get(keys[c], row));
        }
        return values;
    }

    // Integer-like keys compare as long, as in the specialized table, so int and bigint join keys agree.
    private static object? Normalize(object? value) => value switch
    {
        sbyte v => (long)v,
        short v => (long)v,
        int v => (long)v,
        _ => value,
    };

    private readonly struct CompositeKey(object?[] values) : IEquatable<CompositeKey>
    {
        public object?[] Values { get; } = values;

        public bool Equals(CompositeKey other)
        {
            for (int i = 0; i < Values.Length; i++)
            {
                if (!KeyEquals(Values[i], other.Values[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is CompositeKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values)
            {
                hash.Add(value is byte[] bytes ? bytes.Length : value?.GetHashCode() ?? 0);
            }
            return hash.ToHashCode();
        }

        private static bool KeyEquals(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
    }
}
