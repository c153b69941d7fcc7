using System.Numerics.Tensors;

namespace Rdd.MlLib.Optimization;

/// <summary>
/// The mutable state of one minimization run: the current and next points with their values and gradients, the
/// search direction, line-search scratch vectors, the curvature history and the convergence memory, all allocated
/// once so that iterations allocate nothing.
/// </summary>
/// <remarks>
/// "Adjusted" follows Breeze: the objective and gradient including the L1 term (OWL-QN's pseudo-gradient); without
/// L1 they equal the plain ones.
/// </remarks>
internal sealed class MinimizerWorkspace
{
    public MinimizerWorkspace(DiffFunction function, ReadOnlySpan<double> initial, int memory, ConvergenceCheck convergence)
    {
        int n = initial.Length;
        Dimension = n;
        Function = new CachedDiffFunction(function, n);
        History = new InverseHessianApproximation(memory, n);
        Convergence = convergence;
        X = initial.ToArray();
        Gradient = new double[n];
        AdjustedGradient = new double[n];
        NextX = new double[n];
        NextGradient = new double[n];
        NextAdjustedGradient = new double[n];
        Direction = new double[n];
        TrialX = new double[n];
        TrialGradient = new double[n];
        TrialAdjustedGradient = new double[n];
    }

    public int Dimension { get; }
    public CachedDiffFunction Function { get; }
    public InverseHessianApproximation History { get; }
    public ConvergenceCheck Convergence { get; }

    public double[] X { get; private set; }
    public double[] Gradient { get; private set; }
    public double[] AdjustedGradient { get; private set; }
    public double Value { get; private set; }
    public double AdjustedValue { get; private set; }
    public double AdjustedGradientNorm { get; private set; }
    public double InitialAdjustedValue { get; private set; }
    public int Iteration { get; private set; }

    public double[] NextX { get; private set; }
    public double[] NextGradient { get; private set; }
    public double[] NextAdjustedGradient { get; private set; }

    public double[] Direction { get; }
    public double[] TrialX { get; }
    public double[] TrialGradient { get; }
    public double[] TrialAdjustedGradient { get; }

    /// <summary>The line function the minimizer's search evaluates, set up once per run.</summary>
    public ILineSearchFunction? LineFunction { get; set; }

    /// <summary>Per-coordinate L1 weights (OWL-QN only).</summary>
    public double[]? L1Weights { get; set; }

    /// <summary>The orthant of the current iteration's search (OWL-QN only).</summary>
    public double[]? Orthant { get; set; }

    /// <summary>Whether the previous step attempt failed (Breeze's <c>failedOnce</c>).</summary>
    public bool FailedOnce { get; set; }

    /// <summary>Whether two step attempts in a row failed.</summary>
    public bool SearchFailed { get; set; }

    /// <summary>Whether the latest state follows a failure that reset the history.</summary>
    public bool HistoryReset { get; set; }

    /// <summary>Sets the initial state from its (already adjusted) value and gradients.</summary>
    public void Start(double value, double adjustedValue)
    {
        Value = value;
        AdjustedValue = adjustedValue;
        InitialAdjustedValue = adjustedValue;
        AdjustedGradientNorm = TensorPrimitives.Norm<double>(AdjustedGradient);
    }

    /// <summary>Makes the next point current by swapping buffers, counting one successful step.</summary>
    public void Advance(double value, double adjustedValue)
    {
        (X, NextX) = (NextX, X);
        (Gradient, NextGradient) = (NextGradient, Gradient);
        (AdjustedGradient, NextAdjustedGradient) = (NextAdjustedGradient, AdjustedGradient);
        Value = value;
        AdjustedValue = adjustedValue;
        AdjustedGradientNorm = TensorPrimitives.Norm<double>(AdjustedGradient);
        Iteration++;
    }

    /// <summary>The reason to stop at the current state, or null.</summary>
    public ConvergenceReason? CheckConvergence() =>
        Convergence.Check(Iteration, AdjustedValue, AdjustedGradientNorm, InitialAdjustedValue, SearchFailed);

    /// <summary>The current state as the iterator yields it.</summary>
    public OptimizerState Snapshot(ConvergenceReason? reason) =>
        new(Iteration, AdjustedValue, Value, AdjustedGradientNorm, Function.Evaluations, HistoryReset, reason, X);
}
