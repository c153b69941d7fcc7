namespace Rdd.MlLib.Optimization;

/// <summary>
/// Breeze's <c>StrongWolfeLineSearch</c> (Nocedal &amp; Wright, algorithms 3.5 and 3.6): grows the step by 1.5 until
/// it brackets a point satisfying the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9), then zooms in with safeguarded
/// cubic interpolation. L-BFGS uses it with 10 zoom and 10 bracketing iterations.
/// </summary>
/// <remarks>
/// Unlike a backtracking search it may return steps longer than the initial one. A non-finite φ halves the trial
/// step (the objective's domain may be bounded); exhausting either loop, a NaN interpolated step or a non-descent
/// direction throws <see cref="StepFailedException"/>.
/// </remarks>
internal sealed class StrongWolfeLineSearch
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;

    private readonly int _maxZoomIterations;
    private readonly int _maxLineSearchIterations;

    public StrongWolfeLineSearch(int maxZoomIterations = 10, int maxLineSearchIterations = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxZoomIterations);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLineSearchIterations);
        _maxZoomIterations = maxZoomIterations;
        _maxLineSearchIterations = maxLineSearchIterations;
    }

    private readonly record struct Bracket(double T, double Derivative, double Value);

    /// <summary>A step satisfying the strong Wolfe conditions, searched from <paramref name="initialStep"/>.</summary>
    /// <exception cref="StepFailedException">No such step was found.</exception>
    public double Minimize(ILineSearchFunction phi, double initialStep)
    {
        var low = Evaluate(phi, 0.0);
        double value0 = low.Value;
        double derivative0 = low.Derivative;
        if (derivative0 > 0)
        {
            throw new StepFailedException($"Line search invoked with non-descent direction: {derivative0}");
        }

        double t = initialStep;
        for (int i = 0; i < _maxLineSearchIterations; i++)
        {
            var c = Evaluate(phi, t);
            if (!double.IsFinite(c.Value))
            {
                t /= 2.0;
                continue;
            }
            if (c.Value > value0 + C1 * t * derivative0 || (c.Value >= low.Value && i > 0))
            {
                return Zoom(phi, low, c, value0, derivative0);
            }
            if (Math.Abs(c.Derivative) <= C2 * Math.Abs(derivative0))
            {
                return c.T;
            }
            if (c.Derivative >= 0)
            {
                // Stepped over the nearest minimum: the bracket runs backwards from c to low.
                return Zoom(phi, c, low, value0, derivative0);
            }
            low = c;
            t *= 1.5;
        }
        throw new StepFailedException("Line search failed");
    }

    // Invariants (N&W): [low, hi] holds a strong-Wolfe point; low has the least value among sufficient-decrease
    // points seen; low.Derivative * (hi.T - low.T) < 0.
    private double Zoom(ILineSearchFunction phi, Bracket low, Bracket hi, double value0, double derivative0)
    {
        for (int i = 0; i < _maxZoomIterations; i++)
        {
            double t = low.T > hi.T ? Interpolate(hi, low) : Interpolate(low, hi);
            // Breeze evaluates φ at the NaN step before giving up; checking first spares that (distributed) evaluation.
            if (double.IsNaN(t))
            {
                throw new StepFailedException("Line search zoom failed");
            }
            var c = Evaluate(phi, t);
            if (c.Value > value0 + C1 * c.T * derivative0 || c.Value >= low.Value)
            {
                hi = c;
            }
            else
            {
                if (Math.Abs(c.Derivative) <= C2 * Math.Abs(derivative0))
                {
                    return c.T;
                }
                if (c.Derivative * (hi.T - low.T) >= 0)
                {
                    hi = low;
                }
                low = c;
            }
        }
        throw new StepFailedException("Line search zoom failed");
    }

    private static Bracket Evaluate(ILineSearchFunction phi, double t)
    {
        double value = phi.Evaluate(t, out double derivative);
        return new Bracket(t, derivative, value);
    }

    // Minimizer of the cubic matching value and slope at both ends (N&W eq. 3.59), kept within the middle 80% of
    // the interval so the bracket always shrinks by a useful amount.
    private static double Interpolate(Bracket l, Bracket r)
    {
        double d1 = l.Derivative + r.Derivative - 3 * (l.Value - r.Value) / (l.T - r.T);
        double d2 = Math.Sqrt(d1 * d1 - l.Derivative * r.Derivative);
        double width = r.T - l.T;
        double t = r.T - width * (r.Derivative + d2 - d1) / (r.Derivative - l.Derivative + 2 * d2);
        double lowerBound = l.T + 0.1 * width;
        double upperBound = l.T + 0.9 * width;
        return t < lowerBound ? lowerBound : t > upperBound ? upperBound : t;
    }
}
