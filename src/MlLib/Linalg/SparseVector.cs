using System.Globalization;
using System.Text;

namespace Rdd.MlLib;

/// <summary>
/// A vector that stores only some positions: <see cref="Indices"/> (strictly increasing) and their
/// <see cref="Values"/>; every other position is 0. Prints as <c>(size,[indices],[values])</c>.
/// </summary>
public sealed class SparseVector : Vector
{
    private readonly int _size;
    private readonly int[] _indices;
    private readonly double[] _values;

    /// <summary>A vector of <paramref name="size"/> positions holding <paramref name="values"/> at <paramref name="indices"/> (not copied).</summary>
    /// <exception cref="ArgumentException">
    /// A negative size, arrays of different lengths, or indices that are not strictly increasing within 0 … size − 1.
    /// </exception>
    public SparseVector(int size, int[] indices, double[] values)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        if (size < 0)
        {
            throw new ArgumentException($"The size of a sparse vector must be at least 0, not {size}.", nameof(size));
        }
        if (indices.Length != values.Length)
        {
            throw new ArgumentException(
                $"A sparse vector needs as many indices as values: {indices.Length} indices, {values.Length} values.", nameof(indices));
        }
        int previous = -1;
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            if (index <= previous)
            {
                throw new ArgumentException(
                    $"The indices of a sparse vector must be strictly increasing: index {index} at position {k} follows {previous}.", nameof(indices));
            }
            if (index >= size)
            {
                throw new ArgumentException($"Index {index} at position {k} is outside a sparse vector of size {size}.", nameof(indices));
            }
            previous = index;
        }
        _size = size;
        _indices = indices;
        _values = values;
    }

    /// <summary>The stored positions, strictly increasing (a read-only view).</summary>
    public IReadOnlyList<int> Indices => _indices;

    /// <summary>The stored values, one per index (a read-only view).</summary>
    public IReadOnlyList<double> Values => _values;

    internal ReadOnlySpan<int> IndicesSpan => _indices;

    internal ReadOnlySpan<double> ValuesSpan => _values;

    /// <inheritdoc />
    public override int Size => _size;

    /// <inheritdoc />
    public override double this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_size)
            {
                throw new IndexOutOfRangeException($"Index {i} is outside a vector of size {_size}.");
            }
            int k = Array.BinarySearch(_indices, i);
            return k >= 0 ? _values[k] : 0.0;
        }
    }

    /// <inheritdoc />
    public override double[] ToArray()
    {
        var array = new double[_size];
        for (int k = 0; k < _indices.Length; k++)
        {
            array[_indices[k]] = _values[k];
        }
        return array;
    }

    /// <inheritdoc />
    public override int NumActives => _values.Length;

    private protected override ReadOnlySpan<double> StoredValues => _values;

    /// <inheritdoc />
    public override int Argmax
    {
        get
        {
            if (_size == 0)
            {
                return -1;
            }
            if (_indices.Length == 0)
            {
                return 0;
            }
            int best = _indices[0];
            double bestValue = _values[0];
            for (int k = 1; k < _indices.Length; k++)
            {
                if (_values[k] > bestValue)
                {
                    best = _indices[k];
                    bestValue = _values[k];
                }
            }
            // Positions that store nothing hold 0: they win over a negative maximum, and the first of them wins
            // a tie with a stored 0 that comes later (Spark's rule).
            if (bestValue <= 0 && _indices.Length < _size)
            {
                int firstUnstored = FirstUnstored();
                if (bestValue < 0 || firstUnstored < best)
                {
                    return firstUnstored;
                }
            }
            return best;
        }
    }

    private int FirstUnstored()
    {
        for (int k = 0; k < _indices.Length; k++)
        {
            if (_indices[k] != k)
            {
                return k;
            }
        }
        return _indices.Length;
    }

    /// <inheritdoc />
    public override void ForeachActive(Action<int, double> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (int k = 0; k < _indices.Length; k++)
        {
            action(_indices[k], _values[k]);
        }
    }

    /// <inheritdoc />
    public override SparseVector ToSparse()
    {
        int nnz = NumNonzeros;
        if (nnz == _values.Length)
        {
            return this;
        }
        var indices = new int[nnz];
        var values = new double[nnz];
        int j = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            if (_values[k] != 0)
            {
                indices[j] = _indices[k];
                values[j++] = _values[k];
            }
        }
        return new SparseVector(_size, indices, values);
    }

    internal double DotDense(ReadOnlySpan<double> dense)
    {
        double sum = 0;
        for (int k = 0; k < _indices.Length; k++)
        {
            sum += _values[k] * dense[_indices[k]];
        }
        return sum;
    }

    internal double DotSparse(SparseVector other)
    {
        double sum = 0;
        int i = 0, j = 0;
        while (i < _indices.Length && j < other._indices.Length)
        {
            int a = _indices[i], b = other._indices[j];
            if (a == b)
            {
                sum += _values[i++] * other._values[j++];
            }
            else if (a < b)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return sum;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(_indices.Length * 12 + 16);
        text.Append('(').Append(_size.ToString(CultureInfo.InvariantCulture)).Append(",[");
        for (int k = 0; k < _indices.Length; k++)
        {
            if (k > 0)
            {
                text.Append(',');
            }
            text.Append(_indices[k].ToString(CultureInfo.InvariantCulture));
        }
        text.Append("],");
        AppendList(text, _values);
        text.Append(')');
        return text.ToString();
    }
}
