// A Spark ML pipeline: read a CSV, assemble and scale features, fit a logistic regression, evaluate it on held-out
// rows, tune the regularization by cross-validation, and save and load the fitted pipeline.
// Run from the repository's root: dotnet run apps/04-logistic-regression.cs
// (It checks its own results and exits with status 1 when one is wrong.)
#:project ../src/MlLib/Rdd.MlLib.csproj
using System.Globalization;
using Rdd.Core;
using Rdd.MlLib;
using Rdd.Sql;
using static Rdd.Sql.Functions;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  [{(ok ? "ok" : "FAIL")}] {what}");
    if (!ok) failures++;
}

var folder = Path.Combine(Path.GetTempPath(), "rdd-app-04-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
try
{
    Console.WriteLine("1. Loan applications: age, income and debt, and whether the loan was repaid (label 1).");
    // The chance of repaying rises with income and falls with debt; the data is an ordinary CSV file.
    var csv = Path.Combine(folder, "loans.csv");
    var random = new Random(7);
    var lines = new List<string> { "id,age,income,debt,label" };
    for (int i = 0; i < 3000; i++)
    {
        double age = 20 + random.NextDouble() * 45;
        double income = 20 + random.NextDouble() * 100;          // thousands a year
        double debt = random.NextDouble() * 60;                    // thousands
        double margin = -1.0 + 0.05 * income - 0.08 * debt + 0.01 * (age - 40);
        int repaid = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1 : 0;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{i},{age:F1},{income:F2},{debt:F2},{repaid}"));
    }
    File.WriteAllLines(csv, lines);

    using var sc = new RddContext(new RddConfig { Parallelism = 2 });
    var sql = new SqlContext(sc);
    var loans = sql.Read.Csv(csv);
    loans.Show(5);

    Console.WriteLine("2. Hold out one row in five (by id); the pipeline assembles a vector, standardizes it and fits the model.");
    var train = loans.Where(Col("id") % 5 != 0);
    var test = loans.Where(Col("id") % 5 == 0);
    var assembler = new VectorAssembler { InputCols = ["age", "income", "debt"], OutputCol = "raw" };
    var scaler = new StandardScaler { InputCol = "raw", OutputCol = "features", WithMean = true };
    var lr = new LogisticRegression { RegParam = 0.01, MaxIter = 50 };
    var pipeline = new Pipeline { Stages = [assembler, scaler, lr] };
    var model = pipeline.Fit(train);                       // the jobs run here

    var lrModel = (LogisticRegressionModel)model.Stages[2];
    var history = lrModel.Summary.ObjectiveHistory;
    Console.WriteLine($"   coefficients {lrModel.Coefficients}, intercept {lrModel.Intercept:F4}");
    Console.WriteLine($"   {lrModel.Summary.TotalIterations} iterations; objective {history[0]:F4} -> {history[^1]:F4}");
    Console.WriteLine($"   training AUC {lrModel.Summary.AreaUnderRoc:F4}, accuracy {lrModel.Summary.Accuracy:F4}");
    Check(lrModel.Coefficients[1] > 0 && lrModel.Coefficients[2] < 0, "income raises the odds of repaying, debt lowers them");
    Check(history[^1] < history[0], "the objective went down");

    Console.WriteLine("3. Predictions on the held-out rows: Spark's rawPrediction, probability and prediction columns.");
    var predictions = model.Transform(test);
    predictions.Select("age", "income", "debt", "label", "probability", "prediction").Show(5);
    var auc = new BinaryClassificationEvaluator().Evaluate(predictions);
    var accuracy = new MulticlassClassificationEvaluator { MetricName = "accuracy" }.Evaluate(predictions);
    Console.WriteLine($"   test AUC {auc:F4}, accuracy {accuracy:F4}");
    Check(predictions.Count() == 600, "600 held-out rows");
    Check(auc > 0.75 && accuracy > 0.65, "the model separates repaid loans well on rows it never saw (AUC > 0.75)");

    Console.WriteLine("4. 3-fold cross-validation over regParam x elasticNetParam, scored by AUC; the best is refitted on all training rows.");
    var grid = new ParamGridBuilder()
        .AddGrid(() => lr.RegParam, 1.0, 0.1, 0.001)
        .AddGrid(() => lr.ElasticNetParam, 0.0, 1.0)
        .Build();
    var cv = new CrossValidator
    {
        Estimator = pipeline,
        EstimatorParamMaps = grid,
        Evaluator = new BinaryClassificationEvaluator(),
        NumFolds = 3,
        Parallelism = 2,
    };
    var cvModel = cv.Fit(train);
    for (int m = 0; m < grid.Length; m++)
    {
        grid[m].TryGet(lr, "RegParam", out var reg);
        grid[m].TryGet(lr, "ElasticNetParam", out var alpha);
        Console.WriteLine($"   regParam {reg,-6} elasticNet {alpha,-4} mean AUC {cvModel.AvgMetrics[m]:F4}");
    }
    var tunedAuc = new BinaryClassificationEvaluator().Evaluate(cvModel.Transform(test));
    Console.WriteLine($"   best model's test AUC {tunedAuc:F4}");
    Check(cvModel.AvgMetrics.Length == 6, "one mean metric per grid point (3 x 2)");
    var bestIndex = Array.IndexOf(cvModel.AvgMetrics, cvModel.AvgMetrics.Max());
    grid[bestIndex].TryGet(lr, "RegParam", out var bestReg);
    grid[bestIndex].TryGet(lr, "ElasticNetParam", out var bestAlpha);
    Check(!(Equals(bestReg, 1.0) && Equals(bestAlpha, 1.0)), "the strongest lasso penalty (which zeroes every weight) is not the best");
    Check(tunedAuc > 0.75, "the tuned model also scores AUC > 0.75 on the held-out rows");

    Console.WriteLine("5. Save the fitted pipeline (JSON metadata and fitted values, as Spark lays it out) and load it back.");
    var path = Path.Combine(folder, "loan-model");
    model.Save(path);
    var loaded = PipelineModel.Load(path);
    var same = loaded.Transform(test).Select("prediction").Collect().Select(r => r[0])
        .SequenceEqual(model.Transform(test).Select("prediction").Collect().Select(r => r[0]));
    Console.WriteLine($"   saved to {path}; the loaded model predicts the same: {same}");
    Check(same, "the loaded model makes the same predictions");
}
finally
{
    Directory.Delete(folder, recursive: true);
}

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;
