using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql;
using static Rdd.Sql.Functions;

namespace Rdd.MlLib;

/// <summary>
/// The training data of a classifier as Spark's <c>Instance</c>s (label, weight, features), kept columnar: the
/// frame's label, weight and features columns are selected (label and weight cast to double) and read batch by
/// batch with <see cref="InstanceBatch"/>. Checks the columns before any job runs; data errors found in a task
/// (<see cref="InvalidInstanceException"/>) are reported with the row's position in the whole frame.
/// </summary>
internal sealed class Instances
{
    private Instances(DataFrame frame, bool hasWeights, string labelCol, string featuresCol, string? weightCol)
    {
        Frame = frame;
        HasWeights = hasWeights;
        LabelCol = labelCol;
        FeaturesCol = featuresCol;
        WeightCol = weightCol;
    }

    /// <summary>The selected columns: label, [weight], features.</summary>
    public DataFrame Frame { get; }

    public bool HasWeights { get; }

    public string LabelCol { get; }

    public string FeaturesCol { get; }

    public string? WeightCol { get; }

    /// <summary>The instances of <paramref name="dataset"/>; <paramref name="weightCol"/> null or empty means weight 1.</summary>
    /// <exception cref="ArgumentException">A column is missing, or of the wrong type (the message names it).</exception>
    public static Instances From(DataFrame dataset, string labelCol, string featuresCol, string? weightCol)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        SchemaUtils.CheckColumnType(dataset.Schema, featuresCol, VectorType.Instance);
        SchemaUtils.CheckNumericColumn(dataset.Schema, labelCol);
        bool hasWeights = !string.IsNullOrEmpty(weightCol);
        var columns = new List<Rdd.Sql.Column> { Col(labelCol).Cast("double") };
        if (hasWeights)
        {
            SchemaUtils.CheckNumericColumn(dataset.Schema, weightCol!);
            columns.Add(Col(weightCol!).Cast("double"));
        }
        columns.Add(Col(featuresCol));
        return new Instances(dataset.Select([.. columns]), hasWeights, labelCol, featuresCol, hasWeights ? weightCol : null);
    }

    /// <summary>The selected batches, computed when a job runs.</summary>
    public Rdd<RecordBatch> Batches() => Frame.Execute();

    /// <summary>
    /// Runs <paramref name="job"/>; an <see cref="InvalidInstanceException"/> from a task becomes an
    /// <see cref="InvalidDataException"/> that names the column and the row's index in the whole frame.
    /// </summary>
    public T Run<T>(Func<T> job)
    {
        try
        {
            return job();
        }
        catch (JobFailedException e) when (e.InnerException is InvalidInstanceException bad)
        {
            long before = RowsBefore(bad.Partition);
            throw new InvalidDataException($"Row {before + bad.Row} (counting from 0) of the training data: {bad.Message}");
        }
    }

    private long RowsBefore(int partition) =>
        Batches().MapPartitionsWithIndex((index, batches) => index < partition ? [batches.Sum(b => (long)b.Length)] : System.Array.Empty<long>())
            .Collect().Sum();
}

/// <summary>A bad training row found in a task: its partition and its index there, so the driver can say which row.</summary>
internal sealed class InvalidInstanceException(int partition, long row, string message) : Exception(message)
{
    public int Partition { get; } = partition;

    public long Row { get; } = row;
}
