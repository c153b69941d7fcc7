using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// The generic path for key types without a <see cref="KeyColumn"/> (lists, or more than 63 keys): each row is boxed
/// into an object array. Slow, but complete; every common key type takes the coded tables instead.
/// </summary>
internal sealed class BoxedKeyTable(IReadOnlyList<IArrowType> types) : GroupKeyTable
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
