using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// What <see cref="CrossValidator"/> and <see cref="TrainValidationSplit"/> share (Spark's <c>ValidatorParams</c>):
/// the estimator, the grid of maps, the evaluator, the seed of the split and how many fits run at once.
/// </summary>
public abstract class Validator<TModel> : Estimator<TModel> where TModel : Model
{
    private int _parallelism = 1;

    /// <inheritdoc />
    private protected Validator(string uidPrefix)
        : base(uidPrefix)
    {
    }

    /// <summary>The estimator to tune (a <see cref="Pipeline"/> works, its stages tuned by the grid).</summary>
    public Estimator? Estimator { get; set; }

    /// <summary>The parameter maps to try (from <see cref="ParamGridBuilder.Build"/>).</summary>
    public ParamMap[] EstimatorParamMaps { get; set; } = [];

    /// <summary>The metric that ranks the maps.</summary>
    public Evaluator? Evaluator { get; set; }

    /// <summary>The seed of the split into training and validation rows.</summary>
    public long Seed { get; set; } = 0x2A;

    /// <summary>How many models are fitted at once (≥ 1; default 1, as Spark); each fit's jobs share the context's workers.</summary>
    public int Parallelism
    {
        get => _parallelism;
        set => _parallelism = value >= 1 ? value : throw new ArgumentException($"Parallelism must be at least 1, not {value}.", nameof(Parallelism));
    }

    /// <summary>The estimator, maps and evaluator, or an error naming the one that is missing.</summary>
    private protected (Estimator Estimator, ParamMap[] Maps, Evaluator Evaluator) Checked() =>
        (Estimator ?? throw new ArgumentException($"{GetType().Name} needs an Estimator.", nameof(Estimator)),
         EstimatorParamMaps is { Length: > 0 } maps ? maps : throw new ArgumentException($"{GetType().Name} needs at least one parameter map (EstimatorParamMaps).", nameof(EstimatorParamMaps)),
         Evaluator ?? throw new ArgumentException($"{GetType().Name} needs an Evaluator.", nameof(Evaluator)));

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema)
    {
        var (estimator, maps, _) = Checked();
        return ((Estimator)estimator.Copy(maps[0])).TransformSchema(schema);
    }
}
