namespace Rdd.MlLib.Optimization;

/// <summary>
/// Breeze's <c>BacktrackingLineSearch</c> (after libLBFGS), the search OWL-QN uses: multiplies the step by
/// <c>shrinkStep</c> while the Armijo condition fails or the slope is too steeply positive, by <c>growStep</c> while
/// the slope is still too steeply negative, and stops when the (strong) Wolfe conditions hold.
/// </summary>
/// <remarks>
/// Two Breeze behaviours are kept because they decide which step Spark's OWL-QN takes. The first trial is judged
/// with the value the caller supplies (OWL-QN passes f at the current point without its L1 term), not φ at the trial.
/// And after <c>maxIterations</c> changes of step the search returns the step tried before the last one, without
/// error. Steps below <c>minAlpha</c> or above <c>maxAlpha</c> throw <see cref="StepFailedException"/>.
/// </remarks>
internal sealed class BacktrackingLineSearch
{
    private readonly int _maxIterations;
    private readonly double _shrinkStep;
    private readonly double _growStep;
    private readonly double _cArmijo;
    private readonly double _cWolfe;
    private readonly double _minAlpha;
    private readonly double _maxAlpha;
    private readonly bool _enforceWolfeConditions;
    private readonly bool _enforceStrongWolfeConditions;

    public BacktrackingLineSearch(
        int maxIterations = 20,
        double shrinkStep = 0.5,
        double growStep = 2.1,
        double cArmijo = 1e-4,
        double cWolfe = 0.9,
        double minAlpha = 1e-10,
        double maxAlpha = 1e10,
        bool enforceWolfeConditions = true,
        bool enforceStrongWolfeConditions = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (shrinkStep * growStep == 1.0)
        {
            throw new ArgumentException("Can't do a line search with growStep * shrinkStep == 1.0", nameof(growStep));
        }
        if (!(cArmijo > 0 && cArmijo < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(cArmijo), cArmijo, "cArmijo must lie in (0, 0.5).");
        }
        if (!(cWolfe > cArmijo && cWolfe < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(cWolfe), cWolfe, "cWolfe must lie in (cArmijo, 1).");
        }
        _maxIterations = maxIterations;
        _shrinkStep = shrinkStep;
        _growStep = growStep;
        _cArmijo = cArmijo;
        _cWolfe = cWolfe;
        _minAlpha = minAlpha;
        _maxAlpha = maxAlpha;
        _enforceWolfeConditions = enforceWolfeConditions;
        _enforceStrongWolfeConditions = enforceStrongWolfeConditions;
    }

    /// <summary>The accepted step, searched from <paramref name="initialStep"/>.</summary>
    /// <param name="phi">The objective along the search direction.</param>
    /// <param name="initialStep">The first step tried.</param>
    /// <param name="valueAssumedAtInitialStep">The value the first trial is judged by (Breeze's <c>initfval</c>).</param>
    /// <exception cref="StepFailedException">The step fell below the minimum or rose above the maximum.</exception>
    public double Minimize(ILineSearchFunction phi, double initialStep, double valueAssumedAtInitialStep)
    {
        double value0 = phi.Evaluate(0.0, out double derivative0);
        phi.Evaluate(initialStep, out double derivative);
        double alpha = initialStep;
        double value = valueAssumedAtInitialStep;
        for (int iteration = 0; ; iteration++)
        {
            double multiplier;
            if (value > value0 + alpha * derivative0 * _cArmijo)
            {
                multiplier = _shrinkStep;
            }
            else if (_enforceWolfeConditions && derivative < _cWolfe * derivative0)
            {
                multiplier = _growStep;
            }
            else if (_enforceStrongWolfeConditions && derivative > -_cWolfe * derivative0)
            {
                multiplier = _shrinkStep;
            }
            else
            {
                return alpha;
            }

            double newAlpha = alpha * multiplier;
            if (newAlpha < _minAlpha)
            {
                throw new StepFailedException($"Step size underflow: {newAlpha}");
            }
            if (newAlpha > _maxAlpha)
            {
                throw new StepFailedException($"Step size overflow: {newAlpha}");
            }
            double newValue = phi.Evaluate(newAlpha, out double newDerivative);
            if (iteration + 1 >= _maxIterations)
            {
                // Breeze's iterator stops on the trial count before looking at the last trial: the step before it wins.
                return alpha;
            }
            alpha = newAlpha;
            value = newValue;
            derivative = newDerivative;
        }
    }
}
