namespace Rdd.MlLib;

/// <summary>
/// A tile of up to <see cref="Rows"/> rows of an <see cref="InstanceBlock"/>, copied feature by feature into a small
/// column-major scratch that stays in the L1 cache. The aggregators then compute margins as one multiply-add per
/// feature over the whole tile, and gradients as one dot product per feature, long SIMD loops instead of a short
/// dot product per row (which costs more in call overhead and horizontal sums than in arithmetic when rows have a
/// handful of features). The cache keeps Spark's row-major blocks; only this scratch is transposed.
/// </summary>
internal sealed class BlockTile(int numFeatures)
{
    /// <summary>Rows per tile: 10 features × 256 rows × 8 bytes = 20 KB, within L1.</summary>
    public const int Rows = 256;

    private readonly double[] _columns = new double[Rows * Math.Max(numFeatures, 1)];

    public int NumFeatures { get; } = numFeatures;

    /// <summary>The tile's rows, starting at <c>start</c>, as they were loaded (≤ <see cref="Rows"/>).</summary>
    public int Length { get; private set; }

    /// <summary>Copies rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of <paramref name="block"/>.</summary>
    public void Load(InstanceBlock block, int start, int count)
    {
        int p = NumFeatures;
        var matrix = block.Matrix.AsSpan(start * p, count * p);
        var columns = _columns.AsSpan();
        for (int i = 0; i < count; i++)
        {
            var row = matrix.Slice(i * p, p);
            for (int j = 0; j < row.Length; j++)
            {
                columns[j * Rows + i] = row[j];
            }
        }
        Length = count;
    }

    /// <summary>Feature <paramref name="j"/> of every loaded row.</summary>
    public ReadOnlySpan<double> Column(int j) => _columns.AsSpan(j * Rows, Length);
}
