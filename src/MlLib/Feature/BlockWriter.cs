namespace Rdd.MlLib;

/// <summary>
/// Fills <see cref="InstanceBlock"/>s of a fixed capacity row by row (features first, then labels and weights) and
/// hands each out when it is full. With <c>reuse</c> every block shares one set of arrays (the consumer sums each
/// block before asking for the next, as MapReduce-mode training does); otherwise each block owns its arrays and the
/// last one is trimmed to its rows, as a cached block should be.
/// </summary>
internal sealed class BlockWriter(int capacity, int numFeatures, bool hasWeights, bool reuse)
{
    private double[] _matrix = new double[capacity * numFeatures];
    private double[] _labels = new double[capacity];
    private double[]? _weights = hasWeights ? new double[capacity] : null;

    /// <summary>Rows written into the current block.</summary>
    public int Count { get; private set; }

    /// <summary>Rows the current block can still take.</summary>
    public int Room => capacity - Count;

    /// <summary>The feature rows of the next <paramref name="rows"/> rows, to be filled before <see cref="Append"/>.</summary>
    public Span<double> Rows(int rows) => _matrix.AsSpan(Count * numFeatures, rows * numFeatures);

    /// <summary>Completes the rows whose features were written, with their labels and (when weighted) weights.</summary>
    public void Append(ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        labels.CopyTo(_labels.AsSpan(Count));
        if (_weights is not null)
        {
            weights.CopyTo(_weights.AsSpan(Count));
        }
        Count += labels.Length;
    }

    /// <summary>The current block; the writer starts a new one.</summary>
    public InstanceBlock Emit()
    {
        int rows = Count;
        InstanceBlock block;
        if (reuse)
        {
            block = new InstanceBlock(rows, numFeatures, _matrix, _labels, _weights);
        }
        else if (rows == capacity)
        {
            block = new InstanceBlock(rows, numFeatures, _matrix, _labels, _weights);
            _matrix = new double[capacity * numFeatures];
            _labels = new double[capacity];
            _weights = _weights is null ? null : new double[capacity];
        }
        else
        {
            block = new InstanceBlock(rows, numFeatures, _matrix[..(rows * numFeatures)], _labels[..rows], _weights?[..rows]);
        }
        Count = 0;
        return block;
    }
}
