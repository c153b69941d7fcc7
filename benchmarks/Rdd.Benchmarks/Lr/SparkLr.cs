using Rdd.Benchmarks.Workloads;
using Rdd.Core;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// SparkLR (Spark's examples/…/SparkLR.scala; the points read from a text file as in SparkHdfsLR) written as a
/// user of Rdd would write it, and the two hand-written floors it is measured against. Each is an iterator that
/// runs one iteration per <c>MoveNext</c> and yields the new w, so the benchmark can time every iteration and
/// interleave the contenders without changing the programs.
/// </summary>
internal static class SparkLr
{
    /// <summary>
    /// The program. With <see cref="ExecutionMode.InMemory"/> the parsed points are cached by the first iteration's
    /// job; with <see cref="ExecutionMode.MapReduce"/> caching is ignored and every job reads and parses the file again.
    /// </summary>
    public static IEnumerable<DenseVector> Run(RddContext sc, string path, PointFormat format, DenseVector w, int iterations)
    {
        string? header = format.Header;
        var points = sc.TextFile(path)
            .Filter(line => line.Length > 0 && line != header)
            .Map(format.Parse)
            .Cache();
        for (int i = 1; i <= iterations; i++)
        {
            var gradient = points.Map(p => p.X * ((1 / (1 + Math.Exp(-p.Y * w.Dot(p.X))) - 1) * p.Y)).Reduce((a, b) => a + b);
            w -= gradient;
            yield return w;
        }
    }

    /// <summary>
    /// Floor (a), "honest Hadoop": every iteration cuts the file into byte ranges at line starts, and
    /// <paramref name="workers"/> threads re-read and re-parse them with the same parse function, filter, gradient
    /// lambda and reduce as the program, each range summed on its own and the sums added in range order.
    /// </summary>
    public static IEnumerable<DenseVector> HadoopFloor(string path, PointFormat format, DenseVector w, int iterations, int workers)
    {
        string? header = format.Header;
        Func<string, bool> isPoint = line => line.Length > 0 && line != header;
        Func<DataPoint, DenseVector> gradientOf = p => p.X * ((1 / (1 + Math.Exp(-p.Y * w.Dot(p.X))) - 1) * p.Y);
        Func<DenseVector, DenseVector, DenseVector> add = (a, b) => a + b;
        for (int i = 1; i <= iterations; i++)
        {
            var ranges = LineRanges.Split(path, LineRanges.CountFor(path, workers));
            var gradient = ParallelSum(ranges.Length, workers, add, r =>
            {
                DenseVector? sum = null;
                LineRanges.ForEachLine(path, ranges[r], line =>
                {
                    if (!isPoint(line)) return;
                    var g = gradientOf(format.Parse(line));
                    sum = sum is null ? g : add(sum.Value, g);
                });
                return sum;
            });
            w -= gradient;
            yield return w;
        }
    }

    /// <summary>
    /// Floor (b): the same gradient lambda and reduce over a plain array of the parsed points, in
    /// 4 × <paramref name="workers"/> contiguous chunks on <paramref name="workers"/> threads, chunk sums added in order.
    /// </summary>
    public static IEnumerable<DenseVector> ArrayFloor(DataPoint[] points, DenseVector w, int iterations, int workers)
    {
        Func<DataPoint, DenseVector> gradientOf = p => p.X * ((1 / (1 + Math.Exp(-p.Y * w.Dot(p.X))) - 1) * p.Y);
        Func<DenseVector, DenseVector, DenseVector> add = (a, b) => a + b;
        int chunks = Math.Max(1, Math.Min(points.Length, 4 * workers));
        for (int i = 1; i <= iterations; i++)
        {
            var gradient = ParallelSum(chunks, workers, add, c =>
            {
                int start = (int)((long)points.Length * c / chunks), end = (int)((long)points.Length * (c + 1) / chunks);
                DenseVector? sum = null;
                for (int k = start; k < end; k++)
                {
                    var g = gradientOf(points[k]);
                    sum = sum is null ? g : add(sum.Value, g);
                }
                return sum;
            });
            w -= gradient;
            yield return w;
        }
    }

    /// <summary>
    /// Floor (c): plain gradient descent (step 1) on the average logistic loss, one <see cref="FlatLogisticLoss.Evaluate"/>
    /// (loss and gradient, flat and SIMD) per iteration, from zero coefficients. Yields the coefficients (standardized
    /// space, intercept last) and records each iteration's loss, evaluated before its step, in <paramref name="losses"/>.
    /// </summary>
    public static IEnumerable<double[]> FlatFloor(FlatPoints data, int iterations, int workers, List<double> losses)
    {
        var coefficients = new double[data.Dimension + 1];
        var gradient = new double[data.Dimension + 1];
        for (int i = 1; i <= iterations; i++)
        {
            losses.Add(FlatLogisticLoss.Evaluate(data, coefficients, gradient, workers));
            for (int j = 0; j < coefficients.Length; j++) coefficients[j] -= gradient[j];
            yield return (double[])coefficients.Clone();
        }
    }

    /// <summary>Parses every point of the file once into an array (floor (b)'s input; not timed as an iteration).</summary>
    public static DataPoint[] ParseAll(string path, PointFormat format, int workers)
    {
        var ranges = LineRanges.Split(path, LineRanges.CountFor(path, workers));
        var parts = new List<DataPoint>[ranges.Length];
        Parallel.For(0, ranges.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, r =>
        {
            var part = new List<DataPoint>();
            LineRanges.ForEachLine(path, ranges[r], line =>
            {
                if (format.IsPoint(line)) part.Add(format.Parse(line));
            });
            parts[r] = part;
        });
        return parts.SelectMany(p => p).ToArray();
    }

    /// <summary>Runs <paramref name="part"/> for 0..parts-1 on <paramref name="workers"/> threads and adds the non-null results in order.</summary>
    private static DenseVector ParallelSum(int parts, int workers, Func<DenseVector, DenseVector, DenseVector> add, Func<int, DenseVector?> part)
    {
        var sums = new DenseVector?[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = workers }, p => sums[p] = part(p));
        DenseVector? total = null;
        foreach (var s in sums)
            if (s is not null) total = total is null ? s : add(total.Value, s.Value);
        return total ?? throw new InvalidOperationException("No points: the gradient is a sum over an empty set.");
    }
}
