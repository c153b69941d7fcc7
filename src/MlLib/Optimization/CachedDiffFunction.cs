namespace Rdd.MlLib.Optimization;

/// <summary>
/// A <see cref="DiffFunction"/> that remembers its last point, as Breeze's <c>CachedDiffFunction</c> (which both
/// Spark and <c>LBFGS.adjustFunction</c> wrap around the loss): a call at the same point as the previous call
/// returns the remembered value and gradient instead of evaluating again.
/// </summary>
/// <remarks>
/// The line searches ask for φ(0), i.e. the current point, and the minimizer asks again for the point the search
/// accepted; with this one-entry cache neither costs an evaluation, which is how Spark pays one distributed job per
/// line-search trial and no more.
/// </remarks>
internal sealed class CachedDiffFunction
{
    private readonly DiffFunction _function;
    private readonly double[] _lastX;
    private readonly double[] _lastGradient;
    private double _lastValue;
    private bool _hasLast;

    public CachedDiffFunction(DiffFunction function, int dimension)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _function = function;
        _lastX = new double[dimension];
        _lastGradient = new double[dimension];
    }

    /// <summary>Calls made to the wrapped function so far (cache hits excluded).</summary>
    public int Evaluations { get; private set; }

    /// <summary>The iteration being computed (0 for the initial point), named when the function returns NaN.</summary>
    public int Iteration { get; set; }

    /// <summary>f(<paramref name="x"/>), with ∇f(<paramref name="x"/>) copied into <paramref name="gradient"/>.</summary>
    /// <exception cref="InvalidOperationException">The function returned NaN as its value or in its gradient.</exception>
    public double Calculate(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (!_hasLast || !SamePoint(x, _lastX))
        {
            // Invalidate first: if the function throws, the cache must not pair the new point with old results.
            _hasLast = false;
            x.CopyTo(_lastX);
            Array.Clear(_lastGradient);
            Evaluations++;
            double value = _function(_lastX, _lastGradient);
            ThrowIfNaN(value);
            _lastValue = value;
            _hasLast = true;
        }
        _lastGradient.CopyTo(gradient);
        return _lastValue;
    }

    // Element-wise ==, as Breeze compares DenseVectors: -0.0 matches 0.0, NaN matches nothing.
    private static bool SamePoint(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    private void ThrowIfNaN(double value)
    {
        string? what = null;
        if (double.IsNaN(value))
        {
            what = "as its value";
        }
        else
        {
            for (int i = 0; i < _lastGradient.Length; i++)
            {
                if (double.IsNaN(_lastGradient[i]))
                {
                    what = $"in gradient entry {i}";
                    break;
                }
            }
        }
        if (what is not null)
        {
            string where = Iteration == 0 ? "at the initial point (iteration 0)" : $"while computing iteration {Iteration}";
            throw new InvalidOperationException(
                $"The objective function returned NaN {what} at evaluation {Evaluations}, {where}.");
        }
    }
}
