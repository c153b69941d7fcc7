using Apache.Arrow;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// The training columns of one record batch read in place: label and weight as double spans, features through
/// <see cref="VectorColumn"/>. The batch comes from <see cref="Instances"/>, which selected and cast the columns
/// (label, [weight], features) in that order.
/// </summary>
internal readonly struct InstanceBatch
{
    private readonly PrimitiveArray<double> _labels;
    private readonly PrimitiveArray<double>? _weights;

    public InstanceBatch(RecordBatch batch, bool hasWeights)
    {
        _labels = (PrimitiveArray<double>)batch.Columns[0];
        _weights = hasWeights ? (PrimitiveArray<double>)batch.Columns[1] : null;
        Features = new VectorColumn((StructArray)batch.Columns[hasWeights ? 2 : 1]);
        Length = batch.Length;
    }

    public int Length { get; }

    public VectorColumn Features { get; }

    public ReadOnlySpan<double> Labels => _labels.Values;

    /// <summary>The weights; empty when every weight is 1 (no weight column).</summary>
    public ReadOnlySpan<double> Weights => _weights is null ? default : _weights.Values;

    public bool HasWeights => _weights is not null;

    public bool LabelIsNull(int row) => _labels.IsNull(row);

    public bool WeightIsNull(int row) => _weights is not null && _weights.IsNull(row);

    public double Weight(int row) => _weights is null ? 1.0 : _weights.Values[row];
}
