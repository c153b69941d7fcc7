using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// median (exact, as Spark's <c>median</c> / <c>percentile(x, 0.5)</c>), any exact <c>percentile(x, p)</c>
/// (interpolated) and <c>percentile_approx(x, p)</c> (<paramref name="discrete"/>: an input value, see
/// <see cref="MedianSelection.Discrete"/>). Updates append (group, value) pairs to fixed-size
/// chunks (growing never copies what is stored); merges keep a reference to each incoming group's packed values
/// rather than copying them. <see cref="States"/> and <see cref="Result"/> bucket everything by group with one
/// counting sort straight into the output: the partial state is each group's values packed as binary (8 bytes
/// per double), built over the bucketed array without another copy, and the result selects the middle
/// (nth_element, not a full sort), or the mean of the two middle values for an even count; null for a group
/// without values.
/// </summary>
internal sealed class MedianAccumulator(double fraction = 0.5, bool discrete = false) : Accumulator
{
    /// <summary>Values per chunk (8 MiB of doubles).</summary>
    private const int ChunkSize = 1 << 20;

    private readonly List<int[]> _groupChunks = [];
    private readonly List<double[]> _valueChunks = [];
    private int _lastChunkCount = ChunkSize;
    private readonly List<(int Group, BinaryArray Packed, int Index)> _merged = [];
    private double[] _scratch = [];
    private int[] _compactIds = [];
    private double[] _compactValues = [];

    public override IReadOnlyList<IArrowType> StateTypes => [BinaryType.Default];

    // Nothing is kept per group until States / Result, which bucket by the group count they are given.
    public override void Grow(int groups)
    {
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        var values = AccumulatorInput.Doubles(input, ref _scratch)[..groupIds.Length];
        if (input.NullCount == 0)
        {
            Append(groupIds, values);
            return;
        }
        // Compact the valid rows first: write unconditionally, advance only past valid rows (no branch).
        if (_compactIds.Length < values.Length)
        {
            _compactIds = new int[values.Length];
            _compactValues = new double[values.Length];
        }
        var bits = AccumulatorInput.Validity(input, out int offset);
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            _compactIds[count] = groupIds[i];
            _compactValues[count] = values[i];
            count += AccumulatorInput.Bit(bits, offset + i);
        }
        Append(_compactIds.AsSpan(0, count), _compactValues.AsSpan(0, count));
    }

    private void Append(ReadOnlySpan<int> groupIds, ReadOnlySpan<double> values)
    {
        while (!groupIds.IsEmpty)
        {
            if (_lastChunkCount == ChunkSize)
            {
                _groupChunks.Add(new int[ChunkSize]);
                _valueChunks.Add(new double[ChunkSize]);
                _lastChunkCount = 0;
            }
            int n = Math.Min(groupIds.Length, ChunkSize - _lastChunkCount);
            groupIds[..n].CopyTo(_groupChunks[^1].AsSpan(_lastChunkCount));
            values[..n].CopyTo(_valueChunks[^1].AsSpan(_lastChunkCount));
            _lastChunkCount += n;
            groupIds = groupIds[n..];
            values = values[n..];
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        // The packed arrays stay referenced until States / Result copy each group's values into place once.
        var packed = (BinaryArray)states[0];
        for (int i = 0; i < groupIds.Length; i++)
        {
            // A null is a group without values.
            if (packed.IsValid(i) && packed.GetValueLength(i) > 0) _merged.Add((groupIds[i], packed, i));
        }
    }

    /// <summary>
    /// Every value bucketed by group into <paramref name="groups"/> runs of one array of <c>total</c> doubles,
    /// allocated as bytes so a binary column can wrap it: group g's values are doubles <c>starts[g]..starts[g+1]</c>.
    /// </summary>
    private (byte[] Bytes, int[] Starts) Buckets(int groups)
    {
        var starts = new int[groups + 1];
        for (int c = 0; c < _groupChunks.Count; c++)
        {
            foreach (int g in Chunk(_groupChunks, c)) starts[g + 1]++;
        }
        foreach (var (group, packed, index) in _merged) starts[group + 1] += packed.GetValueLength(index) / sizeof(double);
        for (int g = 0; g < groups; g++) starts[g + 1] += starts[g];
        var next = starts.AsSpan(0, groups).ToArray();
        var bytes = new byte[checked((long)starts[groups] * sizeof(double))];
        var bucketed = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
        for (int c = 0; c < _groupChunks.Count; c++)
        {
            var groupOf = Chunk(_groupChunks, c);
            var values = _valueChunks[c].AsSpan(0, groupOf.Length);
            for (int i = 0; i < groupOf.Length; i++) bucketed[next[groupOf[i]]++] = values[i];
        }
        foreach (var (group, packed, index) in _merged)
        {
            var values = MemoryMarshal.Cast<byte, double>(packed.GetBytes(index));
            values.CopyTo(bucketed[next[group]..]);
            next[group] += values.Length;
        }
        return (bytes, starts);
    }

    private Span<int> Chunk(List<int[]> chunks, int c) => chunks[c].AsSpan(0, c == chunks.Count - 1 ? _lastChunkCount : ChunkSize);

    public override ArrowArray[] States(int groups)
    {
        var (bytes, starts) = Buckets(groups);
        var offsets = Execution.Kernels.KernelArrays.AllocateValues<int>(groups + 1);
        var offsetSpan = Execution.Kernels.KernelArrays.AsSpan<int>(offsets);
        var valid = new bool[groups];
        for (int g = 0; g <= groups; g++) offsetSpan[g] = checked(starts[g] * sizeof(double));
        for (int g = 0; g < groups; g++) valid[g] = starts[g] != starts[g + 1];
        var validity = ColumnValues.Validity(valid, groups);
        int nullCount = validity is null ? 0 : valid.Count(v => !v);
        return [(ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(BinaryType.Default, groups, nullCount, 0,
            [validity is null ? ArrowBuffer.Empty : new ArrowBuffer(validity), new ArrowBuffer(offsets), new ArrowBuffer(bytes)]))];
    }

    public override ArrowArray Result(int groups)
    {
        var (bytes, starts) = Buckets(groups);
        var values = MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            if (starts[g] == starts[g + 1]) continue;
            valid[g] = true;
            var bucket = values[starts[g]..starts[g + 1]];
            result[g] = discrete ? MedianSelection.Discrete(bucket, fraction)
                : fraction == 0.5 ? MedianSelection.Median(bucket)
                : MedianSelection.Percentile(bucket, fraction);
        }
        return ColumnValues.FromValues<double>(DoubleType.Default, result, valid);
    }
}

/// <summary>
/// corr(x, y), Pearson: per group (n, mean x, mean y, co-moment Cxy, M2x, M2y) over the rows where both inputs are
/// non-null, merged with Chan's formulas. Each batch is folded in with the corrected two-pass algorithm (as
/// <see cref="StddevAccumulator"/>): per-group batch means first, then the sums of deviations, their squares and
/// products, merged into the group's moments; batches spread thinly over many groups use Welford's per-row update.
/// Null below two pairs or when either variance is zero.
/// </summary>
internal sealed class CorrAccumulator : Accumulator
{
    private CoMoments[] _moments = [];
    private BatchCoMoments[] _batch = [];
    private int[] _touched = [];
    private int _groups;
    private double[] _scratchX = [];
    private double[] _scratchY = [];

    private struct CoMoments
    {
        public long N;
        public double MeanX;
        public double MeanY;
        public double C;
        public double M2X;
        public double M2Y;
    }

    /// <summary>One group's sums over the current batch: 64 bytes, one cache line.</summary>
    private struct BatchCoMoments
    {
        public long N;
        /// <summary>The sums in pass one, the batch means in pass two.</summary>
        public double CenterX;
        public double CenterY;
        public double DeviationsX;
        public double DeviationsY;
        public double SquaresX;
        public double SquaresY;
        public double Products;
    }

    public override IReadOnlyList<IArrowType> StateTypes =>
        [Int64Type.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _moments, groups);
        EnsureLength(ref _batch, groups);
        _groups = Math.Max(_groups, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input) =>
        throw new NotSupportedException("corr needs two inputs.");

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input, ArrowArray? second)
    {
        ArgumentNullException.ThrowIfNull(second);
        // A batch where either side is all null has no pairs.
        if (input.NullCount == input.Length || second.NullCount == second.Length) return;
        var xs = AccumulatorInput.Doubles(input, ref _scratchX)[..groupIds.Length];
        var ys = AccumulatorInput.Doubles(second, ref _scratchY)[..groupIds.Length];
        EnsureLength(ref _touched, xs.Length);
        // As for stddev_samp: batches spread thinly over many groups update per row (Welford) instead.
        bool dense = xs.Length >= StddevAccumulator.SparseGroupsFactor * _groups;
        if (input.NullCount == 0 && second.NullCount == 0)
        {
            if (dense) Fold(groupIds, xs, ys, new AllRows()); else Welford(groupIds, xs, ys, new AllRows());
        }
        else
        {
            if (dense) Fold(groupIds, xs, ys, new ValidPairs(input, second)); else Welford(groupIds, xs, ys, new ValidPairs(input, second));
        }
    }

    /// <summary>Welford's update of the co-moments, one pair at a time.</summary>
    private void Welford<TFilter>(ReadOnlySpan<int> groupIds, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, TFilter rows)
        where TFilter : IRowFilter, allows ref struct
    {
        var moments = _moments.AsSpan();
        ys = ys[..xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            ref var m = ref moments[groupIds[i]];
            double x = xs[i], y = ys[i];
            long n = ++m.N;
            double dx = x - m.MeanX;
            double dy = y - m.MeanY;
            m.MeanX += dx / n;
            m.MeanY += dy / n;
            m.C += dx * (y - m.MeanY);
            m.M2X += dx * (x - m.MeanX);
            m.M2Y += dy * (y - m.MeanY);
        }
    }

    private void Fold<TFilter>(ReadOnlySpan<int> groupIds, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, TFilter rows)
        where TFilter : IRowFilter, allows ref struct
    {
        var batch = _batch.AsSpan();
        var touched = _touched.AsSpan();
        int touchedCount = 0;
        ys = ys[..xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            int g = groupIds[i];
            ref var b = ref batch[g];
            touched[touchedCount] = g;
            touchedCount += b.N == 0 ? 1 : 0;
            b.N++;
            b.CenterX += xs[i];
            b.CenterY += ys[i];
        }
        foreach (int g in touched[..touchedCount])
        {
            ref var b = ref batch[g];
            b.CenterX /= b.N;
            b.CenterY /= b.N;
        }
        for (int i = 0; i < xs.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            ref var b = ref batch[groupIds[i]];
            double dx = xs[i] - b.CenterX;
            double dy = ys[i] - b.CenterY;
            b.DeviationsX += dx;
            b.DeviationsY += dy;
            b.SquaresX += dx * dx;
            b.SquaresY += dy * dy;
            b.Products += dx * dy;
        }
        var moments = _moments.AsSpan();
        foreach (int g in touched[..touchedCount])
        {
            ref var b = ref batch[g];
            // The deviations from exact means sum to zero; what they do sum to corrects the means and moments.
            double cx = b.DeviationsX / b.N, cy = b.DeviationsY / b.N;
            Combine(ref moments[g], b.N, b.CenterX + cx, b.CenterY + cy,
                b.Products - b.DeviationsX * cy, b.SquaresX - b.DeviationsX * cx, b.SquaresY - b.DeviationsY * cy);
            b = default;
        }
    }

    /// <summary>Chan et al.: merges the moments of disjoint pairs into <paramref name="m"/>.</summary>
    private static void Combine(ref CoMoments m, long nb, double meanX, double meanY, double c, double m2X, double m2Y)
    {
        long na = m.N, n = na + nb;
        double dx = meanX - m.MeanX;
        double dy = meanY - m.MeanY;
        double weight = (double)na * nb / n;
        m.C += c + dx * dy * weight;
        m.M2X += m2X + dx * dx * weight;
        m.M2Y += m2Y + dy * dy * weight;
        m.MeanX += dx * nb / n;
        m.MeanY += dy * nb / n;
        m.N = n;
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var moments = _moments.AsSpan();
        var ns = ((PrimitiveArray<long>)states[0]).Values;
        var meanX = ((PrimitiveArray<double>)states[1]).Values;
        var meanY = ((PrimitiveArray<double>)states[2]).Values;
        var c = ((PrimitiveArray<double>)states[3]).Values;
        var m2X = ((PrimitiveArray<double>)states[4]).Values;
        var m2Y = ((PrimitiveArray<double>)states[5]).Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (ns[i] != 0) Combine(ref moments[groupIds[i]], ns[i], meanX[i], meanY[i], c[i], m2X[i], m2Y[i]);
        }
    }

    public override ArrowArray[] States(int groups)
    {
        var n = new long[groups];
        var meanX = new double[groups];
        var meanY = new double[groups];
        var c = new double[groups];
        var m2X = new double[groups];
        var m2Y = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            var m = _moments[g];
            (n[g], meanX[g], meanY[g], c[g], m2X[g], m2Y[g]) = (m.N, m.MeanX, m.MeanY, m.C, m.M2X, m.M2Y);
        }
        return
        [
            ColumnValues.FromValues<long>(Int64Type.Default, n, default),
            ColumnValues.FromValues<double>(DoubleType.Default, meanX, default),
            ColumnValues.FromValues<double>(DoubleType.Default, meanY, default),
            ColumnValues.FromValues<double>(DoubleType.Default, c, default),
            ColumnValues.FromValues<double>(DoubleType.Default, m2X, default),
            ColumnValues.FromValues<double>(DoubleType.Default, m2Y, default),
        ];
    }

    public override ArrowArray Result(int groups)
    {
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            var m = _moments[g];
            valid[g] = m.N > 1 && m.M2X > 0 && m.M2Y > 0;
            result[g] = valid[g] ? m.C / Math.Sqrt(m.M2X * m.M2Y) : 0;
        }
        return ColumnValues.FromValues<double>(DoubleType.Default, result, valid);
    }
}
