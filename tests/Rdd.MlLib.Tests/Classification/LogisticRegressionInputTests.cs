using Rdd.Sql;

namespace Rdd.MlLib.Tests.Classification;

/// <summary>Bad training data gets a typed error naming the column and the row, before the optimizer runs.</summary>
public sealed class LogisticRegressionInputTests : MlLibTestBase
{
    private static Point P(double label, params double[] x) => new(label, 1, Vectors.Dense(x));

    private InvalidDataException FitFails(params Point[] points) =>
        Assert.Throws<InvalidDataException>(() => new LogisticRegression().Fit(Points(points)));

    [Fact]
    public void ANaNLabelNamesTheRowAndColumn()
    {
        var e = FitFails(P(0, 1), P(1, 2), P(0, 3), P(double.NaN, 4), P(1, 5));
        Assert.Contains("Row 3", e.Message);
        Assert.Contains("'label'", e.Message);
        Assert.Contains("NaN", e.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(1.5)]
    public void LabelsMustBeClassIndices(double label)
    {
        var e = FitFails(P(0, 1), P(1, 2), P(label, 3));
        Assert.Contains("Row 2", e.Message);
        Assert.Contains("must be integers", e.Message);
    }

    [Fact]
    public void NaNOrInfiniteFeaturesNameThePosition()
    {
        var e = FitFails(P(0, 1, 2), P(1, 2, double.PositiveInfinity), P(0, 1, 1));
        Assert.Contains("Row 1", e.Message);
        Assert.Contains("'features'", e.Message);
        Assert.Contains("position 1", e.Message);
        e = FitFails(P(0, 1, 2), P(1, 2, 3), new Point(1, 1, Vectors.Sparse(2, [1], [double.NaN])));
        Assert.Contains("Row 2", e.Message);
        Assert.Contains("position 1", e.Message);
    }

    [Fact]
    public void NullFeaturesAndMismatchedSizesAreRefused()
    {
        Assert.Contains("is null", FitFails(P(0, 1), new Point(1, 1, null)).Message);
        var e = FitFails(P(0, 1, 2), P(1, 2, 3, 4));
        Assert.Contains("Row 1", e.Message);
        Assert.Contains("3 values where earlier rows have 2", e.Message);
    }

    [Fact]
    public void NegativeWeightsAreRefused()
    {
        var points = new[] { new Point(0, 1, Vectors.Dense(1)), new Point(1, -2, Vectors.Dense(2)) };
        var e = Assert.Throws<InvalidDataException>(() => new LogisticRegression { WeightCol = "weight" }.Fit(Points(points)));
        Assert.Contains("Row 1", e.Message);
        Assert.Contains("'weight'", e.Message);
    }

    [Fact]
    public void AnEmptyTrainingSetIsRefused()
    {
        var empty = Points(P(0, 1)).Where("label > 5");
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => new LogisticRegression().Fit(empty)).Message);
    }

    [Fact]
    public void ColumnsAreCheckedBeforeAnyJob()
    {
        var frame = Points(P(0, 1), P(1, 2));
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression { FeaturesCol = "x" }.Fit(frame));
        Assert.Contains("'x' does not exist", e.Message);
        e = Assert.Throws<ArgumentException>(() => new LogisticRegression { FeaturesCol = "label" }.Fit(frame));
        Assert.Contains("Column 'label' must be of type vector but was actually double", e.Message);
        var strings = Sql.CreateDataFrame(new[] { new { label = "yes", features = (Vector)Vectors.Dense(1) } });
        e = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(strings));
        Assert.Contains("'label' must be of a numeric type", e.Message);
        Assert.Contains("'w' does not exist", Assert.Throws<ArgumentException>(() => new LogisticRegression { WeightCol = "w" }.Fit(frame)).Message);
    }
}
