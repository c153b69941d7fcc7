namespace Rdd.MlLib;

/// <summary>
/// The L2 term of the objective, Spark's <c>L2Regularization</c>: ½·λ·Σ w² over the feature coefficients (never
/// the intercepts). Training runs on standardized features; without <c>standardization</c> the penalty must
/// still be the one on the original coefficients, w/σ, so each term is divided by σ² (and features with σ = 0 get
/// none).
/// </summary>
internal sealed class L2Regularization(double regParam, int numCoefficients, Func<int, double>? featureStd)
{
    /// <summary>Adds the penalty's gradient to <paramref name="gradient"/>; returns its value.</summary>
    public double Apply(ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        double sum = 0;
        for (int i = 0; i < numCoefficients; i++)
        {
            double w = coefficients[i];
            if (featureStd is null)
            {
                sum += w * w;
                gradient[i] += regParam * w;
            }
            else
            {
                double std = featureStd(i);
                if (std != 0)
                {
                    double scaled = w / (std * std);
                    sum += w * scaled;
                    gradient[i] += regParam * scaled;
                }
            }
        }
        return 0.5 * regParam * sum;
    }
}
