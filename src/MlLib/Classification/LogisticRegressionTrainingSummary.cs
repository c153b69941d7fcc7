using Rdd.MlLib.Evaluation;
using Rdd.MlLib.Optimization;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// How a logistic regression was trained and how it does on its training data (Spark's
/// <c>LogisticRegressionTrainingSummary</c> and, for binary models, <c>BinaryLogisticRegressionTrainingSummary</c>):
/// the objective after each iteration, and metrics computed (when first asked for) from
/// <see cref="Predictions"/>.
/// </summary>
public sealed class LogisticRegressionTrainingSummary
{
    private readonly LogisticRegressionModel _model;
    private readonly ConvergenceReason _reason;
    private readonly Lazy<BinaryClassificationMetrics> _binary;
    private readonly Lazy<MulticlassMetrics> _multiclass;

    internal LogisticRegressionTrainingSummary(LogisticRegressionModel model, DataFrame dataset, double[] objectiveHistory, double[] iterationSeconds, ConvergenceReason reason)
    {
        _model = model;
        ObjectiveHistory = objectiveHistory;
        IterationSeconds = iterationSeconds;
        _reason = reason;
        var predictions = new Lazy<DataFrame>(() => model.Transform(dataset));
        _predictions = predictions;
        _binary = new Lazy<BinaryClassificationMetrics>(() =>
        {
            RequireBinary();
            return new BinaryClassificationMetrics(PredictionColumns.ScoresAndLabels(Predictions, model.ProbabilityCol, 1, model.LabelCol, model.WeightCol));
        });
        _multiclass = new Lazy<MulticlassMetrics>(() =>
            new MulticlassMetrics(PredictionColumns.PredictionsAndLabels(Predictions, model.PredictionCol, model.LabelCol, model.WeightCol)));
    }

    private readonly Lazy<DataFrame> _predictions;

    /// <summary>The objective (loss + penalty) at the start and after each iteration.</summary>
    public double[] ObjectiveHistory { get; }

    /// <summary>The number of iterations: the history's length − 1, as Spark counts.</summary>
    public int TotalIterations => ObjectiveHistory.Length - 1;

    /// <summary>Why the optimizer stopped, in Breeze's words (max iterations, converged, search failed).</summary>
    public string ConvergenceReason => _reason.Describe();

    /// <summary>Wall-clock seconds of each entry of <see cref="ObjectiveHistory"/>: the first covers the data summary and the first evaluation.</summary>
    internal double[] IterationSeconds { get; }

    /// <summary>The training data with the model's output columns.</summary>
    public DataFrame Predictions => _predictions.Value;

    /// <summary>The fraction of rows (weighted) predicted right.</summary>
    public double Accuracy => _multiclass.Value.Accuracy;

    /// <summary>Precision averaged over labels, weighted by each label's share.</summary>
    public double WeightedPrecision => _multiclass.Value.WeightedPrecision;

    /// <summary>Recall averaged over labels, weighted by each label's share.</summary>
    public double WeightedRecall => _multiclass.Value.WeightedRecall;

    /// <summary>F1 averaged over labels, weighted by each label's share.</summary>
    public double WeightedFMeasure => _multiclass.Value.WeightedFMeasure();

    /// <summary>The area under the ROC curve (binary models).</summary>
    /// <exception cref="InvalidOperationException">The model is multinomial.</exception>
    public double AreaUnderRoc => _binary.Value.AreaUnderRoc();

    /// <summary>The ROC curve as a frame of <c>FPR</c>, <c>TPR</c> (binary models), from (0, 0) to (1, 1).</summary>
    public DataFrame Roc => Frame(_binary.Value.Roc().Select(p => new RocPoint(p.FalsePositiveRate, p.TruePositiveRate)));

    /// <summary>The precision-recall curve as a frame of <c>recall</c>, <c>precision</c> (binary models).</summary>
    public DataFrame Pr => Frame(_binary.Value.Pr().Select(p => new PrPoint(p.Recall, p.Precision)));

    /// <summary>F1 by probability threshold, as a frame of <c>threshold</c>, <c>F-Measure</c> (binary models).</summary>
    public DataFrame FMeasureByThreshold => Frame(_binary.Value.FMeasureByThreshold().Select(p => new ThresholdValue(p.Threshold, p.Value)));

    /// <summary>Precision by probability threshold, as a frame of <c>threshold</c>, <c>precision</c> (binary models).</summary>
    public DataFrame PrecisionByThreshold => Frame(_binary.Value.PrecisionByThreshold().Select(p => new ThresholdPrecision(p.Threshold, p.Value)));

    /// <summary>Recall by probability threshold, as a frame of <c>threshold</c>, <c>recall</c> (binary models).</summary>
    public DataFrame RecallByThreshold => Frame(_binary.Value.RecallByThreshold().Select(p => new ThresholdRecall(p.Threshold, p.Value)));

    private DataFrame Frame<T>(IEnumerable<T> rows) => Predictions.SqlContext.CreateDataFrame(rows.ToArray());

    private void RequireBinary()
    {
        if (_model.IsMultinomial)
        {
            throw new InvalidOperationException("ROC and PR metrics need a binary model; this one is multinomial.");
        }
    }

    private sealed record RocPoint(
        [property: System.Runtime.Serialization.DataMember(Name = "FPR")] double Fpr,
        [property: System.Runtime.Serialization.DataMember(Name = "TPR")] double Tpr);

    private sealed record PrPoint(
        [property: System.Runtime.Serialization.DataMember(Name = "recall")] double Recall,
        [property: System.Runtime.Serialization.DataMember(Name = "precision")] double Precision);

    private sealed record ThresholdValue(
        [property: System.Runtime.Serialization.DataMember(Name = "threshold")] double Threshold,
        [property: System.Runtime.Serialization.DataMember(Name = "F-Measure")] double Value);

    private sealed record ThresholdPrecision(
        [property: System.Runtime.Serialization.DataMember(Name = "threshold")] double Threshold,
        [property: System.Runtime.Serialization.DataMember(Name = "precision")] double Value);

    private sealed record ThresholdRecall(
        [property: System.Runtime.Serialization.DataMember(Name = "threshold")] double Threshold,
        [property: System.Runtime.Serialization.DataMember(Name = "recall")] double Value);
}
