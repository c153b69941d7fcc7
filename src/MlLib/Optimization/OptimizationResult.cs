namespace Rdd.MlLib.Optimization;

/// <summary>
/// What <c>Minimize</c> returns: the last state of the run, with the objective history Spark's
/// <c>LogisticRegression</c> builds from <c>state.adjustedValue</c> of every state the iterator yields.
/// </summary>
/// <remarks>
/// A run that stops with <see cref="ConvergenceReason.SearchFailed"/> still returns its last good point, which Spark
/// uses as the model; Spark only fails when the optimizer yields no state at all, which here is an exception instead.
/// </remarks>
internal sealed class OptimizationResult
{
    public OptimizationResult(
        double[] x,
        double value,
        double gradientNorm,
        double[] objectiveHistory,
        int iterations,
        int evaluations,
        ConvergenceReason reason)
    {
        X = x;
        Value = value;
        GradientNorm = gradientNorm;
        ObjectiveHistory = objectiveHistory;
        Iterations = iterations;
        Evaluations = evaluations;
        Reason = reason;
    }

    /// <summary>The final point (owned by the result).</summary>
    public double[] X { get; }

    /// <summary>The objective at <see cref="X"/>, including any L1 term.</summary>
    public double Value { get; }

    /// <summary>The norm of the (pseudo-)gradient at <see cref="X"/>.</summary>
    public double GradientNorm { get; }

    /// <summary>The objective of every yielded state, starting with the initial point and ending with <see cref="Value"/>.</summary>
    public double[] ObjectiveHistory { get; }

    /// <summary>Successful steps taken (Breeze's final <c>iter</c>).</summary>
    public int Iterations { get; }

    /// <summary>
    /// Spark's <c>totalIterations</c>: the history's length minus the initial state. Equals <see cref="Iterations"/>
    /// unless steps failed, each failure adding a repeated state to the history.
    /// </summary>
    public int TotalIterations => ObjectiveHistory.Length - 1;

    /// <summary>Calls of the objective function.</summary>
    public int Evaluations { get; }

    /// <summary>Why the run stopped.</summary>
    public ConvergenceReason Reason { get; }
}
