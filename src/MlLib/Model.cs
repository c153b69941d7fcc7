namespace Rdd.MlLib;

/// <summary>A transformer fitted by an <see cref="Estimator"/> (Spark ML's <c>Model</c>); it keeps its estimator's uid.</summary>
public abstract class Model : Transformer
{
    /// <inheritdoc />
    protected Model(string uidPrefix)
        : base(uidPrefix)
    {
    }

    /// <summary>The estimator that produced this model, when it was fitted in this process.</summary>
    public Estimator? Parent { get; internal set; }
}
