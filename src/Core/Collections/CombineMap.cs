using System.Runtime.InteropServices;

namespace Rdd.Core.Collections;

/// <summary>
/// The hash map behind aggregations: a Dictionary with an extra slot for the null key (Spark allows null
/// keys; .NET dictionaries do not), updated in place through value references so that combining a value
/// costs one lookup.
/// </summary>
#pragma warning disable CS8714 // Null keys never reach the dictionary: they live in their own slot.
internal sealed class CombineMap<TKey, TValue>
{
    private readonly Dictionary<TKey, TValue> _map;
    private bool _hasNull;
    private TValue _nullValue = default!;

    public CombineMap(int capacity = 0) => _map = new Dictionary<TKey, TValue>(capacity);

    public int Count => _map.Count + (_hasNull ? 1 : 0);

    /// <summary>A reference to the slot of <paramref name="key"/>; <paramref name="exists"/> says whether it was there.</summary>
    public ref TValue GetValueRefOrAddDefault(TKey key, out bool exists)
    {
        if (key is null)
        {
            exists = _hasNull;
            _hasNull = true;
            return ref _nullValue;
        }
        return ref CollectionsMarshal.GetValueRefOrAddDefault(_map, key, out exists)!;
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (key is null)
        {
            value = _nullValue;
            return _hasNull;
        }
        return _map.TryGetValue(key, out value!);
    }

    public bool ContainsKey(TKey key) => key is null ? _hasNull : _map.ContainsKey(key);

    public IEnumerable<(TKey Key, TValue Value)> Entries()
    {
        if (_hasNull) yield return (default!, _nullValue);
        foreach (var (k, v) in _map) yield return (k, v);
    }

    /// <summary>Copies the entries into an array (map-side output).</summary>
    public (TKey, TValue)[] ToArray()
    {
        var result = new (TKey, TValue)[Count];
        int i = 0;
        if (_hasNull) result[i++] = (default!, _nullValue);
        foreach (var (k, v) in _map) result[i++] = (k, v);
        return result;
    }
}
#pragma warning restore CS8714
