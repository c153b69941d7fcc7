using System.Numerics;
using System.Numerics.Tensors;

namespace Rdd.Benchmarks.Workloads;

/// <summary>
/// Points held flat: n rows of d features in one row-major <c>double[]</c>, the labels (0 or 1) in another, and
/// each feature's sample standard deviation (n - 1, as Spark's summarizer), computed once.
/// </summary>
internal sealed class FlatPoints
{
    public FlatPoints(double[] features, double[] labels, int dimension)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (features.Length != labels.Length * dimension)
            throw new ArgumentException($"{features.Length} feature values do not make {labels.Length} rows of {dimension}.", nameof(features));
        Features = features;
        Labels = labels;
        Dimension = dimension;
        Std = StandardDeviations(features, labels.Length, dimension);
    }

    public double[] Features { get; }

    public double[] Labels { get; }

    public int Count => Labels.Length;

    public int Dimension { get; }

    public double[] Std { get; }

    private static double[] StandardDeviations(double[] features, int n, int d)
    {
        var mean = new double[d];
        var m2 = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = features.AsSpan(i * d, d);
            for (int j = 0; j < d; j++)
            {
                // Welford's update: stable for any offset of the data.
                double delta = row[j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (row[j] - mean[j]);
            }
        }
        var std = new double[d];
        for (int j = 0; j < d; j++) std[j] = n > 1 ? Math.Sqrt(m2[j] / (n - 1)) : 0;
        return std;
    }
}

/// <summary>
/// Floor (c) of the <c>lr</c> benchmark, and the floor Rdd.MlLib's <c>LogisticRegression.Fit</c> is compared to: the
/// binary logistic loss and its gradient, averaged over the points, computed flat with SIMD (<see cref="Vector{T}"/>
/// for the per-row dot products and updates, <see cref="TensorPrimitives"/> for the per-block transcendentals), in
/// parallel. As Spark's LogisticAggregator it works in the standardized space without centering: the features are
/// divided by their standard deviation (a feature with none contributes nothing), with an intercept:
/// <code>
/// margin_i = Σ_j β_j x_ij / σ_j + b
/// loss     = mean_i( log(1 + e^margin_i) - y_i margin_i )
/// ∂β_j     = mean_i( (sigmoid(margin_i) - y_i) x_ij / σ_j ),   ∂b = mean_i( sigmoid(margin_i) - y_i )
/// </code>
/// One call of <see cref="Evaluate"/> is one pass over the data: what one optimizer iteration costs at the least.
/// </summary>
internal static class FlatLogisticLoss
{
    /// <summary>Rows per block: the block's margins and multipliers stay in L1.</summary>
    public const int BlockRows = 256;

    /// <summary>
    /// The average loss at <paramref name="coefficients"/> (d standardized-space coefficients, then the intercept),
    /// its gradient written into <paramref name="gradient"/> (same layout). The rows are cut into
    /// 4 × <paramref name="workers"/> chunks run on <paramref name="workers"/> threads; chunk sums are added in order,
    /// so the result does not depend on timing.
    /// </summary>
    public static double Evaluate(FlatPoints data, ReadOnlySpan<double> coefficients, Span<double> gradient, int workers)
    {
        int d = data.Dimension;
        if (coefficients.Length != d + 1 || gradient.Length != d + 1)
            throw new ArgumentException($"Coefficients and gradient need {d} + 1 values (the intercept last).");
        // Margins use β_j / σ_j; the sums of multiplier × x_ij are divided by σ_j at the end.
        var scaled = new double[d];
        for (int j = 0; j < d; j++) scaled[j] = data.Std[j] > 0 ? coefficients[j] / data.Std[j] : 0;
        double intercept = coefficients[d];
        int n = data.Count;
        int chunks = Math.Max(1, Math.Min(4 * workers, (n + BlockRows - 1) / BlockRows));
        var sums = new double[chunks][];
        var losses = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, c =>
        {
            int start = (int)((long)n * c / chunks), end = (int)((long)n * (c + 1) / chunks);
            var sum = new double[d + 1];
            losses[c] = Accumulate(data, start, end, scaled, intercept, sum);
            sums[c] = sum;
        });
        gradient.Clear();
        double loss = 0;
        for (int c = 0; c < chunks; c++)
        {
            loss += losses[c];
            TensorPrimitives.Add(gradient, sums[c], gradient);
        }
        for (int j = 0; j < d; j++) gradient[j] = data.Std[j] > 0 ? gradient[j] / data.Std[j] / n : 0;
        gradient[d] /= n;
        return loss / n;
    }

    /// <summary>
    /// The kernel over rows [<paramref name="start"/>, <paramref name="end"/>): returns the summed loss and adds
    /// Σ multiplier × x_ij (raw features) into <paramref name="sum"/>[j] and Σ multiplier into <paramref name="sum"/>[d].
    /// </summary>
    public static double Accumulate(FlatPoints data, int start, int end, ReadOnlySpan<double> scaled, double intercept, Span<double> sum)
    {
        int d = data.Dimension;
        var rows = data.Features.AsSpan();
        var labels = data.Labels.AsSpan();
        Span<double> margins = stackalloc double[BlockRows];
        Span<double> work = stackalloc double[BlockRows];
        var gradient = sum[..d];
        double loss = 0, interceptSum = 0;
        for (int block = start; block < end; block += BlockRows)
        {
            int m = Math.Min(BlockRows, end - block);
            var margin = margins[..m];
            var t = work[..m];
            var y = labels.Slice(block, m);
            var blockRows = rows.Slice(block * d, m * d);
            for (int r = 0; r < m; r++) margin[r] = Dot(blockRows.Slice(r * d, d), scaled) + intercept;

            // loss_i = log(1 + e^m) - y m = max(m, 0) + log1p(e^-|m|) - y m (no overflow for any m)
            TensorPrimitives.Abs(margin, t);
            TensorPrimitives.Negate(t, t);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.LogP1(t, t);
            loss += TensorPrimitives.Sum(t);
            TensorPrimitives.Max(margin, 0.0, t);
            loss += TensorPrimitives.Sum(t) - TensorPrimitives.Dot(y, margin);

            // multiplier_i = sigmoid(m) - y; gradient += multiplier_i × row_i
            TensorPrimitives.Sigmoid(margin, t);
            TensorPrimitives.Subtract(t, y, t);
            interceptSum += TensorPrimitives.Sum(t);
            for (int r = 0; r < m; r++) AddScaled(blockRows.Slice(r * d, d), t[r], gradient);
        }
        sum[d] += interceptSum;
        return loss;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        int i = 0;
        double total = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(x[i..]) * new Vector<double>(w[i..]);
            total = Vector.Sum(acc);
        }
        for (; i < x.Length; i++) total += x[i] * w[i];
        return total;
    }

    private static void AddScaled(ReadOnlySpan<double> x, double a, Span<double> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var scale = new Vector<double>(a);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(destination[i..]) + new Vector<double>(x[i..]) * scale).CopyTo(destination[i..]);
        }
        for (; i < x.Length; i++) destination[i] += x[i] * a;
    }
}
