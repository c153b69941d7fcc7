using Apache.Arrow;
using Rdd.Core;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// A frame over an Rdd (<c>CreateDataFrame(rdd)</c>): the Rdd's elements as record batches, one partition per Rdd
/// partition, computed by each query like any other source - nothing is collected to the driver, as in Spark.
/// </summary>
internal sealed class RddRelation(IReadOnlyList<AttributeReference> output, Rdd<RecordBatch> batches) : LogicalPlan
{
    /// <summary>The rows, as batches (the conversion from elements runs in the tasks).</summary>
    public Rdd<RecordBatch> Batches { get; } = batches ?? throw new ArgumentNullException(nameof(batches));

    public override IReadOnlyList<AttributeReference> Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    public override IReadOnlyList<LogicalPlan> Children => [];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;

    public override string NodeString => $"ExistingRDD {List(Output)}";
}
