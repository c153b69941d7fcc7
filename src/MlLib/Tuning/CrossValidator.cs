using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// k-fold cross-validation over a grid of parameter maps (Spark ML's <c>CrossValidator</c>): every map is fitted
/// on every fold's training part and scored by <see cref="Evaluator"/> on its validation part; the map with the
/// best average metric is fitted again on the whole frame. Folds are drawn from a seeded hash of each row's values,
/// so they are the same for the same seed and data whatever the partitioning.
/// </summary>
public sealed class CrossValidator : Validator<CrossValidatorModel>
{
    private int _numFolds = 3;

    /// <summary>A cross-validator with Spark's defaults (3 folds, one fit at a time).</summary>
    public CrossValidator()
        : base("cv")
    {
    }

    /// <summary>The number of folds (≥ 2; default 3).</summary>
    public int NumFolds { get => _numFolds; set => _numFolds = value >= 2 ? value : throw new ArgumentException($"NumFolds must be at least 2, not {value}.", nameof(NumFolds)); }

    /// <inheritdoc />
    protected override Model FitModel(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var (estimator, maps, evaluator) = Checked();
        TransformSchema(dataset.Schema);
        var folds = ValidationSplits.KFold(dataset, NumFolds, Seed);
        var metrics = ValidationSplits.Evaluate(estimator, maps, evaluator, folds, Parallelism);
        var average = new double[maps.Length];
        var std = new double[maps.Length];
        for (int m = 0; m < maps.Length; m++)
        {
            var values = Enumerable.Range(0, NumFolds).Select(f => metrics[m, f]).ToArray();
            average[m] = values.Average();
            std[m] = Math.Sqrt(values.Sum(v => (v - average[m]) * (v - average[m])) / NumFolds);
        }
        int best = ValidationSplits.Best(average, evaluator.IsLargerBetter);
        var bestModel = estimator.Fit(dataset, maps[best]);
        return new CrossValidatorModel(Uid, bestModel, average, std, maps) { Parent = this };
    }
}

/// <summary>The result of a <see cref="CrossValidator"/>: the best model, refitted on all the data, and every map's metrics.</summary>
public sealed class CrossValidatorModel : Model
{
    internal CrossValidatorModel(string uid, Model bestModel, double[] avgMetrics, double[] stdMetrics, ParamMap[] maps)
        : base("cv")
    {
        Uid = uid;
        BestModel = bestModel;
        AvgMetrics = avgMetrics;
        StdMetrics = stdMetrics;
        EstimatorParamMaps = maps;
    }

    /// <summary>The model fitted on the whole frame with the best map.</summary>
    public Model BestModel { get; }

    /// <summary>Each map's metric averaged over the folds, in the order of <see cref="EstimatorParamMaps"/>.</summary>
    public double[] AvgMetrics { get; }

    /// <summary>Each map's metric's standard deviation over the folds.</summary>
    public double[] StdMetrics { get; }

    /// <summary>The maps that were tried.</summary>
    public ParamMap[] EstimatorParamMaps { get; }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema) => BestModel.TransformSchema(schema);

    /// <summary>Applies <see cref="BestModel"/>.</summary>
    public override DataFrame Transform(DataFrame dataset) => BestModel.Transform(dataset);
}
