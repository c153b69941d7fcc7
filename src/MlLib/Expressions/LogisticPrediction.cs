using System.Numerics.Tensors;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Expressions;

namespace Rdd.MlLib;

/// <summary>What a <see cref="LogisticPrediction"/> computes for each row.</summary>
internal enum PredictionOutput
{
    /// <summary>The margins: <c>[−m, m]</c> for a binary model, one per class for a multinomial one.</summary>
    RawPrediction,

    /// <summary>The class probabilities (sigmoid or softmax of the margins).</summary>
    Probability,

    /// <summary>The predicted class as a double.</summary>
    Prediction,
}

/// <summary>
/// A logistic-regression model applied to a vector column, one batch at a time: the margins of all rows are dot
/// products over the batch's vector storage read in place, and the output vectors are written straight into a
/// new Arrow buffer (no <see cref="Vector"/> object per row). A null vector gives null.
/// </summary>
internal sealed class LogisticPrediction(Expression features, LogisticParameters parameters, PredictionOutput output) : Expression
{
    public Expression Features { get; } = features;

    public override IReadOnlyList<Expression> Children => [Features];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new LogisticPrediction(children[0], parameters, output);

    public override DataType DataType => output == PredictionOutput.Prediction ? DataTypes.Double : VectorType.Instance;

    public override bool Nullable => true;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var column = new VectorColumn((StructArray)Features.Evaluate(batch));
        int n = column.Length;
        int k = parameters.NumClasses;
        int width = output == PredictionOutput.Prediction ? 1 : k;
        var values = KernelArrays.AllocateValues<double>(n * width);
        var target = KernelArrays.AsSpan<double>(values);
        Span<double> margins = stackalloc double[Math.Min(k, 256)];
        if (k > 256)
        {
            margins = new double[k];
        }
        byte[]? validity = null;
        for (int i = 0; i < n; i++)
        {
            if (column.IsNull(i))
            {
                validity ??= Bitmaps.AllSet(n);
                Bits.ClearBit(validity, i);
                continue;
            }
            if (column.Size(i) != parameters.NumFeatures)
            {
                throw new ArgumentException(
                    $"The features vector of row {i} in a batch has {column.Size(i)} values; the model was trained on {parameters.NumFeatures}.");
            }
            parameters.Margins(column, i, margins);
            var cell = target.Slice(i * width, width);
            switch (output)
            {
                case PredictionOutput.RawPrediction:
                    if (parameters.IsMultinomial)
                    {
                        margins[..k].CopyTo(cell);
                    }
                    else
                    {
                        cell[0] = -margins[0];
                        cell[1] = margins[0];
                    }
                    break;
                case PredictionOutput.Probability:
                    parameters.Probabilities(margins, cell);
                    break;
                default:
                    cell[0] = parameters.Predict(margins);
                    break;
            }
        }
        return output == PredictionOutput.Prediction
            ? KernelArrays.Fixed(DataTypes.Double, values, validity, n)
            : VectorType.DenseColumn(values, n, k, validity);
    }

    public override string ToString() => $"{output.ToString().ToLowerInvariant()}({Features})";
}

/// <summary>The numbers a logistic-regression model predicts with, shared by its transform and single-vector predictions.</summary>
internal sealed class LogisticParameters
{
    private readonly double[] _coefficients;
    private readonly double[] _intercepts;

    public LogisticParameters(double[] rowMajorCoefficients, double[] intercepts, int numFeatures, int numClasses, bool multinomial, double threshold)
    {
        _coefficients = rowMajorCoefficients;
        _intercepts = intercepts;
        NumFeatures = numFeatures;
        NumClasses = numClasses;
        IsMultinomial = multinomial;
        // Comparing margins with log(t / (1 − t)) is comparing the sigmoid with t, without computing it (Spark's rawThreshold).
        RawThreshold = threshold == 0 ? double.NegativeInfinity : threshold == 1 ? double.PositiveInfinity : Math.Log(threshold / (1 - threshold));
    }

    public int NumFeatures { get; }

    public int NumClasses { get; }

    public bool IsMultinomial { get; }

    public double RawThreshold { get; }

    /// <summary>One margin per coefficient set (one for a binary model).</summary>
    public void Margins(VectorColumn column, int row, Span<double> margins)
    {
        int sets = IsMultinomial ? NumClasses : 1;
        int p = NumFeatures;
        if (column.IsDense(row))
        {
            var x = column.Values(row);
            for (int k = 0; k < sets; k++)
            {
                margins[k] = _intercepts[k] + TensorPrimitives.Dot(x, _coefficients.AsSpan(k * p, p));
            }
        }
        else
        {
            var indices = column.Indices(row);
            var values = column.Values(row);
            for (int k = 0; k < sets; k++)
            {
                double sum = _intercepts[k];
                var w = _coefficients.AsSpan(k * p, p);
                for (int j = 0; j < indices.Length; j++)
                {
                    sum += values[j] * w[indices[j]];
                }
                margins[k] = sum;
            }
        }
    }

    public void Probabilities(ReadOnlySpan<double> margins, Span<double> probabilities)
    {
        if (!IsMultinomial)
        {
            double p1 = 1 / (1 + Math.Exp(-margins[0]));
            probabilities[0] = 1 - p1;
            probabilities[1] = p1;
            return;
        }
        double max = double.NegativeInfinity;
        for (int k = 0; k < NumClasses; k++)
        {
            max = Math.Max(max, margins[k]);
        }
        double sum = 0;
        for (int k = 0; k < NumClasses; k++)
        {
            // An infinite largest margin (a one-class model) makes that class certain.
            double e = double.IsPositiveInfinity(max) ? (margins[k] == max ? 1 : 0) : Math.Exp(margins[k] - max);
            probabilities[k] = e;
            sum += e;
        }
        for (int k = 0; k < NumClasses; k++)
        {
            probabilities[k] /= sum;
        }
    }

    public double Predict(ReadOnlySpan<double> margins)
    {
        if (!IsMultinomial)
        {
            return margins[0] > RawThreshold ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < NumClasses; k++)
        {
            if (margins[k] > margins[best])
            {
                best = k;
            }
        }
        return best;
    }
}
