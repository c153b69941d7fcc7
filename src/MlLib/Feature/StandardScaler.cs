using Apache.Arrow;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib;

/// <summary>
/// Learns each feature's mean and sample standard deviation (n − 1, as Spark) and builds a
/// <see cref="StandardScalerModel"/> that rescales vectors to unit deviation and, with <see cref="WithMean"/>, zero
/// mean (Spark ML's <c>StandardScaler</c>).
/// </summary>
public sealed class StandardScaler : Estimator<StandardScalerModel>, IMlWritable
{
    /// <summary>A scaler with Spark's defaults (scale, do not center).</summary>
    public StandardScaler()
        : base("stdScal")
    {
    }

    /// <summary>The vector column to scale.</summary>
    public string InputCol { get; set; } = "";

    /// <summary>The scaled vector column to add.</summary>
    public string OutputCol { get; set; } = "";

    /// <summary>Whether to subtract the mean (default false: centering makes sparse vectors dense).</summary>
    public bool WithMean { get; set; }

    /// <summary>Whether to divide by the standard deviation (default true).</summary>
    public bool WithStd { get; set; } = true;

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema) => StandardScalerModel.OutputSchema(schema, InputCol, OutputCol);

    /// <inheritdoc />
    protected override Model FitModel(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        string column = InputCol;
        var partials = dataset.Select(Col(column)).Execute().MapPartitionsWithIndex((partition, batches) =>
        {
            var summary = new ClassificationSummary();
            long row = 0;
            foreach (var batch in batches)
            {
                var vectors = new VectorColumn((StructArray)batch.Columns[0]);
                for (int i = 0; i < vectors.Length; i++, row++)
                {
                    if (vectors.IsNull(i))
                    {
                        throw new InvalidDataException($"StandardScaler: the vector in column '{column}' is null (row {row} of partition {partition}).");
                    }
                    if (summary.NumFeatures >= 0 && vectors.Size(i) != summary.NumFeatures)
                    {
                        throw new InvalidDataException(
                            $"StandardScaler: the vector in column '{column}' has {vectors.Size(i)} values where earlier rows have {summary.NumFeatures} (row {row} of partition {partition}).");
                    }
                    summary.Add(0, 1, vectors, i);
                }
            }
            return new[] { summary };
        }).Collect();
        var total = partials.Aggregate(new ClassificationSummary(), (a, b) => a.Merge(b));
        if (total.Count == 0)
        {
            throw new InvalidDataException($"StandardScaler cannot be fitted on no rows (column '{column}').");
        }
        return new StandardScalerModel(Uid, new DenseVector(total.Mean()), new DenseVector(total.Std()))
        {
            InputCol = InputCol,
            OutputCol = OutputCol,
            WithMean = WithMean,
            WithStd = WithStd,
            Parent = this,
        };
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory) => ModelPersistence.WriteMetadata(directory, this);

    /// <summary>Loads a scaler saved with <see cref="Save"/>.</summary>
    public static StandardScaler Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(StandardScaler));
        var scaler = new StandardScaler { Uid = metadata.Uid };
        metadata.ApplyParams(scaler);
        return scaler;
    }
}

/// <summary>A fitted <see cref="StandardScaler"/>: the features' <see cref="Mean"/> and <see cref="Std"/> (Spark's <c>StandardScalerModel</c>).</summary>
public sealed class StandardScalerModel : Model, IMlWritable
{
    internal StandardScalerModel(string uid, DenseVector mean, DenseVector std)
        : base("stdScal")
    {
        Uid = uid;
        Mean = mean;
        Std = std;
    }

    /// <summary>Each feature's mean.</summary>
    public Vector Mean { get; }

    /// <summary>Each feature's sample standard deviation (divides by n − 1).</summary>
    public Vector Std { get; }

    /// <summary>The vector column to scale.</summary>
    public string InputCol { get; set; } = "";

    /// <summary>The scaled vector column to add.</summary>
    public string OutputCol { get; set; } = "";

    /// <summary>Whether to subtract the mean.</summary>
    public bool WithMean { get; set; }

    /// <summary>Whether to divide by the standard deviation.</summary>
    public bool WithStd { get; set; } = true;

    internal static StructType OutputSchema(StructType schema, string input, string output)
    {
        SchemaUtils.CheckColumnType(schema, input, VectorType.Instance);
        SchemaUtils.CheckNewColumn(schema, output);
        return SchemaUtils.Append(schema, output, VectorType.Instance, nullable: true);
    }

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema) => OutputSchema(schema, InputCol, OutputCol);

    /// <inheritdoc />
    public override DataFrame Transform(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        var std = Std.ToArray();
        var scale = std.Select(s => WithStd ? (s != 0 ? 1 / s : 0) : 1).ToArray();
        return dataset.WithColumn(OutputCol, new Rdd.Sql.Column(new ScaleVector(Col(InputCol).Expression, Mean.ToArray(), scale, WithMean)));
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory)
    {
        ModelPersistence.WriteMetadata(directory, this);
        ModelPersistence.WriteData(directory, [("mean", Mean), ("std", Std)]);
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    public static StandardScalerModel Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(StandardScalerModel));
        var data = ModelPersistence.ReadData(path);
        var model = new StandardScalerModel(metadata.Uid, ((Vector)data.Value("mean")!).ToDense(), ((Vector)data.Value("std")!).ToDense());
        metadata.ApplyParams(model);
        return model;
    }
}
