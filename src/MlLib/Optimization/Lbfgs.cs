using System.Numerics.Tensors;

namespace Rdd.MlLib.Optimization;

/// <summary>
/// Limited-memory BFGS as Spark's <c>LogisticRegression</c> runs it without L1 (<c>new LBFGS(maxIter, 10, tol)</c>
/// from Breeze): two-loop quasi-Newton directions, a <see cref="StrongWolfeLineSearch"/> with 10 zoom and 10
/// bracketing iterations starting from step 1/‖d‖ on the first iteration and 1 afterwards, and Breeze's default
/// convergence check.
/// </summary>
/// <remarks>A step shorter than 1e-10/‖∇f‖ counts as a failed step (Breeze's <c>StepSizeUnderflow</c>).</remarks>
internal sealed class Lbfgs : FirstOrderMinimizer
{
    private readonly StrongWolfeLineSearch _search = new(maxZoomIterations: 10, maxLineSearchIterations: 10);

    /// <param name="maxIterations">The most steps (Spark's <c>maxIter</c>, default 100).</param>
    /// <param name="memory">The curvature pairs kept (Spark passes 10).</param>
    /// <param name="tolerance">The relative convergence tolerance (Spark's <c>tol</c>, default 1e-6).</param>
    public Lbfgs(int maxIterations = 100, int memory = 10, double tolerance = 1e-6)
        : base(maxIterations, memory, tolerance)
    {
    }

    private protected override void Prepare(MinimizerWorkspace w) => w.LineFunction = new LineFunction(w);

    private protected override void ChooseDescentDirection(MinimizerWorkspace w) =>
        w.History.Direction(w.Gradient, w.Direction);

    private protected override double DetermineStepSize(MinimizerWorkspace w)
    {
        double initial = w.Iteration == 0 ? 1.0 / TensorPrimitives.Norm<double>(w.Direction) : 1.0;
        double alpha = _search.Minimize(w.LineFunction!, initial);
        if (alpha * TensorPrimitives.Norm<double>(w.Gradient) < 1e-10)
        {
            throw new StepFailedException($"Step size underflow: {alpha}");
        }
        return alpha;
    }

    private protected override void TakeStep(MinimizerWorkspace w, double stepSize, Span<double> destination) =>
        StepAlong(w.X, w.Direction, stepSize, destination);

    /// <summary>φ(α) = f(x + α·d), φ'(α) = ∇f(x + α·d)·d, Breeze's <c>LineSearch.functionFromSearchDirection</c>.</summary>
    private sealed class LineFunction(MinimizerWorkspace w) : ILineSearchFunction
    {
        public double Evaluate(double alpha, out double derivative)
        {
            StepAlong(w.X, w.Direction, alpha, w.TrialX);
            double value = w.Function.Calculate(w.TrialX, w.TrialGradient);
            derivative = TensorPrimitives.Dot<double>(w.TrialGradient, w.Direction);
            return value;
        }
    }
}
