using Rdd.Sql;

namespace Rdd.MlLib.Tests.Persistence;

public sealed class PersistenceTests : MlLibTestBase
{
    private static double[][] Probabilities(DataFrame predictions) =>
        [.. predictions.Select("probability").Collect().Select(r => r.Get<Vector>(0).ToArray())];

    [Theory]
    [InlineData("Data/breast_cancer.csv")]
    [InlineData("Data/iris.csv")]
    public void ALoadedModelPredictsExactlyTheSame(string file)
    {
        var train = Golden(file);
        var model = new LogisticRegression { RegParam = 0.05, Threshold = 0.3 }.Fit(train);
        string path = TempPath("model");
        model.Save(path);
        Assert.True(File.Exists(Path.Combine(path, "metadata", "part-00000")));
        var loaded = LogisticRegressionModel.Load(path);
        Assert.Equal(model.Uid, loaded.Uid);
        Assert.Equal(model.CoefficientMatrix, loaded.CoefficientMatrix);
        Assert.Equal(model.InterceptVector, loaded.InterceptVector);
        Assert.Equal(0.3, loaded.Threshold);
        Assert.Equal(model.IsMultinomial, loaded.IsMultinomial);
        Assert.False(loaded.HasSummary);
        Assert.Equal(Probabilities(model.Transform(train)), Probabilities(loaded.Transform(train)));
        Assert.Equal(model.Transform(train).Select("prediction").Collect(), loaded.Transform(train).Select("prediction").Collect());
    }

    [Fact]
    public void SavingOverAnExistingModelNeedsOverwrite()
    {
        var train = Golden("Data/breast_cancer.csv");
        var first = new LogisticRegression { RegParam = 1 }.Fit(train);
        var second = new LogisticRegression { RegParam = 0.01 }.Fit(train);
        string path = TempPath("model");
        first.Save(path);
        Assert.Contains("already exists", Assert.Throws<IOException>(() => second.Save(path)).Message);
        Assert.Equal(first.Coefficients, LogisticRegressionModel.Load(path).Coefficients);
        second.Write.Overwrite().Save(path);
        Assert.Equal(second.Coefficients, LogisticRegressionModel.Load(path).Coefficients);
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void LoadingNamesWhatIsWrongWithTheFolder()
    {
        string missing = TempPath("nothing");
        Assert.Contains("does not exist", Assert.Throws<DirectoryNotFoundException>(() => LogisticRegressionModel.Load(missing)).Message);
        Directory.CreateDirectory(missing);
        Assert.Contains("holds no saved Rdd.MlLib stage", Assert.Throws<InvalidDataException>(() => LogisticRegressionModel.Load(missing)).Message);
        string scaler = TempPath("scaler");
        new StandardScaler { InputCol = "features", OutputCol = "s" }.Fit(Golden("Data/iris.csv")).Save(scaler);
        var e = Assert.Throws<InvalidDataException>(() => LogisticRegressionModel.Load(scaler));
        Assert.Contains("holds a saved Rdd.MlLib.StandardScalerModel, not a Rdd.MlLib.LogisticRegressionModel", e.Message);
    }

    [Fact]
    public void APipelineModelSavesEveryStage()
    {
        var train = Golden("Data/wine.csv");
        var pipeline = new Pipeline
        {
            Stages =
            [
                new StandardScaler { InputCol = "features", OutputCol = "scaled", WithMean = true },
                new LogisticRegression { FeaturesCol = "scaled", RegParam = 0.05 },
            ],
        };
        var model = pipeline.Fit(train);
        string path = TempPath("pipeline");
        model.Save(path);
        var loaded = PipelineModel.Load(path);
        Assert.Equal(2, loaded.Stages.Length);
        Assert.IsType<StandardScalerModel>(loaded.Stages[0]);
        Assert.Equal(Probabilities(model.Transform(train)), Probabilities(loaded.Transform(train)));
        string unfitted = TempPath("unfitted");
        pipeline.Save(unfitted);
        var again = Pipeline.Load(unfitted);
        Assert.Equal(0.05, ((LogisticRegression)again.Stages[1]).RegParam);
        Assert.Equal("scaled", ((LogisticRegression)again.Stages[1]).FeaturesCol);
    }

    [Fact]
    public void AFailedSaveLeavesNothingThatLooksLikeAModel()
    {
        var pipeline = new PipelineModel("pipeline_x", [new BrokenTransformer()]);
        string path = TempPath("broken");
        Assert.Throws<NotSupportedException>(() => pipeline.Save(path));
        Assert.False(Directory.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }

    private sealed class BrokenTransformer() : Transformer("broken")
    {
        public override StructType TransformSchema(StructType schema) => schema;

        public override DataFrame Transform(DataFrame dataset) => dataset;
    }
}
