using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        int i = 0;
        if (Avx.IsSupported && p >= 4)
        {
            // 4 rows × 4 features at a time: four loads, a 4×4 transpose in registers, four stores.
            ref double source = ref MemoryMarshal.GetReference(matrix);
            ref double target = ref MemoryMarshal.GetReference(columns);
            for (; i + 4 <= count; i += 4)
            {
                int j = 0;
                for (; j + 4 <= p; j += 4)
                {
                    var r0 = Vector256.LoadUnsafe(ref source, (nuint)(i * p + j));
                    var r1 = Vector256.LoadUnsafe(ref source, (nuint)((i + 1) * p + j));
                    var r2 = Vector256.LoadUnsafe(ref source, (nuint)((i + 2) * p + j));
                    var r3 = Vector256.LoadUnsafe(ref source, (nuint)((i + 3) * p + j));
                    var t0 = Avx.UnpackLow(r0, r1);
                    var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3);
                    var t3 = Avx.UnpackHigh(r2, r3);
                    Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref target, (nuint)(j * Rows + i));
                    Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref target, (nuint)((j + 1) * Rows + i));
                    Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref target, (nuint)((j + 2) * Rows + i));
                    Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref target, (nuint)((j + 3) * Rows + i));
                }
                for (; j < p; j++)
                {
                    for (int r = i; r < i + 4; r++)
                    {
                        columns[j * Rows + r] = matrix[r * p + j];
                    }
                }
            }
        }
        for (; i < count; i++)
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
