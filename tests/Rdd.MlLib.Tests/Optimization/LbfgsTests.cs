using Rdd.MlLib.Optimization;

namespace Rdd.MlLib.Tests.Optimization;

public class LbfgsTests
{
    [Fact]
    public void QuadraticReachesTheSolutionOfItsLinearSystem()
    {
        var random = new Random(7);
        var a = TestProblems.RandomSpd(12, random);
        var b = Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var expected = TestProblems.Solve(a, b);

        // Spark's default tolerance; much tighter ones end in SearchFailed once f stops changing in its last bits.
        var result = new Lbfgs().Minimize(TestProblems.Quadratic(a, b), new double[12]);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.X[i], 1e-6);
        }
        Assert.Equal(ConvergenceReason.GradientConverged, result.Reason);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public void RosenbrockReachesAllOnes(int dimension)
    {
        var result = new Lbfgs(maxIterations: 500, tolerance: 1e-12)
            .Minimize(TestProblems.Rosenbrock, TestProblems.RosenbrockStart(dimension));

        Assert.All(result.X, v => Assert.Equal(1.0, v, 1e-6));
        Assert.True(result.Value < 1e-12, $"f = {result.Value}");
        Assert.NotEqual(ConvergenceReason.MaxIterations, result.Reason);
        Assert.NotEqual(ConvergenceReason.SearchFailed, result.Reason);
    }

    [Fact]
    public void ThousandsOfDimensionsConverge()
    {
        const int n = 3000;
        var scales = Enumerable.Range(0, n).Select(i => 1 + 9.0 * i / n).ToArray();
        DiffFunction f = (x, g) =>
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = x[i] - 1;
                s += 0.5 * scales[i] * d * d;
                g[i] = scales[i] * d;
            }
            return s;
        };

        var result = new Lbfgs(tolerance: 1e-10).Minimize(f, new double[n]);

        Assert.All(result.X, v => Assert.Equal(1.0, v, 1e-6));
        Assert.True(result.Iterations < 100);
    }

    [Fact]
    public void LogisticRegressionMatchesNewtonsMethod()
    {
        var (features, labels) = TestProblems.LogisticData(300, new Random(11));
        const double l2 = 0.01;
        var expected = TestProblems.NewtonLogistic(features, labels, l2);

        var result = new Lbfgs(tolerance: 1e-10)
            .Minimize((w, g) => TestProblems.LogisticLoss(features, labels, l2, w, g), new double[6]);

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.X[i], 1e-6);
        }
        Assert.True(result.Iterations is > 3 and < 100, $"{result.Iterations} iterations");
    }

    [Fact]
    public void HistoryStartsAtTheInitialValueAndNeverIncreases()
    {
        var start = TestProblems.RosenbrockStart(4);
        double initialValue = TestProblems.Rosenbrock(start, new double[4]);

        var result = new Lbfgs(maxIterations: 200).Minimize(TestProblems.Rosenbrock, start);

        Assert.Equal(initialValue, result.ObjectiveHistory[0]);
        for (int i = 1; i < result.ObjectiveHistory.Length; i++)
        {
            Assert.True(result.ObjectiveHistory[i] <= result.ObjectiveHistory[i - 1], $"history rises at {i}");
        }
        Assert.Equal(result.Value, result.ObjectiveHistory[^1]);
        Assert.Equal(result.Iterations + 1, result.ObjectiveHistory.Length);
        Assert.Equal(result.Iterations, result.TotalIterations);
        Assert.Equal([-1.2, 1, -1.2, 1], start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void MaxIterationsIsRespectedAndReported(int maxIterations)
    {
        int calls = 0;
        var result = new Lbfgs(maxIterations: maxIterations).Minimize((x, g) =>
        {
            calls++;
            return TestProblems.Rosenbrock(x, g);
        }, TestProblems.RosenbrockStart(2));

        Assert.Equal(ConvergenceReason.MaxIterations, result.Reason);
        Assert.Equal(maxIterations, result.Iterations);
        Assert.Equal(maxIterations + 1, result.ObjectiveHistory.Length);
        Assert.Equal(calls, result.Evaluations);
        if (maxIterations == 0)
        {
            Assert.Equal(1, calls);
            Assert.Equal([-1.2, 1], result.X);
        }
    }

    [Fact]
    public void StartingAtTheMinimumStopsWithGradientConverged()
    {
        var result = new Lbfgs().Minimize(TestProblems.Rosenbrock, [1.0, 1.0]);

        Assert.Equal(ConvergenceReason.GradientConverged, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal([0.0], result.ObjectiveHistory);
    }

    [Fact]
    public void FunctionValuesConvergeOnlyOverBreezesTwentyValueMemory()
    {
        // x⁴ from far away: the values flatten (relative to f at the start) long before the gradient reaches 1e-8.
        DiffFunction quartic = (x, g) =>
        {
            g[0] = 4 * x[0] * x[0] * x[0];
            return x[0] * x[0] * x[0] * x[0];
        };

        var result = new Lbfgs(maxIterations: 1000).Minimize(quartic, [1000.0]);

        Assert.Equal(ConvergenceReason.FunctionValuesConverged, result.Reason);
        Assert.True(result.Iterations >= ConvergenceCheck.DefaultFunctionValueMemory, $"{result.Iterations} iterations");
        var h = result.ObjectiveHistory;
        double window = h.Skip(h.Length - 20).Max();
        Assert.True(window - h[^1] <= 1e-6 * h[0]);
        Assert.True(Math.Abs(result.X[0]) < 1);
    }

    [Fact]
    public void AWrongGradientEndsInSearchFailedWithBreezesRepeatedStates()
    {
        // The claimed gradient points uphill, so no step along −gradient satisfies the Wolfe conditions.
        DiffFunction lying = (x, g) =>
        {
            g[0] = -2 * x[0];
            return x[0] * x[0];
        };

        var states = new Lbfgs().Iterations(lying, [3.0]).ToList();
        var result = new Lbfgs().Minimize(lying, [3.0]);

        Assert.Equal(ConvergenceReason.SearchFailed, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal([9.0, 9.0, 9.0], result.ObjectiveHistory);
        Assert.Equal(2, result.TotalIterations);
        Assert.Equal([3.0], result.X);
        Assert.Equal([false, true, false], states.Select(s => s.HistoryReset));
        Assert.Equal([null, null, ConvergenceReason.SearchFailed], states.Select(s => s.Reason));
    }

    [Fact]
    public void NaNAtTheInitialPointIsAnErrorNamingIterationZero()
    {
        var e = Assert.Throws<InvalidOperationException>(
            () => new Lbfgs().Minimize((x, g) => double.NaN, [1.0, 2.0]));
        Assert.Contains("iteration 0", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Fact]
    public void NaNLaterIsAnErrorNamingTheIteration()
    {
        var states = new List<OptimizerState>();
        int calls = 0;
        DiffFunction failing = (x, g) =>
        {
            double f = TestProblems.Rosenbrock(x, g);
            if (++calls == 6)
            {
                g[1] = double.NaN;
            }
            return f;
        };

        var e = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var state in new Lbfgs().Iterations(failing, TestProblems.RosenbrockStart(2)))
            {
                states.Add(state);
            }
        });

        Assert.Contains($"while computing iteration {states[^1].Iteration + 1}", e.Message);
        Assert.Contains("gradient entry 1", e.Message);
        Assert.Contains("evaluation 6", e.Message);
    }

    [Fact]
    public void NeverEvaluatesTwiceInARowAtTheSamePoint()
    {
        var points = new List<double[]>();
        var result = new Lbfgs(tolerance: 1e-10)
            .Minimize(TestProblems.Recording(TestProblems.Rosenbrock, points), TestProblems.RosenbrockStart(6));

        Assert.Equal(points.Count, result.Evaluations);
        for (int i = 1; i < points.Count; i++)
        {
            Assert.False(points[i].AsSpan().SequenceEqual(points[i - 1]), $"evaluation {i + 1} repeats its predecessor");
        }
        // Each step needs at least one new evaluation, and the accepted trial point is not evaluated again.
        Assert.True(result.Evaluations >= result.Iterations + 1);
        Assert.True(result.Evaluations <= 3 * result.Iterations, $"{result.Evaluations} evaluations for {result.Iterations} iterations");
    }

    [Fact]
    public void TheIteratorYieldsEveryStateOfTheRun()
    {
        var lbfgs = new Lbfgs(tolerance: 1e-9);
        var start = TestProblems.RosenbrockStart(2);
        var states = lbfgs.Iterations(TestProblems.Rosenbrock, start)
            .Select(s => (s.Iteration, s.Value, s.Evaluations, s.Reason, s.GradientNorm, X: s.X.ToArray()))
            .ToList();
        var result = lbfgs.Minimize(TestProblems.Rosenbrock, start);

        Assert.Equal(result.ObjectiveHistory, states.Select(s => s.Value));
        Assert.Equal(Enumerable.Range(0, states.Count), states.Select(s => s.Iteration));
        Assert.Equal(1, states[0].Evaluations);
        Assert.Equal(start, states[0].X);
        Assert.All(states.SkipLast(1), s => Assert.Null(s.Reason));
        Assert.Equal(result.Reason, states[^1].Reason);
        Assert.Equal(result.X, states[^1].X);
        Assert.Equal(result.Evaluations, states[^1].Evaluations);
        Assert.True(states.Zip(states.Skip(1)).All(p => p.Second.Evaluations > p.First.Evaluations));
    }

    [Fact]
    public void RejectsBadSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(maxIterations: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(memory: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Lbfgs(tolerance: double.NaN));
    }
}
