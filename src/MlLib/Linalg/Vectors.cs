namespace Rdd.MlLib;

/// <summary>Factory methods for <see cref="Vector"/>s, Spark's <c>Vectors</c>.</summary>
public static class Vectors
{
    /// <summary>A dense vector of <paramref name="values"/> (the array is kept, not copied).</summary>
    public static Vector Dense(params double[] values) => new DenseVector(values);

    /// <summary>A sparse vector of <paramref name="size"/> with <paramref name="values"/> at <paramref name="indices"/> (strictly increasing).</summary>
    /// <exception cref="ArgumentException">The indices are not strictly increasing within the size, or the lengths differ.</exception>
    public static Vector Sparse(int size, int[] indices, double[] values) => new SparseVector(size, indices, values);

    /// <summary>A sparse vector of <paramref name="size"/> from (index, value) pairs in any order.</summary>
    /// <exception cref="ArgumentException">An index repeats or lies outside the size.</exception>
    public static Vector Sparse(int size, IEnumerable<(int Index, double Value)> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var sorted = elements.OrderBy(e => e.Index).ToArray();
        for (int k = 1; k < sorted.Length; k++)
        {
            if (sorted[k].Index == sorted[k - 1].Index)
            {
                throw new ArgumentException($"Index {sorted[k].Index} appears more than once.", nameof(elements));
            }
        }
        if (sorted.Length > 0 && sorted[0].Index < 0)
        {
            throw new ArgumentException($"Index {sorted[0].Index} is negative.", nameof(elements));
        }
        return new SparseVector(size, [.. sorted.Select(e => e.Index)], [.. sorted.Select(e => e.Value)]);
    }

    /// <summary>A dense vector of <paramref name="size"/> zeros.</summary>
    public static Vector Zeros(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new DenseVector(new double[size]);
    }

    /// <summary>The p-norm of <paramref name="vector"/> (p ≥ 1; <see cref="double.PositiveInfinity"/> for the largest absolute value).</summary>
    /// <exception cref="ArgumentException">p is below 1.</exception>
    public static double Norm(Vector vector, double p)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (!(p >= 1))
        {
            throw new ArgumentException($"The norm needs p >= 1, not {p}.", nameof(p));
        }
        double result = 0;
        vector.ForeachActive((_, v) =>
        {
            double a = Math.Abs(v);
            if (double.IsPositiveInfinity(p))
            {
                result = Math.Max(result, a);
            }
            else if (p == 1)
            {
                result += a;
            }
            else if (p == 2)
            {
                result += a * a;
            }
            else
            {
                result += Math.Pow(a, p);
            }
        });
        return double.IsPositiveInfinity(p) || p == 1 ? result : p == 2 ? Math.Sqrt(result) : Math.Pow(result, 1 / p);
    }

    /// <summary>The squared Euclidean distance between two vectors of the same size.</summary>
    /// <exception cref="ArgumentException">The sizes differ.</exception>
    public static double SqDist(Vector a, Vector b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Size != b.Size)
        {
            throw new ArgumentException($"Vector sizes differ: {a.Size} and {b.Size}.", nameof(b));
        }
        double sum = 0;
        for (int i = 0; i < a.Size; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
