using System.Text.Json.Nodes;
using Rdd.Sql;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib;

/// <summary>
/// A fitted logistic-regression model (Spark ML's <c>LogisticRegressionModel</c>): <see cref="Coefficients"/> and
/// <see cref="Intercept"/> for a binary model, <see cref="CoefficientMatrix"/> (one row per class) and
/// <see cref="InterceptVector"/> for a multinomial one. <see cref="Transform"/> adds <c>rawPrediction</c>,
/// <c>probability</c> and <c>prediction</c>; <see cref="Save"/> / <see cref="Load"/> keep it in a folder.
/// </summary>
public sealed class LogisticRegressionModel : Model, IMlWritable
{
    private double _threshold = 0.5;
    private LogisticRegressionTrainingSummary? _summary;

    internal LogisticRegressionModel(string uid, DenseMatrix coefficientMatrix, DenseVector interceptVector, int numClasses, bool isMultinomial)
        : base("logreg")
    {
        if (coefficientMatrix.NumRows != interceptVector.Size)
        {
            throw new ArgumentException($"Dimension mismatch: {coefficientMatrix.NumRows} coefficient rows but {interceptVector.Size} intercepts.");
        }
        Uid = uid;
        CoefficientMatrix = coefficientMatrix;
        InterceptVector = interceptVector;
        NumClasses = numClasses;
        IsMultinomial = isMultinomial;
    }

    /// <summary>The coefficients, one row per class (one row for a binary model), on the original feature scale.</summary>
    public DenseMatrix CoefficientMatrix { get; }

    /// <summary>The intercepts, one per class (one for a binary model).</summary>
    public DenseVector InterceptVector { get; }

    /// <summary>The number of classes (2 for a binary model).</summary>
    public int NumClasses { get; }

    /// <summary>The size of the features vectors the model takes.</summary>
    public int NumFeatures => CoefficientMatrix.NumCols;

    /// <summary>Whether the model is multinomial (softmax over <see cref="NumClasses"/> classes).</summary>
    public bool IsMultinomial { get; }

    /// <summary>The coefficients of a binary model.</summary>
    /// <exception cref="InvalidOperationException">The model is multinomial: use <see cref="CoefficientMatrix"/>.</exception>
    public Vector Coefficients => !IsMultinomial
        ? new DenseVector(CoefficientMatrix.RowMajor())
        : throw new InvalidOperationException("Multinomial models contain a matrix of coefficients, use CoefficientMatrix instead.");

    /// <summary>The intercept of a binary model.</summary>
    /// <exception cref="InvalidOperationException">The model is multinomial: use <see cref="InterceptVector"/>.</exception>
    public double Intercept => !IsMultinomial
        ? InterceptVector[0]
        : throw new InvalidOperationException("Multinomial models contain a vector of intercepts, use InterceptVector instead.");

    /// <summary>The features column read by <see cref="Transform"/> (default <c>features</c>).</summary>
    public string FeaturesCol { get; set; } = "features";

    /// <summary>The label column the training summary evaluates against (default <c>label</c>).</summary>
    public string LabelCol { get; set; } = "label";

    /// <summary>The weight column the training summary uses (empty: weight 1).</summary>
    public string WeightCol { get; set; } = "";

    /// <summary>The predicted-label column (empty: not added).</summary>
    public string PredictionCol { get; set; } = "prediction";

    /// <summary>The margins column (empty: not added).</summary>
    public string RawPredictionCol { get; set; } = "rawPrediction";

    /// <summary>The class-probabilities column (empty: not added).</summary>
    public string ProbabilityCol { get; set; } = "probability";

    /// <summary>The probability of class 1 above which a binary model predicts 1 (in [0, 1]; default 0.5).</summary>
    public double Threshold
    {
        get => _threshold;
        set => _threshold = value is >= 0 and <= 1
            ? value
            : throw new ArgumentException($"LogisticRegressionModel parameter Threshold given invalid value {value}: it must be in [0, 1].", nameof(Threshold));
    }

    /// <summary>Whether <see cref="Summary"/> is available (models fitted in this process have one; loaded ones do not).</summary>
    public bool HasSummary => _summary is not null;

    /// <summary>The training summary: objective history, iterations and, for binary models, ROC and PR metrics.</summary>
    /// <exception cref="InvalidOperationException">No summary (a loaded model).</exception>
    public LogisticRegressionTrainingSummary Summary =>
        _summary ?? throw new InvalidOperationException($"No training summary available for this {nameof(LogisticRegressionModel)}.");

    internal void SetSummary(LogisticRegressionTrainingSummary summary) => _summary = summary;

    internal LogisticParameters Parameters() =>
        new(CoefficientMatrix.RowMajor(), InterceptVector.ToArray(), NumFeatures, NumClasses, IsMultinomial, Threshold);

    /// <summary>The schema with the non-empty output columns appended.</summary>
    internal static StructType OutputSchema(StructType schema, string raw, string probability, string prediction)
    {
        foreach (var (column, type) in new[] { (raw, (DataType)VectorType.Instance), (probability, VectorType.Instance), (prediction, DataTypes.Double) })
        {
            if (!string.IsNullOrEmpty(column))
            {
                SchemaUtils.CheckNewColumn(schema, column);
                schema = SchemaUtils.Append(schema, column, type, nullable: true);
            }
        }
        return schema;
    }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema)
    {
        SchemaUtils.CheckColumnType(schema, FeaturesCol, VectorType.Instance);
        return OutputSchema(schema, RawPredictionCol, ProbabilityCol, PredictionCol);
    }

    /// <inheritdoc />
    public override DataFrame Transform(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        var parameters = Parameters();
        var features = Col(FeaturesCol).Expression;
        var result = dataset;
        foreach (var (column, output) in new[]
        {
            (RawPredictionCol, PredictionOutput.RawPrediction),
            (ProbabilityCol, PredictionOutput.Probability),
            (PredictionCol, PredictionOutput.Prediction),
        })
        {
            if (!string.IsNullOrEmpty(column))
            {
                result = result.WithColumn(column, new Column(new LogisticPrediction(features, parameters, output)));
            }
        }
        return result;
    }

    /// <summary>The predicted class of one vector.</summary>
    public double Predict(Vector features)
    {
        var parameters = Parameters();
        Span<double> margins = stackalloc double[NumClasses];
        Margins(parameters, features, margins);
        return parameters.Predict(margins);
    }

    /// <summary>The class probabilities of one vector.</summary>
    public Vector PredictProbability(Vector features)
    {
        var parameters = Parameters();
        Span<double> margins = stackalloc double[NumClasses];
        Margins(parameters, features, margins);
        var probabilities = new double[NumClasses];
        parameters.Probabilities(margins, probabilities);
        return new DenseVector(probabilities);
    }

    private void Margins(LogisticParameters parameters, Vector features, Span<double> margins)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Size != NumFeatures)
        {
            throw new ArgumentException($"The vector has {features.Size} values; the model was trained on {NumFeatures}.", nameof(features));
        }
        var column = new VectorColumn(VectorType.Instance.Serialize([features]));
        parameters.Margins(column, 0, margins);
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <summary>Saves the model into the folder <paramref name="path"/>, which must not exist (use <c>Write.Overwrite()</c> to replace).</summary>
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory)
    {
        ModelPersistence.WriteMetadata(directory, this, new JsonObject
        {
            ["numClasses"] = NumClasses,
            ["numFeatures"] = NumFeatures,
            ["isMultinomial"] = IsMultinomial,
        });
        ModelPersistence.WriteData(directory,
            [("numClasses", NumClasses), ("numFeatures", NumFeatures), ("isMultinomial", IsMultinomial),
             ("interceptVector", InterceptVector), ("coefficientMatrix", new DenseVector(CoefficientMatrix.RowMajor()))]);
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The folder holds no model, or another kind of stage.</exception>
    public static LogisticRegressionModel Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(LogisticRegressionModel));
        var data = ModelPersistence.ReadData(path);
        int numClasses = data.Get<int>("numClasses");
        int numFeatures = data.Get<int>("numFeatures");
        bool multinomial = data.Get<bool>("isMultinomial");
        var intercepts = (Vector)data.Value("interceptVector")!;
        var coefficients = (Vector)data.Value("coefficientMatrix")!;
        var model = new LogisticRegressionModel(metadata.Uid,
            new DenseMatrix(intercepts.Size, numFeatures, coefficients.ToArray(), isTransposed: true), intercepts.ToDense(), numClasses, multinomial);
        metadata.ApplyParams(model);
        return model;
    }
}
