namespace Rdd.MlLib.Optimization;

/// <summary>Why a minimizer stopped: Breeze's <c>FirstOrderMinimizer.ConvergenceReason</c> cases that its default check can report.</summary>
internal enum ConvergenceReason
{
    /// <summary>The iteration count reached the maximum.</summary>
    MaxIterations,

    /// <summary>The objective moved less than the tolerance (relative to the initial objective) over the remembered values.</summary>
    FunctionValuesConverged,

    /// <summary>The (pseudo-)gradient norm fell below the tolerance relative to the objective, or below 1e-8.</summary>
    GradientConverged,

    /// <summary>Two consecutive steps failed (line search, step size or curvature history); the last good point is kept.</summary>
    SearchFailed,
}

/// <summary>Breeze's wording of the <see cref="ConvergenceReason"/>s, for logs that read like Spark's.</summary>
internal static class ConvergenceReasonExtensions
{
    /// <summary>Breeze's <c>reason</c> string, e.g. "gradient converged".</summary>
    public static string Describe(this ConvergenceReason reason) => reason switch
    {
        ConvergenceReason.MaxIterations => "max iterations reached",
        ConvergenceReason.FunctionValuesConverged => "function values converged",
        ConvergenceReason.GradientConverged => "gradient converged",
        ConvergenceReason.SearchFailed => "line search failed!",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
