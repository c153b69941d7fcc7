namespace Rdd.MlLib.Optimization;

/// <summary>
/// Breeze's <c>FirstOrderMinimizer.defaultConvergenceCheck(maxIter, tolerance)</c> with relative tolerances and a
/// function-value memory of 20, as LBFGS and OWLQN build it for Spark: the first of max iterations, function values
/// converged, gradient converged and search failed that holds is the reason.
/// </summary>
/// <remarks>
/// The memory starts with +∞ standing for "no value yet" and only values of successful steps are recorded, so the
/// function-value test cannot pass before <c>functionValueMemory</c> steps have pushed the +∞ out: Breeze's behaviour,
/// kept so iteration counts match Spark's. One instance serves one run.
/// </remarks>
internal sealed class ConvergenceCheck
{
    /// <summary>Breeze's <c>fvalMemory</c> default in <c>defaultConvergenceCheck</c>.</summary>
    public const int DefaultFunctionValueMemory = 20;

    /// <summary>The absolute gradient-norm floor of Breeze's gradient test.</summary>
    public const double GradientFloor = 1e-8;

    private readonly int _maxIterations;
    private readonly double _tolerance;
    private readonly double[] _recent;
    private int _count;
    private int _next;

    public ConvergenceCheck(int maxIterations, double tolerance, int functionValueMemory = DefaultFunctionValueMemory)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(functionValueMemory);
        _maxIterations = maxIterations;
        _tolerance = tolerance;
        _recent = new double[functionValueMemory];
        Reset();
    }

    /// <summary>Forgets all recorded values, as for a new run.</summary>
    public void Reset()
    {
        _recent[0] = double.PositiveInfinity;
        _count = 1;
        _next = 1 % _recent.Length;
    }

    /// <summary>Remembers the objective of a successful step, dropping the oldest beyond the memory.</summary>
    public void Record(double value)
    {
        _recent[_next] = value;
        _next = (_next + 1) % _recent.Length;
        _count = Math.Min(_count + 1, _recent.Length);
    }

    /// <summary>The reason to stop at a state, or null to go on.</summary>
    /// <param name="iteration">Successful steps so far.</param>
    /// <param name="value">The objective including any L1 term (Breeze's adjustedValue).</param>
    /// <param name="gradientNorm">The norm of the (pseudo-)gradient of that objective.</param>
    /// <param name="initialValue">The objective at the initial point, scaling the function-value tolerance.</param>
    /// <param name="searchFailed">Whether the step failed twice in a row.</param>
    public ConvergenceReason? Check(int iteration, double value, double gradientNorm, double initialValue, bool searchFailed)
    {
        if (iteration >= _maxIterations && _maxIterations >= 0)
        {
            return ConvergenceReason.MaxIterations;
        }
        if (_count >= 2 && Math.Abs(value - MaxRecent()) <= _tolerance * Math.Abs(initialValue))
        {
            return ConvergenceReason.FunctionValuesConverged;
        }
        if (gradientNorm <= Math.Max(_tolerance * Math.Abs(value), GradientFloor))
        {
            return ConvergenceReason.GradientConverged;
        }
        return searchFailed ? ConvergenceReason.SearchFailed : null;
    }

    private double MaxRecent()
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < _count; i++)
        {
            max = Math.Max(max, _recent[i]);
        }
        return max;
    }
}
