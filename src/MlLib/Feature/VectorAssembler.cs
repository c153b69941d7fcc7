using Rdd.Sql;
using Rdd.Sql.Types;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib;

/// <summary>
/// Combines numeric, boolean and vector columns into one vector column (Spark ML's <c>VectorAssembler</c>), the
/// usual first step before an estimator: <c>new VectorAssembler { InputCols = ["x", "y"], OutputCol = "features" }</c>.
/// Each row's vector is dense or sparse, whichever is smaller, as Spark's.
/// </summary>
public sealed class VectorAssembler : Transformer, IMlWritable
{
    private string _handleInvalid = "error";

    /// <summary>An assembler with no input columns yet; set <see cref="InputCols"/> and <see cref="OutputCol"/>.</summary>
    public VectorAssembler()
        : base("vecAssembler")
    {
    }

    /// <summary>The columns to combine, in order.</summary>
    public string[] InputCols { get; set; } = [];

    /// <summary>The vector column to add (default <c>vecAssembler_…__output</c> as Spark, set it to <c>features</c> usually).</summary>
    public string OutputCol { get; set; } = "";

    /// <summary>
    /// What a null or NaN input does: <c>error</c> (default) fails the job naming the column, <c>skip</c> drops the
    /// row, <c>keep</c> puts NaN in its place (a null vector becomes NaNs of its column's size).
    /// </summary>
    public string HandleInvalid
    {
        get => _handleInvalid;
        set => _handleInvalid = value?.ToLowerInvariant() is "error" or "skip" or "keep"
            ? value.ToLowerInvariant()
            : throw new ArgumentException($"VectorAssembler parameter HandleInvalid given invalid value '{value}': use error, skip or keep.", nameof(HandleInvalid));
    }

    private string Output => string.IsNullOrEmpty(OutputCol) ? $"{Uid}__output" : OutputCol;

    /// <inheritdoc />
    public override StructType TransformSchema(StructType schema)
    {
        if (InputCols is null || InputCols.Length == 0)
        {
            throw new ArgumentException("VectorAssembler needs at least one input column (InputCols).", nameof(InputCols));
        }
        foreach (var column in InputCols)
        {
            var type = SchemaUtils.Field(schema, column, "input column").DataType;
            if (type is not (ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or BooleanType) && type != VectorType.Instance)
            {
                throw new ArgumentException(
                    $"VectorAssembler does not support the {type.SimpleString} type of column '{column}': input columns must be numeric, boolean or vector.", column);
            }
        }
        SchemaUtils.CheckNewColumn(schema, Output);
        return SchemaUtils.Append(schema, Output, VectorType.Instance, nullable: false);
    }

    /// <inheritdoc />
    public override DataFrame Transform(DataFrame dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        TransformSchema(dataset.Schema);
        var inputs = InputCols.Select(c => Col(c).Expression).ToArray();
        var source = HandleInvalid == "skip"
            ? dataset.Where(new Column(new AllValid([.. InputCols.Select(c =>
                dataset.Schema[c].DataType == VectorType.Instance ? Col(c).Expression : Col(c).Cast("double").Expression)])))
            : dataset;
        return source.WithColumn(Output, new Column(new AssembleVector(inputs, InputCols, keep: HandleInvalid == "keep")));
    }

    /// <inheritdoc />
    public MlWriter Write => new(this);

    /// <inheritdoc />
    public void Save(string path) => Write.Save(path);

    void IMlWritable.SaveTo(string directory) => ModelPersistence.WriteMetadata(directory, this);

    /// <summary>Loads an assembler saved with <see cref="Save"/>.</summary>
    public static VectorAssembler Load(string path)
    {
        var metadata = ModelPersistence.ReadMetadata(path, typeof(VectorAssembler));
        var assembler = new VectorAssembler { Uid = metadata.Uid };
        metadata.ApplyParams(assembler);
        return assembler;
    }
}
