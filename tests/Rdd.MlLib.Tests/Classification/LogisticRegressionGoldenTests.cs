using Rdd.Core;
using Rdd.MlLib.Tests.References;
using Rdd.Sql;

namespace Rdd.MlLib.Tests.Classification;

/// <summary>
/// LogisticRegression against scikit-learn's optimum of Spark's objective (References/make_sklearn_goldens.py):
/// coefficients, intercepts, probabilities and the objective value, at the tolerances each golden file derives.
/// </summary>
public sealed class LogisticRegressionGoldenTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig { Parallelism = 2 });
    private readonly SqlContext _sql;

    public LogisticRegressionGoldenTests() => _sql = new SqlContext(_context);

    public void Dispose() => _context.Dispose();

    public static TheoryData<string> Cases() => [.. Goldens.LogisticRegressionCaseNames()];

    internal sealed record WeightedPoint(double Label, double Weight, Vector Features);

    internal static DataFrame Frame(SqlContext sql, GoldenDataSet data)
    {
        var rows = data.Labels.Select((label, i) => new WeightedPoint(label, data.Weights?[i] ?? 1.0, Vectors.Dense(data.Features[i]))).ToArray();
        return sql.CreateDataFrame(rows).WithColumnRenamed("Label", "label").WithColumnRenamed("Features", "features").WithColumnRenamed("Weight", "weight");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitsScikitLearnsOptimumOfSparksObjective(string name)
    {
        var golden = Goldens.LogisticRegression(name);
        var data = golden.LoadData();
        var lr = new LogisticRegression
        {
            RegParam = golden.RegParam,
            ElasticNetParam = golden.ElasticNetParam,
            FitIntercept = golden.FitIntercept,
            Standardization = golden.Standardization,
            Family = golden.Family,
            WeightCol = golden.WeightCol ?? "",
            MaxIter = 1000,
            Tol = 1e-12,
        };
        var model = lr.Fit(Frame(_sql, data));
        var tolerance = golden.Tolerance;
        int sets = golden.Coefficients.Length;
        Assert.Equal(sets, model.CoefficientMatrix.NumRows);
        for (int k = 0; k < sets; k++)
        {
            for (int j = 0; j < golden.NumFeatures; j++)
            {
                double expected = golden.Coefficients[k][j];
                double actual = model.CoefficientMatrix[k, j];
                double std = golden.FeaturesStd[j];
                double bound = expected == 0 && golden.ElasticNetParam > 0 ? tolerance.ZeroCoefficients : tolerance.CoefficientsStandardized;
                Assert.True(Math.Abs(actual - expected) * std <= bound,
                    $"{name}: coefficient [{k},{j}] is {actual}, sklearn {expected} (|diff|·std {Math.Abs(actual - expected) * std:E3} > {bound:E3}); {model.Summary.TotalIterations} iterations, {model.Summary.ConvergenceReason}, objective {model.Summary.ObjectiveHistory[^1]:R} vs {golden.Objective:R}");
            }
            Assert.True(Math.Abs(model.InterceptVector[k] - golden.Intercepts[k]) <= tolerance.Intercept,
                $"{name}: intercept {k} is {model.InterceptVector[k]}, sklearn {golden.Intercepts[k]}");
        }
        double objective = model.Summary.ObjectiveHistory[^1];
        Assert.True(Math.Abs(objective - golden.Objective) <= tolerance.ObjectiveRelative * Math.Abs(golden.Objective) + 1e-15,
            $"{name}: objective {objective:R}, sklearn {golden.Objective:R}");
        var probabilities = model.Transform(Frame(_sql, data)).Select("probability").Take(golden.Probabilities.Length);
        for (int i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i].Get<Vector>(0).ToArray();
            for (int c = 0; c < p.Length; c++)
            {
                Assert.True(Math.Abs(p[c] - golden.Probabilities[i][c]) <= tolerance.Probabilities,
                    $"{name}: row {i} P({c}) = {p[c]}, sklearn {golden.Probabilities[i][c]}");
            }
        }
    }
}
