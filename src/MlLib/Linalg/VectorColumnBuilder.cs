using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Memory;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.MlLib;

/// <summary>
/// Builds a vector column's Arrow storage (<see cref="VectorType"/>) one row at a time from spans, dense or sparse
/// rows mixed, without a <see cref="Vector"/> object per row.
/// </summary>
internal sealed class VectorColumnBuilder : IDisposable
{
    private readonly BufferBuilder<sbyte> _tags;
    private readonly BufferBuilder<int> _sizes;
    private readonly ValidityBuilder _validity = new();
    private readonly ValidityBuilder _sizeValidity = new();
    private readonly ListArrayBuilder<int> _indices;
    private readonly ListArrayBuilder<double> _values;

    public VectorColumnBuilder(int capacity = 0, int valueCapacity = 0)
    {
        var storage = VectorType.Instance.StorageType;
        _tags = new BufferBuilder<sbyte>(capacity);
        _sizes = new BufferBuilder<int>(capacity);
        _indices = new ListArrayBuilder<int>((ArrowTypes.ListType)storage.Fields[2].DataType, capacity);
        _values = new ListArrayBuilder<double>((ArrowTypes.ListType)storage.Fields[3].DataType, capacity, valueCapacity);
    }

    public int Length => _validity.Length;

    public void AppendDense(ReadOnlySpan<double> values)
    {
        _validity.AppendValid();
        _tags.Append(VectorType.DenseTag);
        _sizes.Append(0);
        _sizeValidity.AppendNull();
        _indices.AppendNull();
        _values.Append(values);
    }

    public void AppendSparse(int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        _validity.AppendValid();
        _tags.Append(VectorType.SparseTag);
        _sizes.Append(size);
        _sizeValidity.AppendValid();
        _indices.Append(indices);
        _values.Append(values);
    }

    /// <summary>
    /// Appends <paramref name="values"/> in Spark's <c>compressed</c> form: sparse when that takes less room
    /// (1.5 · (non-zeros + 1) &lt; size), dense otherwise; the scratch spans need room for one row.
    /// </summary>
    public void AppendCompressed(ReadOnlySpan<double> values, Span<int> indexScratch, Span<double> valueScratch)
    {
        int nnz = values.Length - values.Count(0.0);
        if (1.5 * (nnz + 1.0) < values.Length)
        {
            int k = 0;
            for (int j = 0; j < values.Length; j++)
            {
                if (values[j] != 0)
                {
                    indexScratch[k] = j;
                    valueScratch[k++] = values[j];
                }
            }
            AppendSparse(values.Length, indexScratch[..k], valueScratch[..k]);
        }
        else
        {
            AppendDense(values);
        }
    }

    public void Append(Vector? vector)
    {
        switch (vector)
        {
            case null:
                AppendNull();
                break;
            case DenseVector dense:
                AppendDense(dense.ValuesSpan);
                break;
            case SparseVector sparse:
                AppendSparse(sparse.Size, sparse.IndicesSpan, sparse.ValuesSpan);
                break;
        }
    }

    public void AppendNull()
    {
        _validity.AppendNull();
        _tags.Append(0);
        _sizes.Append(0);
        _sizeValidity.AppendNull();
        _indices.AppendNull();
        _values.AppendNull();
    }

    public StructArray Build()
    {
        int count = _validity.Length;
        int nullCount = _validity.NullCount;
        int sizeNulls = _sizeValidity.NullCount;
        var fields = new ArrayData[]
        {
            new(ArrowTypes.Int8Type.Default, count, 0, 0, [ArrowBuffer.Empty, _tags.Build()]),
            new(ArrowTypes.Int32Type.Default, count, sizeNulls, 0, [_sizeValidity.Build(), _sizes.Build()]),
            _indices.Build().Data,
            _values.Build().Data,
        };
        return new StructArray(new ArrayData(VectorType.Instance.StorageType, count, nullCount, 0, [_validity.Build()], fields));
    }

    public void Dispose()
    {
        _tags.Dispose();
        _sizes.Dispose();
        _validity.Dispose();
        _sizeValidity.Dispose();
        _indices.Dispose();
        _values.Dispose();
    }
}
