namespace Rdd.MlLib.Tests.References;

/// <summary>
/// Checks that every logistic-regression golden is whole and consistent with its data set, so a broken or
/// hand-edited golden fails here rather than as a puzzling model mismatch: shapes agree with the parameters, and
/// the stored feature statistics, probabilities and objective are recomputed from the CSV (Spark's formulas) to
/// 1e-12, which also checks that the CSV parses to the doubles scikit-learn fitted.
/// </summary>
public class GoldenFilesTests
{
    // The recomputations use the same formulas as the script in a different summation order.
    private const double Exactish = 1e-12;

    public static TheoryData<string> LogisticRegressionCases() => [.. Goldens.LogisticRegressionCaseNames()];

    [Fact]
    public void EveryCaseFileIsFound()
    {
        var names = Goldens.LogisticRegressionCaseNames();
        Assert.True(names.Length >= 13, $"expected the 13 cases make_sklearn_goldens.py writes, found {names.Length}");
        Assert.Contains("breast_cancer_l2_0.01", names);
        Assert.Contains("multiclass_generated_unregularized", names);
    }

    [Theory]
    [MemberData(nameof(LogisticRegressionCases))]
    public void LogisticRegressionGoldenIsConsistent(string name)
    {
        var g = Goldens.LogisticRegression(name);
        Assert.Equal(name, g.Name);
        Assert.True(g.Family is "binomial" or "multinomial", $"family {g.Family}");
        Assert.True(g.RegParam >= 0 && g.ElasticNetParam is >= 0 and <= 1, "regParam >= 0 and elasticNetParam in [0, 1]");

        var data = g.LoadData();
        int n = data.Labels.Length, p = data.FeatureNames.Length;
        Assert.Equal(g.NumRows, n);
        Assert.Equal(g.NumFeatures, p);
        Assert.Equal([.. Enumerable.Range(0, p).Select(j => $"f{j}")], data.FeatureNames);
        Assert.All(data.Features, row => Assert.Equal(p, row.Length));
        Assert.All(data.Labels, l => Assert.True(l == Math.Floor(l) && l >= 0 && l < g.NumClasses, $"label {l}"));
        Assert.Equal(g.NumClasses, (int)data.Labels.Max() + 1);
        Assert.Equal(g.WeightCol is not null, data.Weights is not null);
        if (g.WeightCol is not null) Assert.Equal("weight", g.WeightCol);
        if (!g.IsMultinomial) Assert.Equal(2, g.NumClasses);

        int k = g.IsMultinomial ? g.NumClasses : 1;
        Assert.Equal(k, g.Coefficients.Length);
        Assert.All(g.Coefficients, row => Assert.Equal(p, row.Length));
        Assert.Equal(k, g.Intercepts.Length);
        if (!g.FitIntercept) Assert.All(g.Intercepts, b => Assert.Equal(0.0, b));
        Assert.Equal(p, g.FeaturesMean.Length);
        Assert.Equal(p, g.FeaturesStd.Length);
        Assert.Equal(Math.Min(20, n), g.Probabilities.Length);
        Assert.All(g.Probabilities, row => Assert.Equal(g.NumClasses, row.Length));

        var t = g.Tolerance;
        foreach (var (value, what) in new[] { (t.CoefficientsStandardized, "coefficients"), (t.Intercept, "intercept"), (t.Probabilities, "probabilities"), (t.ObjectiveRelative, "objective") })
        {
            Assert.True(value > 0 && double.IsFinite(value), $"tolerance {what} = {value}");
        }
        Assert.True(t.ZeroCoefficients >= 0, "zeroCoefficients tolerance");

        var weights = data.Weights ?? [.. Enumerable.Repeat(1.0, n)];
        var (mean, std) = SparkMeanAndStd(data.Features, weights);
        Approx.Relative(g.FeaturesMean, mean, Exactish, $"{name} featuresMean");
        Approx.Relative(g.FeaturesStd, std, Exactish, $"{name} featuresStd");

        // Spark gives a constant feature coefficient 0; multinomial intercepts are always centred, and with
        // regParam 0 so is each feature's column of coefficients.
        for (int j = 0; j < p; j++)
        {
            if (std[j] == 0) Assert.All(g.Coefficients, row => Assert.Equal(0.0, row[j]));
        }
        if (g.IsMultinomial && g.FitIntercept) Approx.Absolute(0, g.Intercepts.Sum(), 1e-12 * g.Intercepts.Max(Math.Abs), $"{name} intercept sum");
        if (g.IsMultinomial && g.RegParam == 0)
        {
            for (int j = 0; j < p; j++)
            {
                Approx.Absolute(0, g.Coefficients.Sum(row => row[j]), 1e-12 * g.Coefficients.Max(row => Math.Abs(row[j])), $"{name} column {j} sum");
            }
        }
        if (g.RegParam > 0 && g.ElasticNetParam == 1)
        {
            Assert.Contains(g.Coefficients.SelectMany(row => row), c => c == 0.0);
        }

        for (int i = 0; i < g.Probabilities.Length; i++)
        {
            var probabilities = Probabilities(g, data.Features[i]);
            Approx.Absolute(1.0, g.Probabilities[i].Sum(), 1e-12, $"{name} probabilities[{i}] sum");
            for (int c = 0; c < g.NumClasses; c++)
            {
                Approx.Absolute(g.Probabilities[i][c], probabilities[c], 1e-12, $"{name} probabilities[{i}][{c}]");
            }
        }

        Approx.Relative(g.Objective, SparkObjective(g, data, weights, std), Exactish, $"{name} objective");
    }

    /// <summary>Spark's Summarizer mean and std: weighted, the variance divided by W − Σw²/W (ddof 1 for unit weights).</summary>
    private static (double[] Mean, double[] Std) SparkMeanAndStd(double[][] x, double[] w)
    {
        int p = x[0].Length;
        double weightSum = w.Sum(), weightSquares = w.Sum(v => v * v);
        var mean = new double[p];
        var std = new double[p];
        for (int j = 0; j < p; j++)
        {
            double m = 0;
            for (int i = 0; i < x.Length; i++) m += w[i] * x[i][j];
            m /= weightSum;
            double m2 = 0;
            double? first = null;
            bool constant = true;
            for (int i = 0; i < x.Length; i++)
            {
                m2 += w[i] * (x[i][j] - m) * (x[i][j] - m);
                // Rows of weight 0 do not count (Spark's summarizer skips them), so neither do their values here.
                if (w[i] > 0)
                {
                    first ??= x[i][j];
                    constant &= x[i][j] == first;
                }
            }
            mean[j] = m;
            std[j] = constant ? 0.0 : Math.Sqrt(m2 / (weightSum - weightSquares / weightSum));
        }
        return (mean, std);
    }

    private static double[] Margins(LogisticRegressionGolden g, double[] x) =>
        [.. g.Coefficients.Select((row, k) => g.Intercepts[k] + row.Select((c, j) => c * x[j]).Sum())];

    private static double[] Probabilities(LogisticRegressionGolden g, double[] x)
    {
        var margins = Margins(g, x);
        if (!g.IsMultinomial)
        {
            double p1 = 1 / (1 + Math.Exp(-margins[0]));
            return [1 - p1, p1];
        }
        double max = margins.Max();
        var e = margins.Select(m => Math.Exp(m - max)).ToArray();
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    /// <summary>(1/Σw) Σ w·logloss + regParam ((1−α)/2 ‖b‖² + α ‖b‖₁), b = coefficients·std when standardizing.</summary>
    private static double SparkObjective(LogisticRegressionGolden g, GoldenDataSet data, double[] w, double[] std)
    {
        double loss = 0;
        for (int i = 0; i < data.Labels.Length; i++)
        {
            var margins = Margins(g, data.Features[i]);
            int y = (int)data.Labels[i];
            double rowLoss;
            if (g.IsMultinomial)
            {
                double max = margins.Max();
                rowLoss = max + Math.Log(margins.Sum(m => Math.Exp(m - max))) - margins[y];
            }
            else
            {
                // log(1 + e^z) − y z without overflow.
                double z = margins[0];
                rowLoss = (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - y * z;
            }
            loss += w[i] * rowLoss;
        }
        loss /= w.Sum();

        double l2 = 0, l1 = 0;
        foreach (var row in g.Coefficients)
        {
            for (int j = 0; j < row.Length; j++)
            {
                double b = g.Standardization ? row[j] * std[j] : row[j];
                l2 += b * b;
                l1 += Math.Abs(b);
            }
        }
        return loss + g.RegParam * ((1 - g.ElasticNetParam) / 2 * l2 + g.ElasticNetParam * l1);
    }
}
