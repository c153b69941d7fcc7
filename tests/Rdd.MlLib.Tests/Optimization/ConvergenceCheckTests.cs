using Rdd.MlLib.Optimization;

namespace Rdd.MlLib.Tests.Optimization;

public class ConvergenceCheckTests
{
    [Fact]
    public void FunctionValuesNeedTwentyRecordedValuesBeforeTheyCanConverge()
    {
        // Breeze seeds the memory with +∞, so even a run that never moves is not "converged" until it is pushed out.
        var check = new ConvergenceCheck(maxIterations: 100, tolerance: 1e-6);
        for (int iteration = 1; iteration < 20; iteration++)
        {
            check.Record(5.0);
            Assert.Null(check.Check(iteration, 5.0, gradientNorm: 1.0, initialValue: 5.0, searchFailed: false));
        }
        check.Record(5.0);
        Assert.Equal(ConvergenceReason.FunctionValuesConverged, check.Check(20, 5.0, 1.0, 5.0, false));
    }

    [Fact]
    public void FunctionValuesCompareWithTheLargestRememberedValueRelativeToTheInitialOne()
    {
        var check = new ConvergenceCheck(maxIterations: 100, tolerance: 1e-3);
        for (int i = 0; i < 20; i++)
        {
            check.Record(100.0 - i * 0.01);
        }
        // The window holds 100 down to 99.81: a spread of 0.19 against 1e-3 · |initial|.
        Assert.Null(check.Check(20, 99.81, 1.0, initialValue: 100.0, false));
        Assert.Equal(ConvergenceReason.FunctionValuesConverged, check.Check(20, 99.81, 1.0, initialValue: 200.0, false));
        check.Reset();
        Assert.Null(check.Check(0, 99.81, 1.0, 200.0, false));
    }

    [Fact]
    public void GradientToleranceIsRelativeToTheValueWithAnAbsoluteFloor()
    {
        var check = new ConvergenceCheck(maxIterations: 100, tolerance: 1e-6);
        Assert.Equal(ConvergenceReason.GradientConverged, check.Check(3, 1000.0, 9e-4, 1000.0, false));
        Assert.Null(check.Check(3, 1000.0, 2e-3, 1000.0, false));
        Assert.Equal(ConvergenceReason.GradientConverged, check.Check(3, 0.0, 1e-8, 1.0, false));
        Assert.Null(check.Check(3, 0.0, 2e-8, 1.0, false));
    }

    [Fact]
    public void ReasonsAreCheckedInBreezesOrder()
    {
        var check = new ConvergenceCheck(maxIterations: 3, tolerance: 1e-6);
        Assert.Equal(ConvergenceReason.MaxIterations, check.Check(3, 1.0, 0.0, 1.0, searchFailed: true));
        Assert.Equal(ConvergenceReason.GradientConverged, check.Check(2, 1.0, 0.0, 1.0, searchFailed: true));
        Assert.Equal(ConvergenceReason.SearchFailed, check.Check(2, 1.0, 1.0, 1.0, searchFailed: true));
        Assert.Equal("line search failed!", ConvergenceReason.SearchFailed.Describe());
    }
}
