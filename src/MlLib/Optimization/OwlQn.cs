using System.Numerics.Tensors;

namespace Rdd.MlLib.Optimization;

/// <summary>
/// Orthant-wise limited-memory quasi-Newton (Andrew &amp; Gao 2007) as Spark's <c>LogisticRegression</c> runs it for
/// L1 and elastic-net penalties (<c>new OWLQN(maxIter, 10, regParamL1Fun, tol)</c> from Breeze): minimizes
/// f(x) + Σᵢ l1(i)·|xᵢ| for a differentiable f and per-coordinate weights l1(i) ≥ 0.
/// </summary>
/// <remarks>
/// As Breeze: the L-BFGS direction is computed from the pseudo-gradient and zeroed wherever it does not descend
/// against it; every trial point is projected onto the orthant of the current point (the sign of xᵢ, or of the
/// negated pseudo-gradient where xᵢ = 0), which is how coordinates become exactly zero; steps come from a
/// <see cref="BacktrackingLineSearch"/> (shrink 0.1 from 0.5/‖∇f‖ on the first iteration, shrink 0.5 from 1 later);
/// the curvature history uses the smooth gradient. Reported values include the L1 term (Breeze's adjustedValue) and
/// convergence is judged on them and on the pseudo-gradient. A coordinate of weight 0 is left unpenalized.
/// </remarks>
internal sealed class OwlQn : FirstOrderMinimizer
{
    private readonly Func<int, double> _l1RegularizationAt;
    private readonly BacktrackingLineSearch _firstSearch = new(shrinkStep: 0.1);
    private readonly BacktrackingLineSearch _laterSearch = new(shrinkStep: 0.5);

    /// <param name="maxIterations">The most steps (Spark's <c>maxIter</c>).</param>
    /// <param name="memory">The curvature pairs kept (Spark passes 10).</param>
    /// <param name="l1RegularizationAt">The L1 weight of coordinate i, ≥ 0 (Spark gives 0 to intercepts); read once per coordinate per run.</param>
    /// <param name="tolerance">The relative convergence tolerance (Spark's <c>tol</c>).</param>
    public OwlQn(int maxIterations, int memory, Func<int, double> l1RegularizationAt, double tolerance)
        : base(maxIterations, memory, tolerance)
    {
        ArgumentNullException.ThrowIfNull(l1RegularizationAt);
        _l1RegularizationAt = l1RegularizationAt;
    }

    private protected override void Prepare(MinimizerWorkspace w)
    {
        // Spark's weight function is pure, so reading each weight once is the same as Breeze reading it per use.
        var weights = new double[w.Dimension];
        for (int i = 0; i < weights.Length; i++)
        {
            double weight = _l1RegularizationAt(i);
            if (!(weight >= 0))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(_l1RegularizationAt), weight, $"The L1 weight of coordinate {i} must be a number >= 0.");
            }
            weights[i] = weight;
        }
        w.L1Weights = weights;
        w.Orthant = new double[w.Dimension];
        w.LineFunction = new LineFunction(this, w);
    }

    private protected override void ChooseDescentDirection(MinimizerWorkspace w)
    {
        var adjusted = w.AdjustedGradient;
        var direction = w.Direction;
        w.History.Direction(adjusted, direction);
        // Andrew & Gao's proof needs the direction in the pseudo-gradient's orthant; Breeze notes some problems
        // do not converge without this correction.
        for (int i = 0; i < direction.Length; i++)
        {
            if (!(direction[i] * adjusted[i] < 0))
            {
                direction[i] = 0.0;
            }
        }

        var x = w.X;
        var orthant = w.Orthant!;
        for (int i = 0; i < orthant.Length; i++)
        {
            orthant[i] = x[i] != 0 ? Signum(x[i]) : Signum(-adjusted[i]);
        }
    }

    private protected override double DetermineStepSize(MinimizerWorkspace w)
    {
        bool first = w.Iteration < 1;
        var search = first ? _firstSearch : _laterSearch;
        double initial = first ? 0.5 / TensorPrimitives.Norm<double>(w.Gradient) : 1.0;
        // Breeze judges the first trial by f at the current point without its L1 term; kept so steps match Spark's.
        return search.Minimize(w.LineFunction!, initial, w.Value);
    }

    private protected override void TakeStep(MinimizerWorkspace w, double stepSize, Span<double> destination)
    {
        StepAlong(w.X, w.Direction, stepSize, destination);
        var orthant = w.Orthant!;
        for (int i = 0; i < destination.Length; i++)
        {
            if (Signum(destination[i]) != orthant[i])
            {
                destination[i] = 0.0;
            }
        }
    }

    private protected override double Adjust(
        MinimizerWorkspace w, ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double value, Span<double> adjustedGradient)
    {
        var weights = w.L1Weights!;
        double adjusted = value;
        for (int i = 0; i < x.Length; i++)
        {
            double weight = weights[i];
            double g = gradient[i];
            if (weight == 0.0)
            {
                adjustedGradient[i] = g;
                continue;
            }
            adjusted += Math.Abs(weight * x[i]);
            if (x[i] != 0.0)
            {
                adjustedGradient[i] = g + Signum(x[i]) * weight;
            }
            else
            {
                // At a kink the pseudo-gradient is the one-sided derivative that descends, or 0 if neither does.
                double right = g + weight;
                double left = g - weight;
                adjustedGradient[i] = left > 0 ? left : right < 0 ? right : 0.0;
            }
        }
        return adjusted;
    }

    // Java's Math.signum: ±1, with 0 (either sign) and NaN returned as they are; Math.Sign would throw on NaN.
    private static double Signum(double v) => v > 0 ? 1.0 : v < 0 ? -1.0 : v;

    /// <summary>
    /// φ(α) = F(P(x + α·d)) with F the objective including L1 and P the orthant projection; φ'(α) is the
    /// pseudo-gradient there dotted with d (Breeze's approximation: d rather than the projected step).
    /// </summary>
    private sealed class LineFunction(OwlQn owner, MinimizerWorkspace w) : ILineSearchFunction
    {
        public double Evaluate(double alpha, out double derivative)
        {
            owner.TakeStep(w, alpha, w.TrialX);
            double value = w.Function.Calculate(w.TrialX, w.TrialGradient);
            double adjusted = owner.Adjust(w, w.TrialX, w.TrialGradient, value, w.TrialAdjustedGradient);
            derivative = TensorPrimitives.Dot<double>(w.TrialAdjustedGradient, w.Direction);
            return adjusted;
        }
    }
}
