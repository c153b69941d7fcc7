using System.Text;

namespace Rdd.MlLib;

/// <summary>A vector that stores every value: <c>[0.1,0.2]</c>.</summary>
public sealed class DenseVector : Vector
{
    private readonly double[] _values;

    /// <summary>A vector over <paramref name="values"/> (not copied: do not change the array afterwards).</summary>
    public DenseVector(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>The values (a read-only view of the storage).</summary>
    public IReadOnlyList<double> Values => _values;

    internal ReadOnlySpan<double> ValuesSpan => _values;

    /// <inheritdoc />
    public override int Size => _values.Length;

    /// <inheritdoc />
    public override double this[int i] => _values[i];

    /// <inheritdoc />
    public override double[] ToArray() => (double[])_values.Clone();

    /// <inheritdoc />
    public override int NumActives => _values.Length;

    private protected override ReadOnlySpan<double> StoredValues => _values;

    /// <inheritdoc />
    public override int Argmax
    {
        get
        {
            if (_values.Length == 0)
            {
                return -1;
            }
            int best = 0;
            for (int i = 1; i < _values.Length; i++)
            {
                if (_values[i] > _values[best])
                {
                    best = i;
                }
            }
            return best;
        }
    }

    /// <inheritdoc />
    public override void ForeachActive(Action<int, double> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int i = 0; i < _values.Length; i++)
        {
            action(i, _values[i]);
        }
    }

    /// <inheritdoc />
    public override DenseVector ToDense() => this;

    /// <inheritdoc />
    public override SparseVector ToSparse()
    {
        int nnz = NumNonzeros;
        var indices = new int[nnz];
        var values = new double[nnz];
        int k = 0;
        for (int i = 0; i < _values.Length; i++)
        {
            if (_values[i] != 0)
            {
                indices[k] = i;
                values[k++] = _values[i];
            }
        }
        return new SparseVector(_values.Length, indices, values);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(_values.Length * 8 + 2);
        AppendList(text, _values);
        return text.ToString();
    }
}
