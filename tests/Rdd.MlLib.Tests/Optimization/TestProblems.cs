using Rdd.MlLib.Optimization;

namespace Rdd.MlLib.Tests.Optimization;

/// <summary>Objectives with known minimizers, and the reference solvers the tests compare against.</summary>
internal static class TestProblems
{
    /// <summary>f(x) = ½xᵀAx − bᵀx.</summary>
    public static DiffFunction Quadratic(double[,] a, double[] b) => (x, g) =>
    {
        int n = b.Length;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double ax = 0;
            for (int j = 0; j < n; j++)
            {
                ax += a[i, j] * x[j];
            }
            g[i] = ax - b[i];
            f += 0.5 * x[i] * ax - b[i] * x[i];
        }
        return f;
    };

    /// <summary>A random symmetric positive definite matrix MᵀM + n·I.</summary>
    public static double[,] RandomSpd(int n, Random random)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = random.NextDouble() * 2 - 1;
            }
        }
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[k, i] * m[k, j];
                }
                a[i, j] = s + (i == j ? n : 0);
            }
        }
        return a;
    }

    /// <summary>Solves a·x = b by Gaussian elimination with partial pivoting.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                {
                    pivot = r;
                }
            }
            for (int k = 0; k < n; k++)
            {
                (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
            }
            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double factor = m[r, c] / m[c, c];
                for (int k = c; k < n; k++)
                {
                    m[r, k] -= factor * m[c, k];
                }
                x[r] -= factor * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int k = r + 1; k < n; k++)
            {
                s -= m[r, k] * x[k];
            }
            x[r] = s / m[r, r];
        }
        return x;
    }

    /// <summary>Σ over pairs of 100(x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)²: minimum 0 at all ones only.</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double u = x[i + 1] - x[i] * x[i];
            double v = 1 - x[i];
            f += 100 * u * u + v * v;
            g[i] = -400 * u * x[i] - 2 * v;
            g[i + 1] = 200 * u;
        }
        return f;
    }

    /// <summary>Rosenbrock's classic start (−1.2, 1) repeated.</summary>
    public static double[] RosenbrockStart(int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    /// <summary>Labelled rows for binary logistic regression, with features 2 and 4 irrelevant to the label.</summary>
    public static (double[][] Features, double[] Labels) LogisticData(int rows, Random random)
    {
        double[] truth = [1.5, -2.0, 0.0, 0.8, 0.0];
        var features = new double[rows][];
        var labels = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            var row = new double[truth.Length];
            double margin = 0.3;
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = random.NextDouble() * 2 - 1;
                margin += truth[j] * row[j];
            }
            features[r] = row;
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1 : 0;
        }
        return (features, labels);
    }

    /// <summary>
    /// Spark's binary logistic loss: the mean of log(1 + e^m) − y·m with m = w·x + b (coefficients first, the
    /// intercept last), plus ½·l2·‖w‖² on the coefficients only.
    /// </summary>
    public static double LogisticLoss(double[][] features, double[] labels, double l2, ReadOnlySpan<double> w, Span<double> g)
    {
        int d = features[0].Length;
        double loss = 0;
        g.Clear();
        for (int r = 0; r < features.Length; r++)
        {
            double margin = w[d];
            for (int j = 0; j < d; j++)
            {
                margin += w[j] * features[r][j];
            }
            loss += (margin > 0 ? margin + double.LogP1(Math.Exp(-margin)) : double.LogP1(Math.Exp(margin))) - labels[r] * margin;
            double residual = 1 / (1 + Math.Exp(-margin)) - labels[r];
            for (int j = 0; j < d; j++)
            {
                g[j] += residual * features[r][j];
            }
            g[d] += residual;
        }
        int n = features.Length;
        loss /= n;
        for (int j = 0; j <= d; j++)
        {
            g[j] /= n;
        }
        for (int j = 0; j < d; j++)
        {
            loss += 0.5 * l2 * w[j] * w[j];
            g[j] += l2 * w[j];
        }
        return loss;
    }

    /// <summary>The minimizer of <see cref="LogisticLoss"/> by damped Newton steps until the gradient vanishes.</summary>
    public static double[] NewtonLogistic(double[][] features, double[] labels, double l2)
    {
        int d = features[0].Length;
        int p = d + 1;
        var w = new double[p];
        var g = new double[p];
        var trial = new double[p];
        var scratch = new double[p];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double f = LogisticLoss(features, labels, l2, w, g);
            if (Math.Sqrt(g.Sum(v => v * v)) < 1e-14)
            {
                return w;
            }
            var h = new double[p, p];
            foreach (var (row, _) in features.Zip(labels))
            {
                double margin = w[d];
                for (int j = 0; j < d; j++)
                {
                    margin += w[j] * row[j];
                }
                double s = 1 / (1 + Math.Exp(-margin));
                double weight = s * (1 - s) / features.Length;
                for (int i = 0; i < p; i++)
                {
                    double xi = i < d ? row[i] : 1;
                    for (int j = 0; j < p; j++)
                    {
                        h[i, j] += weight * xi * (j < d ? row[j] : 1);
                    }
                }
            }
            for (int j = 0; j < d; j++)
            {
                h[j, j] += l2;
            }
            var step = Solve(h, g);
            double t = 1;
            while (true)
            {
                for (int j = 0; j < p; j++)
                {
                    trial[j] = w[j] - t * step[j];
                }
                if (LogisticLoss(features, labels, l2, trial, scratch) <= f || t < 1e-12)
                {
                    break;
                }
                t /= 2;
            }
            Array.Copy(trial, w, p);
        }
        throw new InvalidOperationException("Newton did not converge.");
    }

    /// <summary>
    /// The minimizer of <see cref="LogisticLoss"/> + Σ l1·|wⱼ| (coefficients only) by proximal gradient steps of
    /// 1/L with L bounding the loss's curvature: slow but certain, and exact zeros come from soft thresholding.
    /// </summary>
    public static double[] ProximalGradientLogistic(double[][] features, double[] labels, double l2, double l1)
    {
        int d = features[0].Length;
        int p = d + 1;
        double lipschitz = l2 + 0.25 * features.Average(row => 1 + row.Sum(v => v * v));
        var w = new double[p];
        var g = new double[p];
        for (int iteration = 0; iteration < 200_000; iteration++)
        {
            LogisticLoss(features, labels, l2, w, g);
            double change = 0;
            for (int j = 0; j < p; j++)
            {
                double z = w[j] - g[j] / lipschitz;
                double next = j < d ? Math.Sign(z) * Math.Max(Math.Abs(z) - l1 / lipschitz, 0) : z;
                change = Math.Max(change, Math.Abs(next - w[j]));
                w[j] = next;
            }
            if (change < 1e-15)
            {
                return w;
            }
        }
        throw new InvalidOperationException("Proximal gradient did not converge.");
    }

    /// <summary>Wraps a function to record every point it is evaluated at.</summary>
    public static DiffFunction Recording(DiffFunction f, List<double[]> points) => (x, g) =>
    {
        points.Add(x.ToArray());
        return f(x, g);
    };
}
