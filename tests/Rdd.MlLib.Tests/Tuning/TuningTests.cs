using Rdd.Sql;

namespace Rdd.MlLib.Tests.Tuning;

public sealed class TuningTests : MlLibTestBase
{
    [Fact]
    public void ParamGridBuilderBuildsTheCartesianProduct()
    {
        var lr = new LogisticRegression();
        var scaler = new StandardScaler();
        var grid = new ParamGridBuilder()
            .AddGrid(() => lr.RegParam, 0.1, 0.01, 0.001)
            .AddGrid(() => scaler.WithMean, true, false)
            .BaseOn(new ParamMap().Put(lr, "MaxIter", 7))
            .Build();
        Assert.Equal(6, grid.Length);
        Assert.All(grid, map => Assert.True(map.TryGet(lr, "maxIter", out var v) && (int)v! == 7));
        Assert.Equal(6, grid.Select(m => (m.TryGet(lr, "RegParam", out var r) ? r : null, m.TryGet(scaler, "WithMean", out var w) ? w : null)).Distinct().Count());
        var copy = (LogisticRegression)lr.Copy(grid[0]);
        Assert.Equal(0.1, copy.RegParam);
        Assert.Equal(7, copy.MaxIter);
        Assert.Equal(0.0, lr.RegParam);
        Assert.Throws<ArgumentException>(() => new ParamGridBuilder().AddGrid(lr, "noSuchParam", [1.0]));
        Assert.Throws<ArgumentException>(() => new ParamGridBuilder().AddGrid(lr, "RegParam", ["high"]));
    }

    private CrossValidator CrossValidator(int parallelism)
    {
        var lr = new LogisticRegression { MaxIter = 50 };
        var pipeline = new Pipeline { Stages = [new StandardScaler { InputCol = "features", OutputCol = "scaled" }, lr] };
        lr.FeaturesCol = "scaled";
        return new CrossValidator
        {
            Estimator = pipeline,
            EstimatorParamMaps = new ParamGridBuilder().AddGrid(() => lr.RegParam, 1.0, 0.001).Build(),
            Evaluator = new BinaryClassificationEvaluator(),
            NumFolds = 3,
            Parallelism = parallelism,
        };
    }

    [Fact]
    public void CrossValidationPicksTheBetterMapAndIsReproducible()
    {
        var data = Golden("Data/breast_cancer.csv");
        var model = CrossValidator(1).Fit(data);
        Assert.Equal(2, model.AvgMetrics.Length);
        Assert.True(model.AvgMetrics[1] > model.AvgMetrics[0], string.Join(", ", model.AvgMetrics));
        var best = (PipelineModel)model.BestModel;
        Assert.Equal(0.001, ((LogisticRegression)((LogisticRegressionModel)best.Stages[1]).Parent!).RegParam);
        Assert.Equal(["label", "weight", "features", "scaled", "rawPrediction", "probability", "prediction"], model.Transform(data).Columns);
        var parallel = CrossValidator(2).Fit(data);
        Assert.Equal(model.AvgMetrics, parallel.AvgMetrics);
    }

    [Fact]
    public void FoldsCoverEveryRowOnceWhateverThePartitioning()
    {
        var data = Golden("Data/iris.csv");
        var folds = ValidationSplits.KFold(data, 4, 7);
        var validationCounts = folds.Select(f => f.Validation.Count()).ToArray();
        Assert.Equal(150, validationCounts.Sum());
        Assert.All(validationCounts, c => Assert.InRange(c, 20, 55));
        Assert.All(folds, f => Assert.Equal(150, f.Training.Count() + f.Validation.Count()));
        var repartitioned = data.Union(data.Limit(0));
        Assert.Equal(validationCounts, ValidationSplits.KFold(repartitioned, 4, 7).Select(f => f.Validation.Count()));
        Assert.NotEqual(validationCounts, ValidationSplits.KFold(data, 4, 8).Select(f => f.Validation.Count()));
    }

    public sealed record Mixed(string? Name, DateOnly Day, bool Flag, long? Count, Vector? Features);

    [Fact]
    public void FoldsHashEveryColumnType()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new Mixed(i % 7 == 0 ? null : $"n{i % 13}", DateOnly.FromDayNumber(738000 + i % 5),
            i % 2 == 0, i % 3 == 0 ? null : i, i % 11 == 0 ? null : Vectors.Sparse(4, [i % 4], [i]))).ToArray();
        var frame = Sql.CreateDataFrame(rows);
        var folds = ValidationSplits.KFold(frame, 3, 1);
        Assert.Equal(200, folds.Sum(f => f.Validation.Count()));
        Assert.All(folds, f => Assert.InRange(f.Validation.Count(), 40, 95));
    }

    [Fact]
    public void TrainValidationSplitScoresEveryMap()
    {
        var lr = new LogisticRegression();
        var tvs = new TrainValidationSplit
        {
            Estimator = lr,
            EstimatorParamMaps = new ParamGridBuilder().AddGrid(() => lr.RegParam, 0.01, 10.0).Build(),
            Evaluator = new MulticlassClassificationEvaluator { MetricName = "logLoss" },
            TrainRatio = 0.7,
        };
        var model = tvs.Fit(Golden("Data/wine.csv"));
        Assert.Equal(2, model.ValidationMetrics.Length);
        Assert.True(model.ValidationMetrics[0] < model.ValidationMetrics[1], string.Join(", ", model.ValidationMetrics));
        var best = (LogisticRegressionModel)model.BestModel;
        Assert.True(best.IsMultinomial);
        Assert.Throws<ArgumentException>(() => new TrainValidationSplit { TrainRatio = 1 });
        Assert.Contains("needs an Evaluator", Assert.Throws<ArgumentException>(() => new TrainValidationSplit { Estimator = lr, EstimatorParamMaps = [new ParamMap()] }.Fit(Golden("Data/wine.csv"))).Message);
    }
}
