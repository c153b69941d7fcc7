using Rdd.MlLib.Optimization;

namespace Rdd.MlLib.Tests.Optimization;

public class OwlQnTests
{
    // f(x) = Σ ½aᵢ(xᵢ − cᵢ)²; with weights λᵢ the minimizer soft-thresholds: sign(cᵢ)·max(|cᵢ| − λᵢ/aᵢ, 0).
    private static readonly double[] Curvatures = [1.0, 2.0, 0.5, 4.0, 1.5, 3.0];
    private static readonly double[] Centers = [3.0, -0.2, 0.4, -5.0, 0.1, 2.0];
    private static readonly double[] Weights = [1.0, 1.0, 1.0, 2.0, 0.5, 0.0];

    private static double Separable(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - Centers[i];
            f += 0.5 * Curvatures[i] * d * d;
            g[i] = Curvatures[i] * d;
        }
        return f;
    }

    private static double SoftThreshold(int i) =>
        Math.Sign(Centers[i]) * Math.Max(Math.Abs(Centers[i]) - Weights[i] / Curvatures[i], 0);

    [Fact]
    public void SeparableQuadraticPlusL1IsSoftThresholdedWithExactZeros()
    {
        var result = new OwlQn(100, 10, i => Weights[i], 1e-10).Minimize(Separable, new double[6]);

        for (int i = 0; i < Centers.Length; i++)
        {
            double expected = SoftThreshold(i);
            if (expected == 0)
            {
                Assert.Equal(0.0, result.X[i]);
            }
            else
            {
                Assert.Equal(expected, result.X[i], 1e-7);
            }
        }
        // The problem must exercise both cases.
        Assert.Equal([1, 2, 4], Enumerable.Range(0, 6).Where(i => SoftThreshold(i) == 0));
    }

    [Fact]
    public void AZeroWeightLeavesItsCoordinateUnpenalized()
    {
        // A huge weight everywhere but coordinate 5 zeroes the others; coordinate 5 must still reach its center.
        double[] start = [0.5, 0, 0, -1.0, 0, -7.0];
        double[] weights = [100, 100, 100, 100, 100, 0];
        var result = new OwlQn(100, 10, i => weights[i], 1e-10).Minimize(Separable, start);

        Assert.Equal(Centers[5], result.X[5], 1e-7);
        Assert.All(result.X.Take(5), v => Assert.Equal(0.0, v));
        // The reported objective adds the L1 term of weighted coordinates only: |−7| at weight 0 costs nothing.
        double smooth = Separable(start, new double[6]);
        Assert.Equal(smooth + 100 * 0.5 + 100 * 1.0, result.ObjectiveHistory[0]);
        Assert.Equal(0.0, result.Value - Separable(result.X, new double[6]), 1e-12);
    }

    [Fact]
    public void TheHistoryIncludesTheL1TermAndNeverIncreases()
    {
        double[] start = [1, 1, 1, 1, 1, 1];
        var result = new OwlQn(100, 10, i => Weights[i], 1e-9).Minimize(Separable, start);

        double l1 = start.Select((v, i) => Weights[i] * Math.Abs(v)).Sum();
        Assert.Equal(Separable(start, new double[6]) + l1, result.ObjectiveHistory[0]);
        for (int i = 1; i < result.ObjectiveHistory.Length; i++)
        {
            Assert.True(result.ObjectiveHistory[i] <= result.ObjectiveHistory[i - 1], $"history rises at {i}");
        }
        double finalL1 = result.X.Select((v, i) => Weights[i] * Math.Abs(v)).Sum();
        Assert.Equal(Separable(result.X, new double[6]) + finalL1, result.Value, 1e-12);
        Assert.Equal(result.Value, result.ObjectiveHistory[^1]);
    }

    [Fact]
    public void ElasticNetLogisticRegressionMatchesProximalGradient()
    {
        var (features, labels) = TestProblems.LogisticData(300, new Random(5));
        const double l2 = 0.02;
        const double l1 = 0.03;
        var expected = TestProblems.ProximalGradientLogistic(features, labels, l2, l1);
        int d = features[0].Length;

        var points = new List<double[]>();
        var result = new OwlQn(200, 10, i => i < d ? l1 : 0.0, 1e-10).Minimize(
            TestProblems.Recording((w, g) => TestProblems.LogisticLoss(features, labels, l2, w, g), points),
            new double[d + 1]);

        Assert.Contains(expected.Take(d), v => v == 0);
        for (int i = 0; i <= d; i++)
        {
            if (expected[i] == 0)
            {
                Assert.Equal(0.0, result.X[i]);
            }
            else
            {
                Assert.Equal(expected[i], result.X[i], 1e-6);
            }
        }
        for (int i = 1; i < result.ObjectiveHistory.Length; i++)
        {
            Assert.True(result.ObjectiveHistory[i] <= result.ObjectiveHistory[i - 1], $"history rises at {i}");
        }
        Assert.Equal(points.Count, result.Evaluations);
        for (int i = 1; i < points.Count; i++)
        {
            Assert.False(points[i].AsSpan().SequenceEqual(points[i - 1]), $"evaluation {i + 1} repeats its predecessor");
        }
    }

    [Fact]
    public void WithoutL1WeightsItFindsTheSmoothMinimizer()
    {
        var (features, labels) = TestProblems.LogisticData(200, new Random(3));
        var expected = TestProblems.NewtonLogistic(features, labels, 0.01);

        var result = new OwlQn(200, 10, _ => 0.0, 1e-10)
            .Minimize((w, g) => TestProblems.LogisticLoss(features, labels, 0.01, w, g), new double[6]);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.X[i], 1e-6);
        }
        Assert.Equal(TestProblems.LogisticLoss(features, labels, 0.01, result.X, new double[6]), result.Value);
    }

    [Fact]
    public void MaxIterationsIsRespectedAndReported()
    {
        var result = new OwlQn(2, 10, i => Weights[i], 1e-12).Minimize(Separable, new double[6]);

        Assert.Equal(ConvergenceReason.MaxIterations, result.Reason);
        Assert.Equal(2, result.Iterations);
        Assert.Equal(3, result.ObjectiveHistory.Length);
    }

    [Fact]
    public void NaNIsAnErrorNamingTheIteration()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => new OwlQn(10, 10, _ => 1.0, 1e-6).Minimize((x, g) => double.NaN, [1.0]));
        Assert.Contains("iteration 0", e.Message);
    }

    [Fact]
    public void RejectsANegativeWeightNamingItsCoordinate()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => new OwlQn(10, 10, i => i == 2 ? -1.0 : 1.0, 1e-6).Minimize(Separable, new double[6]));
        Assert.Contains("coordinate 2", e.Message);
    }
}
