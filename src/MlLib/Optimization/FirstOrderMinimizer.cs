namespace Rdd.MlLib.Optimization;

/// <summary>
/// The iteration of Breeze's <c>FirstOrderMinimizer</c> shared by <see cref="Lbfgs"/> and <see cref="OwlQn"/>:
/// evaluate the initial point, then repeatedly choose a direction, search a step along it, move, evaluate and update
/// the curvature history, checking <see cref="ConvergenceCheck"/> after every state, the initial one included.
/// </summary>
/// <remarks>
/// A step that fails (<see cref="StepFailedException"/>) is answered as Breeze does: the first time by forgetting the
/// curvature history and trying again from the same point, a second time in a row by stopping with
/// <see cref="ConvergenceReason.SearchFailed"/>; both yield a state. The objective is wrapped in a one-entry
/// <see cref="CachedDiffFunction"/> for the whole run, as Spark's <c>CachedDiffFunction</c> is.
/// A minimizer holds only its settings; each run allocates its own <see cref="MinimizerWorkspace"/>.
/// </remarks>
internal abstract class FirstOrderMinimizer
{
    private protected FirstOrderMinimizer(int maxIterations, int memory, double tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIterations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memory);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be a number >= 0.");
        }
        MaxIterations = maxIterations;
        Memory = memory;
        Tolerance = tolerance;
    }

    /// <summary>The most steps a run takes (Spark's <c>maxIter</c>).</summary>
    public int MaxIterations { get; }

    /// <summary>The number of (step, gradient change) pairs the curvature history keeps (Spark passes 10).</summary>
    public int Memory { get; }

    /// <summary>The relative tolerance of the function-value and gradient tests (Spark's <c>tol</c>).</summary>
    public double Tolerance { get; }

    /// <summary>Runs to convergence from <paramref name="initial"/> (not modified) and returns the last state with the objective history.</summary>
    /// <exception cref="InvalidOperationException">The function returned NaN.</exception>
    public OptimizationResult Minimize(DiffFunction function, double[] initial)
    {
        var history = new List<double>();
        OptimizerState last = default;
        foreach (var state in Iterations(function, initial))
        {
            history.Add(state.Value);
            last = state;
        }
        return new OptimizationResult(
            last.X.ToArray(), last.Value, last.GradientNorm, [.. history], last.Iteration, last.Evaluations, last.Reason!.Value);
    }

    /// <summary>
    /// The states of a run from <paramref name="initial"/> (not modified), lazily: the initial state, then one per
    /// step attempt, the last with its <see cref="OptimizerState.Reason"/>. Each enumeration is a new run.
    /// </summary>
    /// <exception cref="InvalidOperationException">The function returned NaN (thrown while enumerating).</exception>
    public IEnumerable<OptimizerState> Iterations(DiffFunction function, double[] initial)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(initial);
        return Run(function, initial);
    }

    private IEnumerable<OptimizerState> Run(DiffFunction function, double[] initial)
    {
        var w = new MinimizerWorkspace(function, initial, Memory, new ConvergenceCheck(MaxIterations, Tolerance));
        Prepare(w);
        EvaluateInitial(w);
        var reason = w.CheckConvergence();
        yield return w.Snapshot(reason);
        while (reason is null)
        {
            Step(w);
            reason = w.CheckConvergence();
            yield return w.Snapshot(reason);
        }
    }

    private void EvaluateInitial(MinimizerWorkspace w)
    {
        w.Function.Iteration = 0;
        double value = w.Function.Calculate(w.X, w.Gradient);
        double adjusted = Adjust(w, w.X, w.Gradient, value, w.AdjustedGradient);
        w.Start(value, adjusted);
    }

    private void Step(MinimizerWorkspace w)
    {
        w.Function.Iteration = w.Iteration + 1;
        w.HistoryReset = false;
        try
        {
            ChooseDescentDirection(w);
            double stepSize = DetermineStepSize(w);
            TakeStep(w, stepSize, w.NextX);
            double value = w.Function.Calculate(w.NextX, w.NextGradient);
            double adjusted = Adjust(w, w.NextX, w.NextGradient, value, w.NextAdjustedGradient);
            // The history pairs use the smooth gradient even under L1, as Breeze's OWLQN does.
            w.History.Update(w.NextX, w.X, w.NextGradient, w.Gradient);
            w.Convergence.Record(adjusted);
            w.Advance(value, adjusted);
            w.FailedOnce = false;
        }
        catch (StepFailedException) when (!w.FailedOnce)
        {
            w.FailedOnce = true;
            w.History.Clear();
            w.HistoryReset = true;
        }
        catch (StepFailedException)
        {
            w.SearchFailed = true;
        }
    }

    /// <summary>Sets up the run's extra state, including <see cref="MinimizerWorkspace.LineFunction"/>.</summary>
    private protected abstract void Prepare(MinimizerWorkspace w);

    /// <summary>Writes the search direction of the current state into <see cref="MinimizerWorkspace.Direction"/>.</summary>
    private protected abstract void ChooseDescentDirection(MinimizerWorkspace w);

    /// <summary>The step length along <see cref="MinimizerWorkspace.Direction"/>.</summary>
    private protected abstract double DetermineStepSize(MinimizerWorkspace w);

    /// <summary>Writes the point <paramref name="stepSize"/> along the direction from the current point into <paramref name="destination"/>.</summary>
    private protected abstract void TakeStep(MinimizerWorkspace w, double stepSize, Span<double> destination);

    /// <summary>
    /// The objective including any regularization the minimizer handles itself, with its (pseudo-)gradient written
    /// to <paramref name="adjustedGradient"/>; without such a term, the value and gradient unchanged.
    /// </summary>
    private protected virtual double Adjust(
        MinimizerWorkspace w, ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double value, Span<double> adjustedGradient)
    {
        gradient.CopyTo(adjustedGradient);
        return value;
    }

    /// <summary>
    /// x + t·d, computed the same way for line-search trials and for the step finally taken so the accepted trial
    /// point is bit-identical and the cache spares its re-evaluation.
    /// </summary>
    private protected static void StepAlong(ReadOnlySpan<double> x, ReadOnlySpan<double> direction, double t, Span<double> destination)
    {
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] + direction[i] * t;
        }
    }
}
