using Apache.Arrow;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// Reads a vector column's Arrow storage in place (<see cref="VectorType"/>'s struct): whether a row is dense, its
/// size, indices and values as spans of the batch's buffers. Training and transformers use it to avoid building
/// a <see cref="Vector"/> object per row.
/// </summary>
internal readonly struct VectorColumn
{
    private readonly PrimitiveArray<sbyte> _tags;
    private readonly PrimitiveArray<int> _sizes;
    private readonly ListArray _indices;
    private readonly ListArray _values;

    public VectorColumn(StructArray storage)
    {
        Storage = storage;
        _tags = (PrimitiveArray<sbyte>)storage.Field(0);
        _sizes = (PrimitiveArray<int>)storage.Field(1);
        _indices = (ListArray)storage.Field(2);
        _values = (ListArray)storage.Field(3);
    }

    public StructArray Storage { get; }

    public int Length => Storage.Length;

    public bool IsNull(int row) => Storage.IsNull(row);

    public bool IsDense(int row) => _tags.Values[row] == VectorType.DenseTag;

    /// <summary>The vector's size: its value count when dense.</summary>
    public int Size(int row) => IsDense(row) ? _values.GetValueLength(row) : _sizes.Values[row];

    /// <summary>The stored values (all of a dense vector; those at <see cref="Indices"/> of a sparse one).</summary>
    public ReadOnlySpan<double> Values(int row) => _values.GetValues<double>(row);

    /// <summary>The positions of a sparse vector's values.</summary>
    public ReadOnlySpan<int> Indices(int row) => _indices.GetValues<int>(row);

    /// <summary>
    /// Whether every row is a non-null dense vector of <paramref name="size"/> values stored back to back, and if so
    /// those values as one row-major span: how a batch from <see cref="VectorAssembler"/> or a file usually looks.
    /// </summary>
    public bool TryDenseRows(int size, out ReadOnlySpan<double> rows)
    {
        rows = default;
        if (Storage.NullCount > 0 || _tags.Values.IndexOfAnyExcept((sbyte)VectorType.DenseTag) >= 0)
        {
            return false;
        }
        var offsets = _values.ValueOffsets;
        for (int i = 0; i < Length; i++)
        {
            if (offsets[i + 1] - offsets[i] != size)
            {
                return false;
            }
        }
        rows = _values.AllValues<double>().Slice(offsets[0], Length * size);
        return true;
    }

    /// <summary>Why the stored row is malformed (read from a file someone else wrote), or null.</summary>
    public string? Check(int row)
    {
        sbyte tag = _tags.Values[row];
        if (!_values.IsNull(row) && HasNullItem(_values, row))
        {
            return "a vector value is null";
        }
        if (tag == VectorType.DenseTag)
        {
            return _values.IsNull(row) ? "a dense vector (type 1) needs values" : null;
        }
        if (tag != VectorType.SparseTag)
        {
            return $"the vector type is {tag}, not 0 (sparse) or 1 (dense)";
        }
        if (_sizes.IsNull(row) || _sizes.Values[row] < 0)
        {
            return "a sparse vector (type 0) needs a size of at least 0";
        }
        if (_indices.IsNull(row) || _values.IsNull(row) || _indices.GetValueLength(row) != _values.GetValueLength(row))
        {
            return "a sparse vector needs as many indices as values";
        }
        if (HasNullItem(_indices, row))
        {
            return "a sparse vector index is null";
        }
        return VectorType.SparseIndexProblem(Indices(row), _sizes.Values[row]);
    }

    private static bool HasNullItem(ListArray list, int row)
    {
        if (list.Values.NullCount == 0)
        {
            return false;
        }
        var offsets = list.ValueOffsets;
        for (int i = offsets[row]; i < offsets[row + 1]; i++)
        {
            if (list.Values.IsNull(i))
            {
                return true;
            }
        }
        return false;
    }
}
