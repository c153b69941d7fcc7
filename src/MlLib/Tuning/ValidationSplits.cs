using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib;

/// <summary>How tuning cuts a frame into training and validation parts, by <see cref="RowUniform"/>'s per-row number.</summary>
internal static class ValidationSplits
{
    private static Column Uniform(DataFrame dataset, long seed) =>
        new(new RowUniform([.. dataset.Columns.Select(c => Col(c).Expression)], seed));

    /// <summary>k (training, validation) pairs: fold i validates on the rows whose number lies in [i/k, (i+1)/k).</summary>
    public static (DataFrame Training, DataFrame Validation)[] KFold(DataFrame dataset, int folds, long seed)
    {
        var uniform = Uniform(dataset, seed);
        return [.. Enumerable.Range(0, folds).Select(i =>
        {
            double low = (double)i / folds, high = (double)(i + 1) / folds;
            var inFold = (uniform >= Lit(low)) & (uniform < Lit(high));
            return (dataset.Where(!inFold), dataset.Where(inFold));
        })];
    }

    /// <summary>One (training, validation) pair with about <paramref name="trainRatio"/> of the rows for training.</summary>
    public static (DataFrame Training, DataFrame Validation) Split(DataFrame dataset, double trainRatio, long seed)
    {
        var uniform = Uniform(dataset, seed);
        return (dataset.Where(uniform < Lit(trainRatio)), dataset.Where(uniform >= Lit(trainRatio)));
    }

    /// <summary>
    /// Fits <paramref name="estimator"/> with every map on every (training, validation) pair and returns the metrics
    /// per map and split, running up to <paramref name="parallelism"/> fits at once (each fit's jobs share the context's workers).
    /// </summary>
    public static double[,] Evaluate(Estimator estimator, ParamMap[] maps, Evaluator evaluator,
        IReadOnlyList<(DataFrame Training, DataFrame Validation)> splits, int parallelism)
    {
        var metrics = new double[maps.Length, splits.Count];
        var work = from s in Enumerable.Range(0, splits.Count) from m in Enumerable.Range(0, maps.Length) select (Split: s, Map: m);
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, item =>
        {
            var (training, validation) = splits[item.Split];
            var model = estimator.Fit(training, maps[item.Map]);
            metrics[item.Map, item.Split] = evaluator.Evaluate(model.Transform(validation));
        });
        return metrics;
    }

    /// <summary>The index of the best metric (the first of equals).</summary>
    public static int Best(IReadOnlyList<double> metrics, bool largerIsBetter)
    {
        int best = 0;
        for (int i = 1; i < metrics.Count; i++)
        {
            if (largerIsBetter ? metrics[i] > metrics[best] : metrics[i] < metrics[best])
            {
                best = i;
            }
        }
        return best;
    }
}
