using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib.Tests.Classification;

public sealed class LogisticRegressionTests : MlLibTestBase
{
    private static Point P(double label, params double[] x) => new(label, 1, Vectors.Dense(x));

    [Fact]
    public void DefaultsAreSparks()
    {
        var lr = new LogisticRegression();
        Assert.Equal(100, lr.MaxIter);
        Assert.Equal(0.0, lr.RegParam);
        Assert.Equal(0.0, lr.ElasticNetParam);
        Assert.Equal(1e-6, lr.Tol);
        Assert.True(lr.FitIntercept);
        Assert.True(lr.Standardization);
        Assert.Equal(0.5, lr.Threshold);
        Assert.Equal("auto", lr.Family);
        Assert.Equal(("features", "label", "prediction", "rawPrediction", "probability"),
            (lr.FeaturesCol, lr.LabelCol, lr.PredictionCol, lr.RawPredictionCol, lr.ProbabilityCol));
        Assert.StartsWith("logreg_", lr.Uid);
    }

    [Fact]
    public void InvalidParametersAreRefusedWhenSet()
    {
        var lr = new LogisticRegression();
        Assert.Contains("RegParam", Assert.Throws<ArgumentException>(() => lr.RegParam = -1).Message);
        Assert.Throws<ArgumentException>(() => lr.ElasticNetParam = 1.5);
        Assert.Throws<ArgumentException>(() => lr.MaxIter = -1);
        Assert.Throws<ArgumentException>(() => lr.Threshold = 2);
        Assert.Contains("Unsupported family", Assert.Throws<ArgumentException>(() => lr.Family = "poisson").Message);
    }

    [Fact]
    public void TransformAddsSparksThreeColumns()
    {
        var train = Golden("Data/breast_cancer.csv");
        var model = new LogisticRegression { RegParam = 0.01 }.Fit(train);
        var predictions = model.Transform(train);
        Assert.Equal(["label", "weight", "features", "rawPrediction", "probability", "prediction"], predictions.Columns);
        var coefficients = model.Coefficients.ToArray();
        foreach (var row in predictions.Take(30))
        {
            var x = row.Get<Vector>(2).ToArray();
            double margin = model.Intercept + x.Zip(coefficients, (a, b) => a * b).Sum();
            var raw = row.Get<Vector>(3);
            var probability = row.Get<Vector>(4);
            Assert.Equal(-margin, raw[0], 9);
            Assert.Equal(margin, raw[1], 9);
            Assert.Equal(1 / (1 + Math.Exp(-margin)), probability[1], 12);
            Assert.Equal(1.0, probability[0] + probability[1], 12);
            Assert.Equal(probability[1] > 0.5 ? 1.0 : 0.0, row.Get<double>(5));
            Assert.Equal(row.Get<double>(5), model.Predict(row.Get<Vector>(2)));
            Assert.Equal(probability, model.PredictProbability(row.Get<Vector>(2)));
        }
    }

    [Fact]
    public void ThresholdMovesTheDecision()
    {
        var train = Golden("Data/breast_cancer.csv");
        var lr = new LogisticRegression { RegParam = 0.1 };
        var model = lr.Fit(train);
        long positives = model.Transform(train).Where(Col("prediction") == Lit(1.0)).Count();
        model.Threshold = 0.99;
        long strict = model.Transform(train).Where(Col("prediction") == Lit(1.0)).Count();
        model.Threshold = 0.0;
        long all = model.Transform(train).Where(Col("prediction") == Lit(1.0)).Count();
        Assert.True(strict < positives, $"{strict} < {positives}");
        Assert.Equal(569, all);
        long byProbability = model.Transform(train).Select("probability").Collect().Count(r => r.Get<Vector>(0)[1] > 0.99);
        Assert.Equal(byProbability, strict);
    }

    [Fact]
    public void EmptyOutputColumnNamesAreLeftOut()
    {
        var train = Golden("Data/iris.csv");
        var model = new LogisticRegression { RegParam = 0.1 }.Fit(train);
        model.RawPredictionCol = "";
        model.ProbabilityCol = "";
        Assert.Equal(["label", "weight", "features", "prediction"], model.Transform(train).Columns);
    }

    [Fact]
    public void AnExistingOutputColumnIsRefused()
    {
        var train = Golden("Data/iris.csv");
        var model = new LogisticRegression().Fit(train);
        var e = Assert.Throws<ArgumentException>(() => model.Transform(model.Transform(train)));
        Assert.Contains("'rawPrediction' already exists", e.Message);
    }

    [Fact]
    public void MultinomialModelsExposeMatrixAndRefuseTheBinaryAccessors()
    {
        var train = Golden("Data/iris.csv");
        var model = new LogisticRegression { RegParam = 0.01 }.Fit(train);
        Assert.True(model.IsMultinomial);
        Assert.Equal(3, model.NumClasses);
        Assert.Equal((3, 4), (model.CoefficientMatrix.NumRows, model.CoefficientMatrix.NumCols));
        Assert.Equal(3, model.InterceptVector.Size);
        Assert.Contains("CoefficientMatrix", Assert.Throws<InvalidOperationException>(() => model.Coefficients).Message);
        Assert.Contains("InterceptVector", Assert.Throws<InvalidOperationException>(() => model.Intercept).Message);
        Assert.Equal(0.0, model.InterceptVector.ToArray().Sum(), 12);
        var row = model.Transform(train).First();
        var raw = row.Get<Vector>(3).ToArray();
        var probability = row.Get<Vector>(4).ToArray();
        double sum = raw.Sum(m => Math.Exp(m));
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(Math.Exp(raw[k]) / sum, probability[k], 12);
        }
        Assert.Equal(Array.IndexOf(probability, probability.Max()), row.Get<double>(5));
        Assert.True(model.Summary.Accuracy > 0.9);
    }

    [Fact]
    public void BinomialFamilyRefusesThreeClasses()
    {
        var e = Assert.Throws<ArgumentException>(() => new LogisticRegression { Family = "binomial" }.Fit(Golden("Data/iris.csv")));
        Assert.Contains("Binomial family only supports 1 or 2 outcome classes but found 3", e.Message);
    }

    [Fact]
    public void MultinomialFamilyFitsTwoClassesWithTwoCoefficientRows()
    {
        var model = new LogisticRegression { Family = "multinomial", RegParam = 0.1 }.Fit(Golden("Data/breast_cancer.csv"));
        Assert.True(model.IsMultinomial);
        Assert.Equal(2, model.CoefficientMatrix.NumRows);
        var binary = new LogisticRegression { RegParam = 0.1 }.Fit(Golden("Data/breast_cancer.csv"));
        Assert.True(binary.Summary.AreaUnderRoc > 0.98);
    }

    [Fact]
    public void AConstantLabelNeedsNoTraining()
    {
        var train = Points(P(1, 1, 2), P(1, 3, 4), P(1, 5, 7));
        var model = new LogisticRegression().Fit(train);
        Assert.Equal(double.PositiveInfinity, model.Intercept);
        Assert.Equal([0.0, 0.0], model.Coefficients.ToArray());
        Assert.Equal([0.0], model.Summary.ObjectiveHistory);
        Assert.All(model.Transform(train).Collect(), r => Assert.Equal(1.0, r.Get<double>(5)));
        var zeros = new LogisticRegression().Fit(Points(P(0, 1, 2), P(0, 3, 4)));
        Assert.Equal(double.NegativeInfinity, zeros.Intercept);
    }

    [Fact]
    public void TheSummaryFollowsSpark()
    {
        var train = Golden("Data/breast_cancer.csv");
        var model = new LogisticRegression { RegParam = 0.01, MaxIter = 50 }.Fit(train);
        var summary = model.Summary;
        Assert.True(model.HasSummary);
        Assert.Equal(summary.ObjectiveHistory.Length - 1, summary.TotalIterations);
        Assert.True(summary.TotalIterations is > 1 and <= 50, summary.TotalIterations.ToString());
        Assert.Equal(Math.Log(2), summary.ObjectiveHistory[0], 1);
        for (int i = 1; i < summary.ObjectiveHistory.Length; i++)
        {
            Assert.True(summary.ObjectiveHistory[i] <= summary.ObjectiveHistory[i - 1] + 1e-12, $"history rises at {i}");
        }
        var evaluator = new BinaryClassificationEvaluator { NumBins = 0 };
        Assert.Equal(evaluator.Evaluate(summary.Predictions), summary.AreaUnderRoc, 12);
        var roc = summary.Roc.Collect();
        Assert.Equal(["FPR", "TPR"], summary.Roc.Columns);
        Assert.Equal((0.0, 0.0), (roc[0].Get<double>(0), roc[0].Get<double>(1)));
        Assert.Equal((1.0, 1.0), (roc[^1].Get<double>(0), roc[^1].Get<double>(1)));
        Assert.Equal(["recall", "precision"], summary.Pr.Columns);
        Assert.Equal(["threshold", "F-Measure"], summary.FMeasureByThreshold.Columns);
        var accuracy = new MulticlassClassificationEvaluator { MetricName = "accuracy" }.Evaluate(summary.Predictions);
        Assert.Equal(accuracy, summary.Accuracy, 12);
        Assert.True(summary.Accuracy > 0.97);
    }

    [Fact]
    public void MapReduceModeTrainsTheSameModel()
    {
        var data = References.Goldens.Data("Data/breast_cancer.csv");
        Vector Fit(ExecutionMode mode)
        {
            using var context = new RddContext(new RddConfig { Parallelism = 2, ExecutionMode = mode });
            var sql = new SqlContext(context);
            var frame = sql.CreateDataFrame(data.Labels.Select((l, i) => new Point(l, 1, Vectors.Dense(data.Features[i]))).ToArray());
            var model = new LogisticRegression { RegParam = 0.01, MaxIter = 30 }.Fit(frame);
            return model.Coefficients;
        }
        Assert.Equal(Fit(ExecutionMode.InMemory), Fit(ExecutionMode.MapReduce));
    }

    [Fact]
    public void SparseFeaturesTrainTheSameModelAsDenseOnes()
    {
        var data = References.Goldens.Data("Data/breast_cancer.csv");
        var dense = Sql.CreateDataFrame(data.Labels.Select((l, i) => new Point(l, 1, Vectors.Dense(data.Features[i]))).ToArray());
        var sparse = Sql.CreateDataFrame(data.Labels.Select((l, i) => new Point(l, 1, Vectors.Dense(data.Features[i]).ToSparse())).ToArray());
        var a = new LogisticRegression { RegParam = 0.01, MaxIter = 40 }.Fit(dense);
        var b = new LogisticRegression { RegParam = 0.01, MaxIter = 40 }.Fit(sparse);
        Assert.Equal(a.Summary.ObjectiveHistory, b.Summary.ObjectiveHistory);
        Assert.Equal(a.Coefficients, b.Coefficients);
        var pa = a.Transform(dense).Select("probability").Collect();
        var pb = b.Transform(sparse).Select("probability").Collect();
        for (int i = 0; i < pa.Length; i++)
        {
            // Sparse margins add the stored values in a different order than the SIMD dense dot product.
            Assert.Equal(pa[i].Get<Vector>(0)[1], pb[i].Get<Vector>(0)[1], 12);
        }
    }

    [Fact]
    public void ZeroWeightsDropRowsFromTheObjective()
    {
        var data = References.Goldens.Data("Data/breast_cancer.csv");
        var half = Sql.CreateDataFrame(data.Labels.Select((l, i) => new Point(l, i % 2, Vectors.Dense(data.Features[i]))).ToArray());
        var odd = Sql.CreateDataFrame(data.Labels.Select((l, i) => new Point(l, 1, Vectors.Dense(data.Features[i]))).Where((_, i) => i % 2 == 1).ToArray());
        var weighted = new LogisticRegression { RegParam = 0.05, WeightCol = "weight", Tol = 1e-10, MaxIter = 500 }.Fit(half);
        var subset = new LogisticRegression { RegParam = 0.05, Tol = 1e-10, MaxIter = 500 }.Fit(odd);
        var a = weighted.Coefficients.ToArray();
        var b = subset.Coefficients.ToArray();
        for (int j = 0; j < a.Length; j++)
        {
            Assert.True(Math.Abs(a[j] - b[j]) <= 1e-4 * Math.Max(1, Math.Abs(b[j])), $"coefficient {j}: {a[j]} vs {b[j]}");
        }
    }
}
