using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>A stage that learns a <see cref="Model"/> from a frame (Spark ML's <c>Estimator</c>).</summary>
public abstract class Estimator : PipelineStage
{
    /// <inheritdoc />
    protected Estimator(string uidPrefix)
        : base(uidPrefix)
    {
    }

    /// <summary>Fits a model to <paramref name="dataset"/>; this runs jobs.</summary>
    public Model Fit(DataFrame dataset) => FitModel(dataset);

    /// <summary>Fits a copy of this estimator with <paramref name="paramMap"/>'s values applied (this one is unchanged).</summary>
    public Model Fit(DataFrame dataset, ParamMap paramMap)
    {
        ArgumentNullException.ThrowIfNull(paramMap);
        return ((Estimator)Copy(paramMap)).FitModel(dataset);
    }

    /// <summary>The fitting itself.</summary>
    protected abstract Model FitModel(DataFrame dataset);
}

/// <summary>An estimator whose <see cref="Fit(DataFrame)"/> returns a <typeparamref name="TModel"/>.</summary>
public abstract class Estimator<TModel> : Estimator where TModel : Model
{
    /// <inheritdoc />
    protected Estimator(string uidPrefix)
        : base(uidPrefix)
    {
    }

    /// <summary>Fits a model to <paramref name="dataset"/>; this runs jobs.</summary>
    public new TModel Fit(DataFrame dataset) => (TModel)FitModel(dataset);

    /// <summary>Fits a copy of this estimator with <paramref name="paramMap"/>'s values applied.</summary>
    public new TModel Fit(DataFrame dataset, ParamMap paramMap) => (TModel)base.Fit(dataset, paramMap);
}
