using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>Scores a predictions frame with one metric (Spark ML's <c>Evaluator</c>), as tuning compares models.</summary>
public abstract class Evaluator
{
    /// <summary>The metric of <paramref name="dataset"/> (a frame with a model's output columns); runs jobs.</summary>
    /// <exception cref="ArgumentException">A needed column is missing or of the wrong type.</exception>
    public abstract double Evaluate(DataFrame dataset);

    /// <summary>Whether a larger metric is better (true for areas and accuracies, false for losses).</summary>
    public virtual bool IsLargerBetter => true;
}
