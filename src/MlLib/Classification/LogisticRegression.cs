using System.Diagnostics;
using System.Numerics.Tensors;
using Apache.Arrow;
using Rdd.Core;
using Rdd.MlLib.Optimization;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// Logistic regression, binary or multinomial, with Spark ML's objective, parameters and defaults
/// (<c>org.apache.spark.ml.classification.LogisticRegression</c>): it minimizes the weighted mean log-loss plus
/// <c>RegParam · ((1 − ElasticNetParam)/2 · ‖β‖² + ElasticNetParam · ‖β‖₁)</c>, intercepts never penalized, with
/// L-BFGS (memory 10), or OWL-QN when there is an L1 part. Features are standardized for training (coefficients
/// are reported on the original scale); with <see cref="Standardization"/> the penalty applies to the standardized
/// coefficients, as in Spark and glmnet.
/// </summary>
/// <remarks>
/// Training never collects the data: one job summarizes and checks it (means, deviations, label counts), then the
/// standardized rows are cached as blocks of about 1 MB of row-major doubles (<see cref="InstanceBlock"/>), and every
/// evaluation of the objective is one aggregate over those blocks computed with SIMD. In
/// <see cref="ExecutionMode.MapReduce"/> nothing is cached, so every evaluation reads and parses the input again,
/// as Hadoop would.
/// </remarks>
public sealed class LogisticRegression : Estimator<LogisticRegressionModel>, IMlWritable
{
    private int _maxIter = 100;
    private double _regParam;
    private double _elasticNetParam;
    private double _tol = 1e-6;
    private double _threshold = 0.5;
    private string _family = "auto";

    /// <summary>A logistic regression with Spark's defaults.</summary>
    public LogisticRegression()
        : base("logreg")
    {
    }

    /// <summary>The most optimizer iterations (≥ 0; default 100).</summary>
    public int MaxIter { get => _maxIter; set => _maxIter = value >= 0 ? value : throw Invalid(nameof(MaxIter), value, "must be at least 0"); }

    /// <summary>The regularization strength λ (≥ 0; default 0).</summary>
    public double RegParam { get => _regParam; set => _regParam = value >= 0 ? value : throw Invalid(nameof(RegParam), value, "must be at least 0"); }

    /// <summary>The elastic-net mix α in [0, 1]: 0 is L2 only (default), 1 is L1 only.</summary>
    public double ElasticNetParam
    {
        get => _elasticNetParam;
        set => _elasticNetParam = value is >= 0 and <= 1 ? value : throw Invalid(nameof(ElasticNetParam), value, "must be in [0, 1]");
    }

    /// <summary>The convergence tolerance of the optimizer (≥ 0; default 1e-6).</summary>
    public double Tol { get => _tol; set => _tol = value >= 0 ? value : throw Invalid(nameof(Tol), value, "must be at least 0"); }

    /// <summary>Whether to fit intercepts (default true).</summary>
    public bool FitIntercept { get; set; } = true;

    /// <summary>Whether to standardize the features before fitting, so the penalty is on standardized coefficients (default true).</summary>
    public bool Standardization { get; set; } = true;

    /// <summary>The probability of class 1 above which a binary model predicts 1 (in [0, 1]; default 0.5).</summary>
    public double Threshold { get => _threshold; set => _threshold = value is >= 0 and <= 1 ? value : throw Invalid(nameof(Threshold), value, "must be in [0, 1]"); }

    /// <summary><c>auto</c> (default: binomial for at most two classes), <c>binomial</c> or <c>multinomial</c>.</summary>
    public string Family
    {
        get => _family;
        set => _family = value?.ToLowerInvariant() is "auto" or "binomial" or "multinomial"
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"Unsupported family: {value}. Use auto, binomial or multinomial.", nameof(Family));
    }

    /// <summary>The features column, a vector (default <c>features</c>).</summary>
    public string FeaturesCol { get; set; } = "features";

    /// <summary>The label column, numbers 0 … k−1 (default <c>label</c>).</summary>
    public string LabelCol { get; set; } = "label";

    /// <summary>The instance weight column; empty (default) means every weight is 1.</summary>
    public string WeightCol { get; set; } = "";

    /// <summary>The predicted-label column the model adds (default <c>prediction</c>).</summary>
    public string PredictionCol { get; set; } = "prediction";

    /// <summary>The raw-prediction (margins) column the model adds (default <c>rawPrediction</c>).</summary>
    public string RawPredictionCol { get; set; } = "rawPrediction";

    /// <summary>The class-probabilities column the model adds (default <c>probability</c>).</summary>
    public string ProbabilityCol { get; set; } = "probability";

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory) => ModelPersistence.WriteMetadata(directory, this);

    /// <summary>Loads an (unfitted) estimator saved with <see cref="Save"/>.</summary>
    public static LogisticRegression Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(LogisticRegression));
        var estimator = new LogisticRegression { Uid = metadata.Uid };
        metadata.ApplyParams(estimator);
        return estimator;
    }

    private static ArgumentException Invalid(string name, object value, string rule) =>
        new($"LogisticRegression parameter {name} given invalid value {value}: it {rule}.", name);

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema)
    {
        SchemaUtils.CheckColumnType(schema, FeaturesCol, VectorType.Instance);
        SchemaUtils.CheckNumericColumn(schema, LabelCol);
        if (!string.IsNullOrEmpty(WeightCol))
        {
            SchemaUtils.CheckNumericColumn(schema, WeightCol);
        }
        return LogisticRegressionModel.OutputSchema(schema, RawPredictionCol, ProbabilityCol, PredictionCol);
    }

    /// <inheritdoc />
    protected override Model FitModel(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        var watch = Stopwatch.StartNew();
        var instances = Instances.From(dataset, LabelCol, FeaturesCol, WeightCol);
        var summary = Summarize(instances);
        var summarySeconds = watch.Elapsed.TotalSeconds;

        int numClasses = Math.Max(summary.Histogram.Count, 1);
        bool multinomial = Family switch
        {
            "binomial" => numClasses <= 2
                ? false
                : throw new ArgumentException($"Binomial family only supports 1 or 2 outcome classes but found {numClasses}.", nameof(Family)),
            "multinomial" => true,
            _ => numClasses > 2,
        };
        int numFeatures = summary.NumFeatures;
        int sets = multinomial ? numClasses : 1;
        var histogram = summary.Histogram.ToArray();

        if (FitIntercept && histogram.Count(h => h != 0) == 1)
        {
            // All labels are one class: the optimum is at infinity and needs no training (Spark's shortcut).
            int constant = System.Array.FindIndex(histogram, h => h != 0);
            var intercepts = new double[sets];
            if (multinomial)
            {
                intercepts[constant] = double.PositiveInfinity;
            }
            else
            {
                intercepts[0] = constant == 1 ? double.PositiveInfinity : double.NegativeInfinity;
            }
            return CreateModel(dataset, new DenseMatrix(sets, numFeatures, new double[sets * numFeatures], isTransposed: true),
                intercepts, Math.Max(numClasses, 2), multinomial, [0.0], [summarySeconds], ConvergenceReason.GradientConverged);
        }

        var mean = summary.Mean();
        var std = summary.Std();
        var inverseStd = std.Select(s => s != 0 ? 1 / s : 0).ToArray();
        bool fitWithMean = FitIntercept;
        var scaledMean = fitWithMean ? mean.Zip(inverseStd, (m, i) => m * i).ToArray() : null;

        var blocks = Blockify(instances, numFeatures, inverseStd)
            .Persist(StorageLevel.MemoryAndDisk);
        try
        {
            var (solution, history, seconds, reason) = Optimize(instances, blocks, numFeatures, numClasses, multinomial, histogram, std, scaledMean);
            seconds[0] += summarySeconds;
            return ToModel(dataset, solution, numFeatures, numClasses, multinomial, inverseStd, history, seconds, reason);
        }
        finally
        {
            blocks.Unpersist();
        }
    }

    private static ClassificationSummary Summarize(Instances instances)
    {
        bool hasWeights = instances.HasWeights;
        string label = instances.LabelCol, features = instances.FeaturesCol, weight = instances.WeightCol ?? "";
        var partials = instances.Run(() => instances.Batches().MapPartitionsWithIndex((partition, batches) =>
        {
            var summary = new ClassificationSummary();
            long row = 0;
            foreach (var batch in batches)
            {
                var rows = new InstanceBatch(batch, hasWeights);
                for (int i = 0; i < rows.Length; i++, row++)
                {
                    string? problem = Check(rows, i, summary.NumFeatures, label, features, weight);
                    if (problem is not null)
                    {
                        throw new InvalidInstanceException(partition, row, problem);
                    }
                    summary.Add(rows.Labels[i], rows.Weight(i), rows.Features, i);
                }
            }
            return new[] { summary };
        }).Collect());
        var total = new ClassificationSummary();
        foreach (var partial in partials)
        {
            if (total.NumFeatures >= 0 && partial.NumFeatures >= 0 && partial.NumFeatures != total.NumFeatures)
            {
                // Each partition checked its own rows: the first row of this one is where the sizes part.
                throw new InvalidDataException($"Row {total.Count} (counting from 0) of the training data: the features vector (column '{features}') "
                    + $"has {partial.NumFeatures} values where earlier rows have {total.NumFeatures}.");
            }
            total.Merge(partial);
        }
        if (total.Count == 0)
        {
            throw new InvalidDataException("The training data is empty: LogisticRegression needs at least one row.");
        }
        if (total.WeightSum <= 0)
        {
            throw new InvalidDataException($"The training data's weights (column '{weight}') sum to {total.WeightSum}; they must sum to more than 0.");
        }
        return total;
    }

    /// <summary>What is wrong with one training row (Spark's checks on labels, weights and vectors), or null.</summary>
    private static string? Check(InstanceBatch rows, int i, int numFeatures, string labelCol, string featuresCol, string weightCol)
    {
        if (rows.LabelIsNull(i))
        {
            return $"the label (column '{labelCol}') is null.";
        }
        double label = rows.Labels[i];
        if (!(label >= 0 && label < int.MaxValue && label == Math.Floor(label)))
        {
            return $"the label (column '{labelCol}') is {label}; classification labels must be integers 0, 1, … (k−1 for k classes).";
        }
        if (rows.HasWeights)
        {
            double weight = rows.Weights[i];
            if (rows.WeightIsNull(i) || !(weight >= 0 && double.IsFinite(weight)))
            {
                return $"the weight (column '{weightCol}') is {(rows.WeightIsNull(i) ? "null" : weight)}; weights must be finite and at least 0.";
            }
        }
        var features = rows.Features;
        if (features.IsNull(i))
        {
            return $"the features vector (column '{featuresCol}') is null.";
        }
        int size = features.Size(i);
        if (numFeatures >= 0 && size != numFeatures)
        {
            return $"the features vector (column '{featuresCol}') has {size} values where earlier rows have {numFeatures}.";
        }
        var values = features.Values(i);
        if (!TensorPrimitives.IsFiniteAll(values))
        {
            int bad = 0;
            while (double.IsFinite(values[bad]))
            {
                bad++;
            }
            int position = features.IsDense(i) ? bad : features.Indices(i)[bad];
            return $"the features vector (column '{featuresCol}') has {values[bad]} at position {position}; vector values must not be NaN or infinite.";
        }
        return null;
    }

    /// <summary>
    /// The standardized rows of each partition as blocks of about 1 MB (computed when first used). In MapReduce mode
    /// nothing is cached and each block is summed and dropped before the next is made, so a partition reuses one
    /// set of arrays instead of putting a fresh megabyte on the large-object heap per block and evaluation.
    /// </summary>
    private static Rdd<InstanceBlock> Blockify(Instances instances, int numFeatures, double[] inverseStd)
    {
        bool hasWeights = instances.HasWeights;
        bool reuse = instances.Frame.SqlContext.Context.Config.ExecutionMode == ExecutionMode.MapReduce;
        return instances.Batches().MapPartitions(batches => Blocks(batches, hasWeights, numFeatures, inverseStd, reuse));
    }

    private static IEnumerable<InstanceBlock> Blocks(IEnumerable<RecordBatch> batches, bool hasWeights, int p, double[] inverseStd, bool reuse)
    {
        var writer = new BlockWriter(InstanceBlock.RowsPerBlock(p), p, hasWeights, reuse);
        foreach (var batch in batches)
        {
            var instances = new InstanceBatch(batch, hasWeights);
            var features = instances.Features;
            bool dense = features.TryDenseRows(p, out _);
            for (int at = 0; at < instances.Length;)
            {
                int count = Math.Min(writer.Room, instances.Length - at);
                if (dense)
                {
                    // Whole runs of rows at a time: each row scaled by SIMD, labels and weights copied as spans.
                    ScaleDenseRows(features, p, at, count, inverseStd, writer.Rows(count));
                }
                else
                {
                    var target = writer.Rows(count);
                    for (int i = 0; i < count; i++)
                    {
                        ScaleRow(features, at + i, inverseStd, target.Slice(i * p, p));
                    }
                }
                writer.Append(instances.Labels.Slice(at, count), hasWeights ? instances.Weights.Slice(at, count) : default);
                at += count;
                if (writer.Room == 0)
                {
                    yield return writer.Emit();
                }
            }
        }
        if (writer.Count > 0)
        {
            yield return writer.Emit();
        }
    }

    private static void ScaleRow(VectorColumn features, int i, double[] inverseStd, Span<double> row)
    {
        if (features.IsDense(i))
        {
            TensorPrimitives.Multiply(features.Values(i), inverseStd, row);
            return;
        }
        row.Clear();
        var indices = features.Indices(i);
        var values = features.Values(i);
        for (int k = 0; k < indices.Length; k++)
        {
            row[indices[k]] = values[k] * inverseStd[indices[k]];
        }
    }

    private static void ScaleDenseRows(VectorColumn features, int p, int first, int count, double[] inverseStd, Span<double> target)
    {
        features.TryDenseRows(p, out var rows);
        for (int i = 0; i < count; i++)
        {
            TensorPrimitives.Multiply(rows.Slice((first + i) * p, p), inverseStd, target.Slice(i * p, p));
        }
    }

    private (double[] Solution, double[] History, double[] Seconds, ConvergenceReason Reason) Optimize(
        Instances instances, Rdd<InstanceBlock> blocks, int numFeatures, int numClasses, bool multinomial,
        double[] histogram, double[] std, double[]? scaledMean)
    {
        int sets = multinomial ? numClasses : 1;
        int linear = sets * numFeatures;
        int total = linear + (FitIntercept ? sets : 0);
        bool standardization = Standardization;
        double regL2 = (1 - ElasticNetParam) * RegParam;
        double regL1 = ElasticNetParam * RegParam;
        var regularization = regL2 != 0
            ? new L2Regularization(regL2, linear, standardization ? null : i => std[i % numFeatures])
            : null;

        DiffFunction objective;
        bool fitIntercept = FitIntercept;
        if (multinomial)
        {
            var loss = new RddLossFunction<MultinomialLogisticBlockAggregator>(blocks,
                x => new MultinomialLogisticBlockAggregator(x, numFeatures, numClasses, fitIntercept, scaledMean),
                (a, b) => a.Add(b), (a, b) => a.Merge(b), a => (a.LossSum, a.WeightSum, a.Gradient), regularization);
            objective = loss.Compute;
        }
        else
        {
            var loss = new RddLossFunction<BinaryLogisticBlockAggregator>(blocks,
                x => new BinaryLogisticBlockAggregator(x, numFeatures, fitIntercept, scaledMean),
                (a, b) => a.Add(b), (a, b) => a.Merge(b), a => (a.LossSum, a.WeightSum, a.Gradient), regularization);
            objective = loss.Compute;
        }

        FirstOrderMinimizer optimizer = regL1 == 0
            ? new Lbfgs(MaxIter, 10, Tol)
            : new OwlQn(MaxIter, 10, i => i >= linear ? 0 : standardization ? regL1 : std[i % numFeatures] != 0 ? regL1 / std[i % numFeatures] : 0, Tol);

        var initial = new double[total];
        if (fitIntercept && multinomial)
        {
            // Intercepts that reproduce the label frequencies, centered (Spark's start; log1p smooths empty classes).
            var raw = histogram.Select(h => Math.Log(1 + h)).ToArray();
            double rawMean = raw.Average();
            for (int k = 0; k < numClasses; k++)
            {
                initial[linear + k] = raw[k] - rawMean;
            }
        }
        else if (fitIntercept)
        {
            initial[linear] = Math.Log(histogram[1] / histogram[0]);
        }
        if (scaledMean is not null)
        {
            ShiftIntercepts(initial, numFeatures, sets, scaledMean, +1);
        }

        var history = new List<double>();
        var seconds = new List<double>();
        double[]? solution = null;
        ConvergenceReason reason = ConvergenceReason.MaxIterations;
        var watch = Stopwatch.StartNew();
        instances.Run(() =>
        {
            foreach (var state in optimizer.Iterations(objective, initial))
            {
                history.Add(state.Value);
                seconds.Add(watch.Elapsed.TotalSeconds);
                watch.Restart();
                solution = state.X.ToArray();
                if (state.Reason is { } r)
                {
                    reason = r;
                }
            }
            return 0;
        });
        if (solution is null)
        {
            throw new InvalidOperationException($"{optimizer.GetType().Name} failed: it produced no state.");
        }
        if (scaledMean is not null)
        {
            ShiftIntercepts(solution, numFeatures, sets, scaledMean, -1);
        }
        return (solution, [.. history], [.. seconds], reason);
    }

    /// <summary>
    /// Moves intercepts between the problem on centered features (what training solves with the virtual centering)
    /// and the one on uncentered features: b' = b ± Σ w·(mean/std).
    /// </summary>
    private static void ShiftIntercepts(double[] coefficients, int numFeatures, int sets, double[] scaledMean, int sign)
    {
        for (int k = 0; k < sets; k++)
        {
            coefficients[sets * numFeatures + k] += sign * TensorPrimitives.Dot(coefficients.AsSpan(k * numFeatures, numFeatures), scaledMean);
        }
    }

    private LogisticRegressionModel ToModel(DataFrame dataset, double[] solution, int numFeatures, int numClasses, bool multinomial,
        double[] inverseStd, double[] history, double[] seconds, ConvergenceReason reason)
    {
        int sets = multinomial ? numClasses : 1;
        var coefficients = new double[sets * numFeatures];
        for (int k = 0; k < sets; k++)
        {
            for (int j = 0; j < numFeatures; j++)
            {
                // Trained on x/std: the coefficient of x is w/std, and 0 for a constant feature.
                coefficients[k * numFeatures + j] = solution[k * numFeatures + j] * inverseStd[j];
            }
        }
        var intercepts = new double[sets];
        if (FitIntercept)
        {
            System.Array.Copy(solution, sets * numFeatures, intercepts, 0, sets);
        }
        if (multinomial && RegParam == 0)
        {
            // Without a penalty any constant can be added to a feature's coefficients across classes; Spark (after
            // glmnet) reports the centered ones.
            for (int j = 0; j < numFeatures; j++)
            {
                double center = 0;
                for (int k = 0; k < sets; k++)
                {
                    center += coefficients[k * numFeatures + j];
                }
                center /= sets;
                for (int k = 0; k < sets; k++)
                {
                    coefficients[k * numFeatures + j] -= center;
                }
            }
        }
        if (multinomial && FitIntercept)
        {
            double center = intercepts.Average();
            for (int k = 0; k < sets; k++)
            {
                intercepts[k] -= center;
            }
        }
        return CreateModel(dataset, new DenseMatrix(sets, numFeatures, coefficients, isTransposed: true), intercepts,
            Math.Max(numClasses, 2), multinomial, history, seconds, reason);
    }

    private LogisticRegressionModel CreateModel(DataFrame dataset, DenseMatrix coefficients, double[] intercepts, int numClasses, bool multinomial,
        double[] history, double[] seconds, ConvergenceReason reason)
    {
        var model = new LogisticRegressionModel(Uid, coefficients, new DenseVector(intercepts), numClasses, multinomial)
        {
            FeaturesCol = FeaturesCol,
            LabelCol = LabelCol,
            WeightCol = WeightCol,
            PredictionCol = PredictionCol,
            RawPredictionCol = RawPredictionCol,
            ProbabilityCol = ProbabilityCol,
            Threshold = Threshold,
            Parent = this,
        };
        model.SetSummary(new LogisticRegressionTrainingSummary(model, dataset, history, seconds, reason));
        return model;
    }
}
