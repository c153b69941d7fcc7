using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>
/// Dictionary-encoded strings: int32 <see cref="Indices"/> per row into a shared <see cref="Dictionary"/> of
/// values. A row is null when its index is null or when the dictionary entry it points at is null.
/// Slicing slices the indices and shares the whole dictionary.
/// </summary>
internal sealed class DictionaryArray : ArrowArray
{
    public DictionaryArray(ArrayData data)
        : base(data)
    {
        if (data.Type is not Types.DictionaryType)
        {
            throw new ArgumentException($"A DictionaryArray cannot hold {data.Type} values.", nameof(data));
        }
        RequireValidity(data);
        RequireBuffer(data, 1, ((long)data.Offset + data.Length) * sizeof(int), "indices");
        if (data.Dictionary is null)
        {
            throw new ArgumentException("A dictionary-encoded array needs its dictionary.", nameof(data));
        }
        Dictionary = new StringArray(data.Dictionary);
    }

    public DictionaryType DictionaryType => (DictionaryType)Type;

    /// <summary>Indices of slots 0..Length-1 into <see cref="Dictionary"/>, offset-sliced.</summary>
    public ReadOnlySpan<int> Indices => IndexBuffer.AsSpan<int>().Slice(Offset, Length);

    public ArrowBuffer IndexBuffer => Data.Buffers[1];

    public StringArray Dictionary { get; }

    /// <summary>The dictionary index of a non-null row, or null.</summary>
    public int? GetIndex(int index) => IsValid(index) ? Indices[index] : null;

    public string? GetString(int index)
    {
        if (!IsValid(index))
        {
            return null;
        }
        int entry = Indices[index];
        if ((uint)entry >= (uint)Dictionary.Length)
        {
            throw new InvalidDataException($"Row {index} points at dictionary entry {entry}, but the dictionary has {Dictionary.Length}.");
        }
        return Dictionary.GetString(entry);
    }

    public override DictionaryArray Slice(int offset, int length) => new(Data.Slice(offset, length));

    /// <summary>Encodes strings as they come: each distinct value enters the dictionary once, in order of first appearance.</summary>
    public sealed class Builder : IDisposable
    {
        private readonly DictionaryType _type;
        private readonly ArrowBuffer.Builder<int> _indices;
        private readonly ValidityBuilder _validity = new();
        private readonly StringArray.Builder _values = new();
        private readonly Dictionary<string, int> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public Builder(DictionaryType? type = null, int capacity = 0)
        {
            _type = type ?? DictionaryType.Default;
            _indices = new ArrowBuffer.Builder<int>(capacity);
            _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public int Length => _indices.Length;

        /// <summary>Number of distinct values so far.</summary>
        public int DictionaryLength => _entries.Count;

        public Builder Append(string? value) => value is null ? AppendNull() : Append(value.AsSpan());

        /// <summary>Appends a value; allocates a string only the first time a value is seen.</summary>
        public Builder Append(ReadOnlySpan<char> value)
        {
            if (!_lookup.TryGetValue(value, out int entry))
            {
                entry = _entries.Count;
                _lookup[value] = entry;
                _values.Append(value);
            }
            _indices.Append(entry);
            _validity.AppendValid();
            return this;
        }

        public Builder AppendNull()
        {
            _indices.Append(0);
            _validity.AppendNull();
            return this;
        }

        public DictionaryArray Build()
        {
            int length = _indices.Length;
            int nullCount = _validity.NullCount;
            var validity = _validity.Build();
            var dictionary = _values.Build();
            _entries.Clear();
            return new DictionaryArray(new ArrayData(_type, length, 0, nullCount, [validity, _indices.Build()], dictionary: dictionary.Data));
        }

        public void Dispose()
        {
            _indices.Dispose();
            _validity.Dispose();
            _values.Dispose();
        }
    }
}
