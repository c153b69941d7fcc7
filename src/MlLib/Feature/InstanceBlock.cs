using Rdd.Core.Storage;

namespace Rdd.MlLib;

/// <summary>
/// A stack of training rows as one row-major matrix of standardized features, with their labels and weights:
/// Spark 3's <c>InstanceBlock</c>. Training caches these (about 1 MB each) once, so every iteration's loss and
/// gradient is a pass of matrix-vector products over contiguous memory instead of a walk over row objects.
/// </summary>
/// <param name="Rows">The number of rows.</param>
/// <param name="NumFeatures">The features per row.</param>
/// <param name="Matrix">Rows × features values, row after row, each feature multiplied by 1 / its standard deviation.</param>
/// <param name="Labels">The label of each row.</param>
/// <param name="Weights">The weight of each row, or null when every weight is 1.</param>
internal sealed record InstanceBlock(int Rows, int NumFeatures, double[] Matrix, double[] Labels, double[]? Weights) : IReportsHeapSize
{
    /// <summary>Rows per block so that a block's matrix holds about a mebibyte (Spark's default block size).</summary>
    public static int RowsPerBlock(int numFeatures) => Math.Clamp((1 << 20) / 8 / Math.Max(numFeatures, 1), 1, 1 << 16);

    public ReadOnlySpan<double> Row(int i) => Matrix.AsSpan(i * NumFeatures, NumFeatures);

    public long HeapBytes => 64 + 8L * (Matrix.Length + Labels.Length + (Weights?.Length ?? 0)) + 3 * 24;
}
