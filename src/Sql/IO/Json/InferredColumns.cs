using System.Text;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Json;

/// <summary>
/// The columns JSON inference has met so far: names in order of appearance, each with the type so far
/// (null while only nulls were seen). Key lookup decodes the UTF-8 key into a stack buffer and probes the
/// dictionary with the span, so only a new key allocates a string.
/// </summary>
internal sealed class InferredColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];
    private readonly List<DataType?> _types = [];
    private readonly List<bool> _observed = [];

    public InferredColumns() => _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();

    public int GetOrAdd(ReadOnlySpan<byte> utf8Name)
    {
        Span<char> stack = stackalloc char[128];
        var chars = utf8Name.Length <= stack.Length ? stack : new char[utf8Name.Length];
        int length = Encoding.UTF8.GetChars(utf8Name, chars);
        return GetOrAdd(chars[..length]);
    }

    public int GetOrAdd(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out int column))
        {
            return column;
        }
        column = _names.Count;
        string text = name.ToString();
        _index.Add(text, column);
        _names.Add(text);
        _types.Add(null);
        _observed.Add(false);
        return column;
    }

    /// <summary>Records a value of <paramref name="type"/> (null for a JSON null) in a valid record.</summary>
    public void Observe(int column, DataType? type)
    {
        _types[column] = JsonSchemaInference.Merge(_types[column], type);
        _observed[column] = true;
    }

    public void MergeFrom(InferredColumns other)
    {
        for (int i = 0; i < other._names.Count; i++)
        {
            if (!other._observed[i])
            {
                continue;
            }
            Observe(GetOrAdd(other._names[i].AsSpan()), other._types[i]);
        }
    }

    /// <summary>
    /// Fields sorted by name (ordinal), as Spark orders inferred JSON schemas; never-typed columns are
    /// strings, and keys met only in malformed records are left out.
    /// </summary>
    public StructType ToSchema() => new(
        Enumerable.Range(0, _names.Count)
            .Where(i => _observed[i])
            .OrderBy(i => _names[i], StringComparer.Ordinal)
            .Select(i => new StructField(_names[i], _types[i] ?? StringType.Instance)));
}
