using System.Numerics;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Execution.Aggregation;

// The closed set of accumulators, one per aggregate kind (a small hierarchy sharing a file).

/// <summary>
/// count(x): non-null inputs. count(*) counts the literal 1, which is never null, so like count(x) over a null-free
/// column it counts group ids without reading the column; otherwise each row adds its validity bit.
/// </summary>
internal sealed class CountAccumulator : Accumulator
{
    private long[] _counts = [];

    public override IReadOnlyList<IArrowType> StateTypes => [Int64Type.Default];

    public override void Grow(int groups) => EnsureLength(ref _counts, groups);

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var counts = _counts.AsSpan();
        if (input.NullCount == 0)
        {
            foreach (int g in groupIds) counts[g]++;
            return;
        }
        var bits = AccumulatorInput.Validity(input, out int offset);
        for (int i = 0; i < groupIds.Length; i++) counts[groupIds[i]] += AccumulatorInput.Bit(bits, offset + i);
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var counts = _counts.AsSpan();
        var partial = ((PrimitiveArray<long>)states[0]).Values;
        for (int i = 0; i < groupIds.Length; i++) counts[groupIds[i]] += partial[i];
    }

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups) => ColumnValues.FromValues<long>(Int64Type.Default, _counts.AsSpan(0, groups), default);
}

/// <summary>count(DISTINCT x): the set of non-null values per group; not mergeable.</summary>
internal sealed class CountDistinctAccumulator : Accumulator
{
    private HashSet<object>[] _sets = [];

    public override bool CanMerge => false;

    public override IReadOnlyList<IArrowType> StateTypes => throw new NotSupportedException("count(DISTINCT) has no partial state.");

    public override void Grow(int groups) => EnsureLength(ref _sets, groups);

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (ArrayValues.Get(input, i) is { } value)
            {
                (_sets[groupIds[i]] ??= []).Add(value is byte[] bytes ? Convert.ToBase64String(bytes) : value);
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states) =>
        throw new NotSupportedException("count(DISTINCT) has no partial state.");

    public override ArrowArray[] States(int groups) => throw new NotSupportedException("count(DISTINCT) has no partial state.");

    public override ArrowArray Result(int groups)
    {
        var counts = new long[groups];
        for (int g = 0; g < groups; g++) counts[g] = _sets[g]?.Count ?? 0;
        return ColumnValues.FromLongs(Int64Type.Default, counts, default);
    }
}

/// <summary>
/// sum as bigint (integer input) or double (floating input); null when a group saw no non-null input.
/// The state is the result, so merging partial sums is summing them again. The loop runs over the column's own
/// typed span (int to bigint, float to double without converting the whole column first).
/// </summary>
internal sealed class SumAccumulator<TSum>(IArrowType type) : Accumulator
    where TSum : unmanaged, INumber<TSum>
{
    private TSum[] _sums = [];
    private bool[] _seen = [];

    public override IReadOnlyList<IArrowType> StateTypes => [type];

    public override void Grow(int groups)
    {
        EnsureLength(ref _sums, groups);
        EnsureLength(ref _seen, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        switch (input)
        {
            case PrimitiveArray<long> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<double> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<int> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<float> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<short> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<sbyte> p: Add(groupIds, p.Values, input); break;
            default: throw new NotSupportedException($"sum of {Types.ArrowTypeMapping.Describe(input.Data.DataType)} is not supported.");
        }
    }

    private void Add<TIn>(ReadOnlySpan<int> groupIds, ReadOnlySpan<TIn> values, ArrowArray input)
        where TIn : unmanaged, INumberBase<TIn>
    {
        var sums = _sums.AsSpan();
        var seen = _seen.AsSpan();
        values = values[..groupIds.Length];
        if (input.NullCount == 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                int g = groupIds[i];
                sums[g] += TSum.CreateTruncating(values[i]);
                seen[g] = true;
            }
            return;
        }
        var bits = AccumulatorInput.Validity(input, out int offset);
        for (int i = 0; i < values.Length; i++)
        {
            int g = groupIds[i];
            bool valid = AccumulatorInput.Bit(bits, offset + i) != 0;
            // A null slot adds zero: branch-free, so scattered nulls cost no mispredictions.
            sums[g] += valid ? TSum.CreateTruncating(values[i]) : TSum.Zero;
            seen[g] |= valid;
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states) => Update(groupIds, states[0]);

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups) => ColumnValues.FromValues<TSum>(type, _sums.AsSpan(0, groups), _seen.AsSpan(0, groups));
}

/// <summary>avg as double: state (sum, count); null for a group without non-null input.</summary>
internal sealed class AverageAccumulator : Accumulator
{
    private double[] _sums = [];
    private long[] _counts = [];

    public override IReadOnlyList<IArrowType> StateTypes => [DoubleType.Default, Int64Type.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _sums, groups);
        EnsureLength(ref _counts, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        switch (input)
        {
            case PrimitiveArray<double> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<long> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<int> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<float> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<short> p: Add(groupIds, p.Values, input); break;
            case PrimitiveArray<sbyte> p: Add(groupIds, p.Values, input); break;
            default: throw new NotSupportedException($"avg of {Types.ArrowTypeMapping.Describe(input.Data.DataType)} is not supported.");
        }
    }

    private void Add<TIn>(ReadOnlySpan<int> groupIds, ReadOnlySpan<TIn> values, ArrowArray input)
        where TIn : unmanaged, INumberBase<TIn>
    {
        var sums = _sums.AsSpan();
        var counts = _counts.AsSpan();
        values = values[..groupIds.Length];
        if (input.NullCount == 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                int g = groupIds[i];
                sums[g] += double.CreateTruncating(values[i]);
                counts[g]++;
            }
            return;
        }
        var bits = AccumulatorInput.Validity(input, out int offset);
        for (int i = 0; i < values.Length; i++)
        {
            int g = groupIds[i];
            int valid = AccumulatorInput.Bit(bits, offset + i);
            sums[g] += valid != 0 ? double.CreateTruncating(values[i]) : 0;
            counts[g] += valid;
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var sums = _sums.AsSpan();
        var counts = _counts.AsSpan();
        var partialSums = ((PrimitiveArray<double>)states[0]).Values;
        var partialCounts = ((PrimitiveArray<long>)states[1]).Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            int g = groupIds[i];
            sums[g] += partialSums[i];
            counts[g] += partialCounts[i];
        }
    }

    public override ArrowArray[] States(int groups) =>
    [
        ColumnValues.FromValues<double>(DoubleType.Default, _sums.AsSpan(0, groups), default),
        ColumnValues.FromValues<long>(Int64Type.Default, _counts.AsSpan(0, groups), default),
    ];

    public override ArrowArray Result(int groups)
    {
        var averages = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            valid[g] = _counts[g] > 0;
            averages[g] = valid[g] ? _sums[g] / _counts[g] : 0;
        }
        return ColumnValues.FromValues<double>(DoubleType.Default, averages, valid);
    }
}

/// <summary>
/// stddev_samp: per group (count, mean, M2), merged with Chan's formula; null below two values. Each batch is folded
/// in with the corrected two-pass algorithm: pass one sums each group's values of the batch, pass two sums the
/// deviations from that batch mean (and their squares, correcting for the rounding of the mean), and the batch's
/// moments then merge into the group's by Chan's formula. That is as accurate as a two-pass computation within a
/// batch, and unlike Welford's per-row update needs no division per row. A batch spread thinly over many groups
/// (fewer than <see cref="SparseGroupsFactor"/> rows per group) takes Welford's per-row update instead, which there
/// is faster and, with so few rows per group and batch, loses next to nothing.
/// </summary>
internal sealed class StddevAccumulator : Accumulator
{
    private Moments[] _moments = [];
    private BatchMoments[] _batch = [];
    private int[] _touched = [];
    private int _groups;
    private double[] _scratch = [];

    private struct Moments
    {
        public long Count;
        public double Mean;
        public double M2;
    }

    /// <summary>One group's sums over the current batch, side by side so a row touches one cache line.</summary>
    private struct BatchMoments
    {
        public long Count;
        /// <summary>The sum in pass one, the mean (of the batch) in pass two.</summary>
        public double Center;
        public double Deviations;
        public double Squares;
    }

    public override IReadOnlyList<IArrowType> StateTypes => [Int64Type.Default, DoubleType.Default, DoubleType.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _moments, groups);
        EnsureLength(ref _batch, groups);
        _groups = Math.Max(_groups, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        var values = AccumulatorInput.Doubles(input, ref _scratch)[..groupIds.Length];
        EnsureLength(ref _touched, values.Length);
        // Two passes pay off while groups get several rows each; over many sparse groups a second random access per
        // row and a merge per group cost more than Welford's division, so those batches update per row.
        bool dense = values.Length >= SparseGroupsFactor * _groups;
        if (input.NullCount == 0)
        {
            if (dense) Fold(groupIds, values, new AllRows()); else Welford(groupIds, values, new AllRows());
        }
        else
        {
            if (dense) Fold(groupIds, values, new ValidRows(input)); else Welford(groupIds, values, new ValidRows(input));
        }
    }

    /// <summary>Batches with fewer rows than this many per group (of the groups so far) fold row by row.</summary>
    internal const int SparseGroupsFactor = 4;

    /// <summary>Welford's update, one row at a time: count, mean, M2.</summary>
    private void Welford<TFilter>(ReadOnlySpan<int> groupIds, ReadOnlySpan<double> values, TFilter rows)
        where TFilter : IRowFilter, allows ref struct
    {
        var moments = _moments.AsSpan();
        for (int i = 0; i < values.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            ref var m = ref moments[groupIds[i]];
            double value = values[i];
            long n = ++m.Count;
            double delta = value - m.Mean;
            m.Mean += delta / n;
            m.M2 += delta * (value - m.Mean);
        }
    }

    private void Fold<TFilter>(ReadOnlySpan<int> groupIds, ReadOnlySpan<double> values, TFilter rows)
        where TFilter : IRowFilter, allows ref struct
    {
        var batch = _batch.AsSpan();
        var touched = _touched.AsSpan();
        int touchedCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            int g = groupIds[i];
            ref var b = ref batch[g];
            // List the group the first time the batch touches it, without a branch.
            touched[touchedCount] = g;
            touchedCount += b.Count == 0 ? 1 : 0;
            b.Count++;
            b.Center += values[i];
        }
        foreach (int g in touched[..touchedCount]) batch[g].Center /= batch[g].Count;
        for (int i = 0; i < values.Length; i++)
        {
            if (!rows.Keep(i)) continue;
            ref var b = ref batch[groupIds[i]];
            double deviation = values[i] - b.Center;
            b.Deviations += deviation;
            b.Squares += deviation * deviation;
        }
        var moments = _moments.AsSpan();
        foreach (int g in touched[..touchedCount])
        {
            ref var b = ref batch[g];
            // The deviations of an exact mean sum to zero; what they do sum to corrects the mean and M2.
            double correction = b.Deviations / b.Count;
            Combine(ref moments[g], b.Count, b.Center + correction, b.Squares - b.Deviations * correction);
            b = default;
        }
    }

    /// <summary>Chan et al.: merges (count, mean, M2) of disjoint values into <paramref name="m"/>.</summary>
    private static void Combine(ref Moments m, long count, double mean, double m2)
    {
        long n = m.Count + count;
        double delta = mean - m.Mean;
        m.M2 += m2 + delta * delta * ((double)m.Count * count / n);
        m.Mean += delta * count / n;
        m.Count = n;
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var moments = _moments.AsSpan();
        var counts = ((PrimitiveArray<long>)states[0]).Values;
        var means = ((PrimitiveArray<double>)states[1]).Values;
        var m2 = ((PrimitiveArray<double>)states[2]).Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (counts[i] != 0) Combine(ref moments[groupIds[i]], counts[i], means[i], m2[i]);
        }
    }

    public override ArrowArray[] States(int groups)
    {
        var counts = new long[groups];
        var means = new double[groups];
        var m2 = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            counts[g] = _moments[g].Count;
            means[g] = _moments[g].Mean;
            m2[g] = _moments[g].M2;
        }
        return
        [
            ColumnValues.FromValues<long>(Int64Type.Default, counts, default),
            ColumnValues.FromValues<double>(DoubleType.Default, means, default),
            ColumnValues.FromValues<double>(DoubleType.Default, m2, default),
        ];
    }

    public override ArrowArray Result(int groups)
    {
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            var m = _moments[g];
            valid[g] = m.Count > 1;
            result[g] = valid[g] ? Math.Sqrt(m.M2 / (m.Count - 1)) : 0;
        }
        return ColumnValues.FromValues<double>(DoubleType.Default, result, valid);
    }
}

/// <summary>
/// min / max over a numeric column of physical type <typeparamref name="T"/> (integers, dates, timestamps, floats),
/// kept and emitted in that type. Each group starts at the identity of its ordering (max: the type's minimum, or
/// -infinity; min: the maximum, or NaN for floats, which any value replaces), so the loop needs no first-value
/// branch and just flags the group seen. Floats order as Spark does: NaN is greater than any number.
/// </summary>
internal sealed class NumericMinMaxAccumulator<T>(IArrowType type, bool max) : Accumulator
    where T : unmanaged, INumber<T>, IMinMaxValue<T>
{
    private T[] _values = [];
    private bool[] _seen = [];
    private int _initialized;

    public override IReadOnlyList<IArrowType> StateTypes => [type];

    private static bool IsFloating => typeof(T) == typeof(double) || typeof(T) == typeof(float);

    private T Identity => max
        ? (IsFloating ? T.CreateTruncating(double.NegativeInfinity) : T.MinValue)
        : (IsFloating ? T.CreateTruncating(double.NaN) : T.MaxValue);

    public override void Grow(int groups)
    {
        EnsureLength(ref _values, groups);
        EnsureLength(ref _seen, groups);
        _values.AsSpan(_initialized).Fill(Identity);
        _initialized = _values.Length;
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        // An all-null batch adds nothing, whatever array class a null literal evaluated to.
        if (input.NullCount == input.Length) return;
        // The values buffer read as T: decimals (Int128) are not a PrimitiveArray.
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(input.Data.Buffers[1].Span).Slice(input.Offset, groupIds.Length);
        if (max) Fold<MaxOrder>(groupIds, values, input); else Fold<MinOrder>(groupIds, values, input);
    }

    private void Fold<TOrder>(ReadOnlySpan<int> groupIds, ReadOnlySpan<T> values, ArrowArray input) where TOrder : struct, IOrder
    {
        var current = _values.AsSpan();
        var seen = _seen.AsSpan();
        if (input.NullCount == 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                int g = groupIds[i];
                if (TOrder.Replaces(values[i], current[g])) current[g] = values[i];
                seen[g] = true;
            }
            return;
        }
        var bits = AccumulatorInput.Validity(input, out int offset);
        for (int i = 0; i < values.Length; i++)
        {
            if (!Bits.GetBit(bits, offset + i)) continue;
            int g = groupIds[i];
            if (TOrder.Replaces(values[i], current[g])) current[g] = values[i];
            seen[g] = true;
        }
    }

    private interface IOrder
    {
        static abstract bool Replaces(T candidate, T current);
    }

    private readonly struct MaxOrder : IOrder
    {
        // NaN is the greatest value, so a NaN candidate always wins (and a NaN current is never beaten).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Replaces(T candidate, T current) => candidate > current || T.IsNaN(candidate);
    }

    private readonly struct MinOrder : IOrder
    {
        // A NaN current (the float identity, or a group of NaNs so far) gives way to anything.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Replaces(T candidate, T current) => candidate < current || T.IsNaN(current);
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states) => Update(groupIds, states[0]);

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups) => ColumnValues.FromValues<T>(type, _values.AsSpan(0, groups), _seen.AsSpan(0, groups));
}

/// <summary>min / max over booleans or strings (ordinal), through a comparer; nulls ignored. Numbers use <see cref="NumericMinMaxAccumulator{T}"/>.</summary>
internal sealed class MinMaxAccumulator<T>(IArrowType type, bool max, Func<ArrowArray, T[]> read, Func<T[], bool[], ArrowArray> build, IComparer<T>? comparer = null)
    : Accumulator
{
    private readonly IComparer<T> _comparer = comparer ?? Comparer<T>.Default;
    private T[] _values = [];
    private bool[] _seen = [];

    public override IReadOnlyList<IArrowType> StateTypes => [type];

    public override void Grow(int groups)
    {
        EnsureLength(ref _values, groups);
        EnsureLength(ref _seen, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = read(input);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!IsValid(input, i)) continue;
            int g = groupIds[i];
            if (!_seen[g])
            {
                _values[g] = values[i];
                _seen[g] = true;
                continue;
            }
            int order = _comparer.Compare(values[i], _values[g]);
            if (max ? order > 0 : order < 0)
            {
                _values[g] = values[i];
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states) => Update(groupIds, states[0]);

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups)
    {
        var values = _values[..groups];
        var seen = _seen[..groups];
        if (typeof(T) == typeof(string))
        {
            for (int g = 0; g < groups; g++)
            {
                if (!seen[g]) values[g] = default!;
            }
        }
        return build(values, seen);
    }
}

/// <summary>
/// first: the value (null included) of the first row a group sees; last (<c>last: true</c>): of the last row; state
/// (value, set). Which row is first or last across partitions depends on the order partial states merge, as in Spark.
/// </summary>
internal sealed class FirstAccumulator(IArrowType type, bool last = false) : Accumulator
{
    private object?[] _values = [];
    private bool[] _set = [];

    public override IReadOnlyList<IArrowType> StateTypes => [type, BooleanType.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _values, groups);
        EnsureLength(ref _set, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            int g = groupIds[i];
            if (!_set[g] || last)
            {
                _values[g] = ArrayValues.Get(input, i);
                _set[g] = true;
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var set = (BooleanArray)states[1];
        for (int i = 0; i < groupIds.Length; i++)
        {
            int g = groupIds[i];
            if ((!_set[g] || last) && set.GetBit(i))
            {
                _values[g] = ArrayValues.Get(states[0], i);
                _set[g] = true;
            }
        }
    }

    public override ArrowArray[] States(int groups)
    {
        using var set = new BooleanArrayBuilder(groups);
        for (int g = 0; g < groups; g++) set.Append(_set[g]);
        return [Result(groups), set.Build()];
    }

    public override ArrowArray Result(int groups) => ColumnValues.FromObjects(type, _values[..groups]);
}
