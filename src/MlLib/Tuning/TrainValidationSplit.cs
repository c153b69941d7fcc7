using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// Tuning on one split instead of k folds (Spark ML's <c>TrainValidationSplit</c>): every map is fitted on
/// <see cref="TrainRatio"/> of the rows and scored on the rest; the best map is fitted again on everything.
/// </summary>
public sealed class TrainValidationSplit : Validator<TrainValidationSplitModel>
{
    private double _trainRatio = 0.75;

    /// <summary>A split with Spark's defaults (75 % training).</summary>
    public TrainValidationSplit()
        : base("tvs")
    {
    }

    /// <summary>The fraction of rows used for training, in (0, 1) (default 0.75).</summary>
    public double TrainRatio
    {
        get => _trainRatio;
        set => _trainRatio = value is > 0 and < 1 ? value : throw new ArgumentException($"TrainRatio must be in (0, 1), not {value}.", nameof(TrainRatio));
    }

    /// <inheritdoc />
    protected override Model FitModel(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var (estimator, maps, evaluator) = Checked();
        TransformSchema(dataset.Schema);
        var split = ValidationSplits.Split(dataset, TrainRatio, Seed);
        var metrics = ValidationSplits.Evaluate(estimator, maps, evaluator, [split], Parallelism);
        var values = Enumerable.Range(0, maps.Length).Select(m => metrics[m, 0]).ToArray();
        int best = ValidationSplits.Best(values, evaluator.IsLargerBetter);
        return new TrainValidationSplitModel(Uid, estimator.Fit(dataset, maps[best]), values, maps) { Parent = this };
    }
}

/// <summary>The result of a <see cref="TrainValidationSplit"/>: the best model and every map's validation metric.</summary>
public sealed class TrainValidationSplitModel : Model
{
    internal TrainValidationSplitModel(string uid, Model bestModel, double[] validationMetrics, ParamMap[] maps)
        : base("tvs")
    {
        Uid = uid;
        BestModel = bestModel;
        ValidationMetrics = validationMetrics;
        EstimatorParamMaps = maps;
    }

    /// <summary>The model fitted on the whole frame with the best map.</summary>
    public Model BestModel { get; }

    /// <summary>Each map's validation metric, in the order of <see cref="EstimatorParamMaps"/>.</summary>
    public double[] ValidationMetrics { get; }

    /// <summary>The maps that were tried.</summary>
    public ParamMap[] EstimatorParamMaps { get; }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema) => BestModel.TransformSchema(schema);

    /// <summary>Applies <see cref="BestModel"/>.</summary>
    public override DataFrame Transform(DataFrame dataset) => BestModel.Transform(dataset);
}
