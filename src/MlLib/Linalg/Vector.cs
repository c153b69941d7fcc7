using System.Text;
using Rdd.Sql.Show;

namespace Rdd.MlLib;

/// <summary>
/// A vector of doubles indexed from 0, Spark ML's <c>Vector</c>: dense (<see cref="DenseVector"/>, every value
/// stored) or sparse (<see cref="SparseVector"/>, the non-zero positions and their values). Vectors are immutable
/// from the outside, compare by value whatever their storage (a dense and a sparse vector with the same values are
/// equal, as in Spark) and print as Spark does: <c>[0.1,0.2]</c> and <c>(5,[1,3],[0.5,2.0])</c>.
/// As a DataFrame column they have the <c>vector</c> type (<see cref="VectorType"/>).
/// </summary>
[Rdd.Sql.SqlUserDefinedType(typeof(VectorType))]
public abstract class Vector : IEquatable<Vector>
{
    private protected Vector()
    {
    }

    /// <summary>The number of positions (the dimension), not the number of stored values.</summary>
    public abstract int Size { get; }

    /// <summary>The value at position <paramref name="i"/> (0 where a sparse vector stores nothing).</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="i"/> is outside 0 … Size − 1.</exception>
    public abstract double this[int i] { get; }

    /// <summary>Every value, positions with nothing stored included, as a new array.</summary>
    public abstract double[] ToArray();

    /// <summary>The number of stored values (all of a dense vector).</summary>
    public abstract int NumActives { get; }

    /// <summary>The number of values that are not 0.</summary>
    public int NumNonzeros => StoredValues.Length - StoredValues.Count(0.0);

    /// <summary>The stored values: all of a dense vector's, the non-default ones of a sparse vector.</summary>
    private protected abstract ReadOnlySpan<double> StoredValues { get; }

    /// <summary>Calls <paramref name="action"/> with (position, value) for every stored value, in position order.</summary>
    public abstract void ForeachActive(Action<int, double> action);

    /// <summary>This vector with every value stored.</summary>
    public virtual DenseVector ToDense() => new(ToArray());

    /// <summary>This vector with only its non-zero values stored.</summary>
    public abstract SparseVector ToSparse();

    /// <summary>
    /// The smaller of the dense and sparse forms, as Spark's <c>compressed</c>: sparse when it needs fewer bytes
    /// (12 bytes per non-zero against 8 per position, plus overhead).
    /// </summary>
    public Vector Compressed
    {
        get
        {
            int nnz = NumNonzeros;
            // Spark's rule: 1.5 * (nnz + 1) < size, i.e. sparse storage (int + double per entry) is smaller.
            if (1.5 * (nnz + 1.0) < Size)
            {
                return this is SparseVector s && s.NumActives == nnz ? s : ToSparse();
            }
            return this is DenseVector d ? d : ToDense();
        }
    }

    /// <summary>The position of the largest value (the first one on ties), −1 for an empty vector.</summary>
    public abstract int Argmax { get; }

    /// <summary>The dot product with <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public double Dot(Vector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Size != Size)
        {
            throw new ArgumentException($"Vector sizes differ: {Size} and {other.Size}.", nameof(other));
        }
        return (this, other) switch
        {
            (DenseVector a, DenseVector b) => System.Numerics.Tensors.TensorPrimitives.Dot(a.ValuesSpan, b.ValuesSpan),
            (SparseVector a, DenseVector b) => a.DotDense(b.ValuesSpan),
            (DenseVector a, SparseVector b) => b.DotDense(a.ValuesSpan),
            _ => ((SparseVector)this).DotSparse((SparseVector)other),
        };
    }

    /// <inheritdoc />
    public bool Equals(Vector? other)
    {
        if (other is null || other.Size != Size)
        {
            return false;
        }
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (this is DenseVector a && other is DenseVector b)
        {
            return a.ValuesSpan.SequenceEqual(b.ValuesSpan);
        }
        for (int i = 0; i < Size; i++)
        {
            if (!this[i].Equals(other[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is Vector other && Equals(other);

    /// <summary>A hash of the size and the first non-zero values (as Spark: equal vectors hash alike whatever their storage).</summary>
    public sealed override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Size);
        int taken = 0;
        for (int i = 0; i < Size && taken < 128; i++)
        {
            double v = this[i];
            if (v != 0)
            {
                hash.Add(i);
                hash.Add(v);
                taken++;
            }
        }
        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Vector? left, Vector? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Vector? left, Vector? right) => !(left == right);

    /// <summary>Spark's text: <c>[0.1,0.2]</c> for dense vectors, <c>(size,[indices],[values])</c> for sparse ones.</summary>
    public abstract override string ToString();

    /// <summary>Doubles as Java prints them (<c>1.0</c>, <c>1.0E-5</c>, <c>NaN</c>), joined by commas in brackets.</summary>
    internal static void AppendList(StringBuilder text, ReadOnlySpan<double> values)
    {
        text.Append('[');
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append(ValueFormatter.Format(values[i]));
        }
        text.Append(']');
    }
}
