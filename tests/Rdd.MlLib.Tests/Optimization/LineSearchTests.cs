using Rdd.MlLib.Optimization;

namespace Rdd.MlLib.Tests.Optimization;

public class LineSearchTests
{
    private sealed class Line(Func<double, (double Value, double Derivative)> phi) : ILineSearchFunction
    {
        public List<double> Trials { get; } = [];

        public double Evaluate(double alpha, out double derivative)
        {
            Trials.Add(alpha);
            (double value, derivative) = phi(alpha);
            return value;
        }
    }

    // φ(α) = (α − 3)² + α⁴/100: descent at 0, minimum near α ≈ 2.6.
    private static (double, double) Bowl(double a) => ((a - 3) * (a - 3) + a * a * a * a / 100, 2 * (a - 3) + a * a * a / 25);

    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    [InlineData(50.0)]
    public void StrongWolfeReturnsAStepSatisfyingBothConditions(double initialStep)
    {
        var line = new Line(Bowl);
        double t = new StrongWolfeLineSearch().Minimize(line, initialStep);

        var (f0, d0) = Bowl(0);
        var (ft, dt) = Bowl(t);
        Assert.True(ft <= f0 + 1e-4 * t * d0, "sufficient decrease");
        Assert.True(Math.Abs(dt) <= 0.9 * Math.Abs(d0), "curvature");
        Assert.Equal(t, line.Trials[^1]);
    }

    [Fact]
    public void StrongWolfeHalvesTheStepPastAnInfiniteValue()
    {
        var line = new Line(a => a > 4 ? (double.PositiveInfinity, 0) : Bowl(a));
        double t = new StrongWolfeLineSearch().Minimize(line, 16);

        Assert.Equal([0.0, 16, 8, 4], line.Trials.Take(4));
        Assert.True(t <= 4);
    }

    [Fact]
    public void StrongWolfeRejectsAnAscentDirection()
    {
        Assert.Throws<StepFailedException>(() => new StrongWolfeLineSearch().Minimize(new Line(a => (a, 1)), 1));
    }

    [Fact]
    public void BacktrackingShrinksUntilTheWolfeConditionsHold()
    {
        var line = new Line(Bowl);
        double t = new BacktrackingLineSearch(shrinkStep: 0.5).Minimize(line, 64, Bowl(64).Item1);

        Assert.Equal([0.0, 64, 32, 16, 8, 4], line.Trials);
        Assert.Equal(4, t);
    }

    [Fact]
    public void BacktrackingGrowsWhileTheSlopeIsSteep()
    {
        var line = new Line(Bowl);
        double t = new BacktrackingLineSearch().Minimize(line, 0.1, Bowl(0.1).Item1);

        // φ'(0.1) and φ'(0.21) are below 0.9·φ'(0) = −5.4; φ'(0.441) ≈ −5.11 is not.
        Assert.Equal([0.0, 0.1, 0.1 * 2.1, 0.1 * 2.1 * 2.1], line.Trials);
        Assert.Equal(0.1 * 2.1 * 2.1, t);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BacktrackingJudgesTheFirstTrialByTheSuppliedValue(bool supplyValueAtZero)
    {
        // φ(2.6) meets every condition, but OWL-QN supplies f at the current point (φ(0) without L1) instead.
        var line = new Line(Bowl);
        double supplied = supplyValueAtZero ? Bowl(0).Item1 : Bowl(2.6).Item1;
        double t = new BacktrackingLineSearch().Minimize(line, 2.6, supplied);

        Assert.Equal(supplyValueAtZero ? [0.0, 2.6, 1.3] : [0.0, 2.6], line.Trials);
        Assert.Equal(supplyValueAtZero ? 1.3 : 2.6, t);
    }

    [Fact]
    public void BacktrackingReportsUnderflow()
    {
        // Never decreasing: the step shrinks until it passes the minimum.
        var line = new Line(a => (a * a + 1, 2 * a - 1e-3));
        Assert.Throws<StepFailedException>(() => new BacktrackingLineSearch(maxIterations: 100, shrinkStep: 0.1).Minimize(line, 1, 2));
    }

    [Fact]
    public void BacktrackingGivesUpSilentlyWithTheStepBeforeItsLastTrial()
    {
        // The value never satisfies Armijo, so the step halves until the trial budget ends.
        var line = new Line(a => (1 + a, -1));
        double t = new BacktrackingLineSearch(maxIterations: 5).Minimize(line, 1, 2);

        Assert.Equal([0.0, 1, 0.5, 0.25, 0.125, 0.0625, 0.03125], line.Trials);
        Assert.Equal(0.0625, t);
    }
}
