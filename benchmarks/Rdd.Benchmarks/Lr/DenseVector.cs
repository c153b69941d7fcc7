using System.Numerics.Tensors;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// The user's own dense vector, with the operators SparkLR takes from breeze's <c>DenseVector</c> (which is user
/// code there too, not Spark's): what someone porting the example to Rdd would write. Every operator returns a new
/// vector, as breeze's do, so the gradient lambda and the reduce allocate one vector per element as in Spark.
/// </summary>
public readonly struct DenseVector(double[] values)
{
    public double[] Values { get; } = values;

    public int Length => Values.Length;

    public double this[int i] => Values[i];

    public double Dot(DenseVector other)
    {
        var a = Values;
        var b = other.Values;
        if (a.Length != b.Length) throw new ArgumentException($"Vector lengths differ: {a.Length} and {b.Length}.", nameof(other));
        return TensorPrimitives.Dot(a, b);
    }

    public static DenseVector operator *(DenseVector v, double s)
    {
        var a = v.Values;
        var result = new double[a.Length];
        TensorPrimitives.Multiply(a, s, result);
        return new DenseVector(result);
    }

    public static DenseVector operator +(DenseVector left, DenseVector right)
    {
        var (a, b) = SameLength(left, right);
        var result = new double[a.Length];
        TensorPrimitives.Add(a, b, result);
        return new DenseVector(result);
    }

    public static DenseVector operator -(DenseVector left, DenseVector right)
    {
        var (a, b) = SameLength(left, right);
        var result = new double[a.Length];
        TensorPrimitives.Subtract(a, b, result);
        return new DenseVector(result);
    }

    private static (double[] A, double[] B) SameLength(DenseVector left, DenseVector right) =>
        left.Values.Length == right.Values.Length
            ? (left.Values, right.Values)
            : throw new ArgumentException($"Vector lengths differ: {left.Values.Length} and {right.Values.Length}.", nameof(right));

    public override string ToString() => "[" + string.Join(", ", Values.Select(v => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))) + "]";
}

/// <summary>SparkLR's <c>case class DataPoint(x: Vector[Double], y: Double)</c>; <paramref name="Y"/> is -1 or +1.</summary>
public readonly record struct DataPoint(DenseVector X, double Y);
