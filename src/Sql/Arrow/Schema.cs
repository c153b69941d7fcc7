namespace Rdd.Sql.Arrow;

/// <summary>The ordered fields of a <see cref="RecordBatch"/> plus schema-level metadata. Names may repeat.</summary>
internal sealed class Schema
{
    private static readonly IReadOnlyDictionary<string, string> s_noMetadata = new Dictionary<string, string>();

    private readonly Field[] _fields;

    public Schema(IEnumerable<Field> fields, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = [.. fields];
        foreach (var field in _fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
        }
        Metadata = metadata is null || metadata.Count == 0 ? s_noMetadata : new Dictionary<string, string>(metadata);
    }

    public IReadOnlyList<Field> Fields => _fields;

    public int FieldCount => _fields.Length;

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public Field GetField(int index) => _fields[index];

    /// <summary>Index of the first field called <paramref name="name"/> (ordinal), or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < _fields.Length; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    public override string ToString() => string.Join(", ", _fields.Select(f => f.ToString()));
}
