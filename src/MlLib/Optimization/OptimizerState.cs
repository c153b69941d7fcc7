namespace Rdd.MlLib.Optimization;

/// <summary>
/// One state of a minimizer as its iterator yields it, Breeze's <c>FirstOrderMinimizer.State</c>: the initial point
/// first, then one state per step, the last carrying the <see cref="Reason"/> for stopping.
/// </summary>
/// <remarks>
/// A failed step also yields a state, with the same point, value and <see cref="Iteration"/> as the one before it
/// (first with <see cref="HistoryReset"/>, then, if it fails again, as the final state with
/// <see cref="ConvergenceReason.SearchFailed"/>); Spark records those too in its objective history.
/// <see cref="X"/> is a view of the minimizer's buffer, valid only until the iterator moves on: copy it to keep it.
/// </remarks>
internal readonly struct OptimizerState
{
    public OptimizerState(
        int iteration,
        double value,
        double smoothValue,
        double gradientNorm,
        int evaluations,
        bool historyReset,
        ConvergenceReason? reason,
        ReadOnlyMemory<double> x)
    {
        Iteration = iteration;
        Value = value;
        SmoothValue = smoothValue;
        GradientNorm = gradientNorm;
        Evaluations = evaluations;
        HistoryReset = historyReset;
        Reason = reason;
        X = x;
    }

    /// <summary>Successful steps taken so far (Breeze's <c>iter</c>); 0 for the initial state.</summary>
    public int Iteration { get; }

    /// <summary>The objective at <see cref="X"/>, including any L1 term (Breeze's <c>adjustedValue</c>, what Spark records).</summary>
    public double Value { get; }

    /// <summary>The differentiable part f(<see cref="X"/>) alone (Breeze's <c>value</c>); equals <see cref="Value"/> without L1.</summary>
    public double SmoothValue { get; }

    /// <summary>The Euclidean norm of the gradient of <see cref="Value"/> (OWL-QN's pseudo-gradient under L1).</summary>
    public double GradientNorm { get; }

    /// <summary>Calls of the objective function so far.</summary>
    public int Evaluations { get; }

    /// <summary>Whether this state follows a failed step after which the curvature history was forgotten.</summary>
    public bool HistoryReset { get; }

    /// <summary>Why the minimizer stops here; null on every state but the last.</summary>
    public ConvergenceReason? Reason { get; }

    /// <summary>The current point (a view valid until the iterator moves on).</summary>
    public ReadOnlyMemory<double> X { get; }
}
