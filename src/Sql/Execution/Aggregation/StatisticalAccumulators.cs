using System.Runtime.InteropServices;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// median (exact, as Spark's <c>median</c> / <c>percentile(x, 0.5)</c>): the non-null values are appended, with their
/// group, to two flat growable arrays (no list per group). <see cref="States"/> and <see cref="Result"/> bucket them
/// by group with a counting sort; the partial state is each group's values packed as binary (8 bytes per double),
/// and the result selects the middle (nth_element, not a full sort), or the mean of the two middle values for an
/// even count; null for a group without values.
/// </summary>
internal sealed class MedianAccumulator : Accumulator
{
    private int[] _groupOf = [];
    private double[] _values = [];
    private int _count;
    private double[] _scratch = [];

    public override IReadOnlyList<ArrowType> StateTypes => [BinaryType.Default];

    // Nothing is kept per group until States / Result, which bucket by the group count they are given.
    public override void Grow(int groups)
    {
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        var values = AccumulatorInput.Doubles(input, ref _scratch)[..groupIds.Length];
        Reserve(values.Length);
        if (input.NullCount == 0)
        {
            groupIds.CopyTo(_groupOf.AsSpan(_count));
            values.CopyTo(_values.AsSpan(_count));
            _count += values.Length;
            return;
        }
        var groupOf = _groupOf.AsSpan();
        var kept = _values.AsSpan();
        int count = _count;
        var bits = AccumulatorInput.Validity(input, out int offset);
        for (int i = 0; i < values.Length; i++)
        {
            // Write unconditionally and advance only past valid rows: no branch on the validity bit.
            groupOf[count] = groupIds[i];
            kept[count] = values[i];
            count += AccumulatorInput.Bit(bits, offset + i);
        }
        _count = count;
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var packed = (BinaryArray)states[0];
        var offsets = packed.ValueOffsets;
        var data = packed.ValueData;
        Reserve((offsets[groupIds.Length] - offsets[0]) / sizeof(double));
        var bits = AccumulatorInput.Validity(packed, out int offset);
        for (int i = 0; i < groupIds.Length; i++)
        {
            // A null is a group without values (its slot is empty when written here, but need not be elsewhere).
            if (packed.NullCount != 0 && !BitUtility.GetBit(bits, offset + i)) continue;
            var values = MemoryMarshal.Cast<byte, double>(data[offsets[i]..offsets[i + 1]]);
            values.CopyTo(_values.AsSpan(_count));
            _groupOf.AsSpan(_count, values.Length).Fill(groupIds[i]);
            _count += values.Length;
        }
    }

    private void Reserve(int more)
    {
        // Start at a batch's worth of room and double from there: values arrive a batch at a time.
        int needed = Math.Max(_count + more, 64 * 1024);
        EnsureLength(ref _groupOf, needed);
        EnsureLength(ref _values, needed);
    }

    /// <summary>
    /// The values bucketed by group (counting sort): group g's values are <c>values[starts[g]..starts[g + 1]]</c>.
    /// Leaves the appended arrays as they are, so a window's running accumulator can keep updating afterwards.
    /// </summary>
    private (double[] Values, int[] Starts) Buckets(int groups)
    {
        var starts = new int[groups + 1];
        var groupOf = _groupOf.AsSpan(0, _count);
        foreach (int g in groupOf) starts[g + 1]++;
        for (int g = 0; g < groups; g++) starts[g + 1] += starts[g];
        var next = starts.AsSpan(0, groups).ToArray();
        var bucketed = new double[_count];
        var values = _values.AsSpan(0, _count);
        for (int i = 0; i < groupOf.Length; i++) bucketed[next[groupOf[i]]++] = values[i];
        return (bucketed, starts);
    }

    public override ArrowArray[] States(int groups)
    {
        var (values, starts) = Buckets(groups);
        using var builder = new BinaryArray.Builder(groups);
        builder.ReserveData(checked(values.Length * sizeof(double)));
        for (int g = 0; g < groups; g++)
        {
            if (starts[g] == starts[g + 1]) builder.AppendNull();
            else builder.Append(MemoryMarshal.AsBytes(values.AsSpan(starts[g], starts[g + 1] - starts[g])));
        }
        return [builder.Build()];
    }

    public override ArrowArray Result(int groups)
    {
        var (values, starts) = Buckets(groups);
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            if (starts[g] == starts[g + 1]) continue;
            valid[g] = true;
            result[g] = MedianSelection.Median(values.AsSpan(starts[g], starts[g + 1] - starts[g]));
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

    public override IReadOnlyList<ArrowType> StateTypes =>
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
