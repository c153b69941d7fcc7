using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;
using Rdd.Sql.Execution.Kernels;

namespace Rdd.Sql.Execution.Aggregation;

// The closed set of accumulators, one per aggregate kind (a small hierarchy sharing a file).

/// <summary>count(x): non-null inputs (count(*) counts the literal 1, never null).</summary>
internal sealed class CountAccumulator : Accumulator
{
    private long[] _counts = [];

    public override IReadOnlyList<ArrowType> StateTypes => [Int64Type.Default];

    public override void Grow(int groups) => EnsureLength(ref _counts, groups);

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i)) _counts[groupIds[i]]++;
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var counts = ColumnValues.Longs(states[0]);
        for (int i = 0; i < groupIds.Length; i++) _counts[groupIds[i]] += counts[i];
    }

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups) => ColumnValues.FromLongs(Int64Type.Default, _counts.AsSpan(0, groups), default);
}

/// <summary>count(DISTINCT x): the set of non-null values per group; not mergeable.</summary>
internal sealed class CountDistinctAccumulator : Accumulator
{
    private HashSet<object>[] _sets = [];

    public override bool CanMerge => false;

    public override IReadOnlyList<ArrowType> StateTypes => throw new NotSupportedException("count(DISTINCT) has no partial state.");

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
/// The state is the result, so merging partial sums is summing them again.
/// </summary>
internal sealed class SumAccumulator<T>(ArrowType type, Func<ArrowArray, T[]> read, SumAccumulator<T>.BuildColumn build) : Accumulator
    where T : struct, System.Numerics.INumber<T>
{
    private T[] _sums = [];
    private bool[] _seen = [];

    public delegate ArrowArray BuildColumn(ArrowType type, ReadOnlySpan<T> values, ReadOnlySpan<bool> valid);

    public override IReadOnlyList<ArrowType> StateTypes => [type];

    public override void Grow(int groups)
    {
        EnsureLength(ref _sums, groups);
        EnsureLength(ref _seen, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = read(input);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i))
            {
                _sums[groupIds[i]] += values[i];
                _seen[groupIds[i]] = true;
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states) => Update(groupIds, states[0]);

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups) => build(type, _sums.AsSpan(0, groups), _seen.AsSpan(0, groups));
}

/// <summary>avg as double: state (sum, count); null for a group without non-null input.</summary>
internal sealed class AverageAccumulator : Accumulator
{
    private double[] _sums = [];
    private long[] _counts = [];

    public override IReadOnlyList<ArrowType> StateTypes => [DoubleType.Default, Int64Type.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _sums, groups);
        EnsureLength(ref _counts, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = ColumnValues.Doubles(input);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i))
            {
                _sums[groupIds[i]] += values[i];
                _counts[groupIds[i]]++;
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var sums = ColumnValues.Doubles(states[0]);
        var counts = ColumnValues.Longs(states[1]);
        for (int i = 0; i < groupIds.Length; i++)
        {
            _sums[groupIds[i]] += sums[i];
            _counts[groupIds[i]] += counts[i];
        }
    }

    public override ArrowArray[] States(int groups) =>
        [ColumnValues.FromDoubles(DoubleType.Default, _sums.AsSpan(0, groups), default), ColumnValues.FromLongs(Int64Type.Default, _counts.AsSpan(0, groups), default)];

    public override ArrowArray Result(int groups)
    {
        var averages = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            valid[g] = _counts[g] > 0;
            averages[g] = valid[g] ? _sums[g] / _counts[g] : 0;
        }
        return ColumnValues.FromDoubles(DoubleType.Default, averages, valid);
    }
}

/// <summary>stddev_samp: Welford's (count, mean, M2) per group, merged with Chan's formula; null below two values.</summary>
internal sealed class StddevAccumulator : Accumulator
{
    private long[] _counts = [];
    private double[] _means = [];
    private double[] _m2 = [];

    public override IReadOnlyList<ArrowType> StateTypes => [Int64Type.Default, DoubleType.Default, DoubleType.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _counts, groups);
        EnsureLength(ref _means, groups);
        EnsureLength(ref _m2, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = ColumnValues.Doubles(input);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i))
            {
                int g = groupIds[i];
                long n = ++_counts[g];
                double delta = values[i] - _means[g];
                _means[g] += delta / n;
                _m2[g] += delta * (values[i] - _means[g]);
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var counts = ColumnValues.Longs(states[0]);
        var means = ColumnValues.Doubles(states[1]);
        var m2 = ColumnValues.Doubles(states[2]);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (counts[i] == 0) continue;
            int g = groupIds[i];
            long n = _counts[g] + counts[i];
            double delta = means[i] - _means[g];
            _m2[g] += m2[i] + delta * delta * _counts[g] * counts[i] / n;
            _means[g] += delta * counts[i] / n;
            _counts[g] = n;
        }
    }

    public override ArrowArray[] States(int groups) =>
    [
        ColumnValues.FromLongs(Int64Type.Default, _counts.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _means.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _m2.AsSpan(0, groups), default),
    ];

    public override ArrowArray Result(int groups)
    {
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            valid[g] = _counts[g] > 1;
            result[g] = valid[g] ? Math.Sqrt(_m2[g] / (_counts[g] - 1)) : 0;
        }
        return ColumnValues.FromDoubles(DoubleType.Default, result, valid);
    }
}

/// <summary>min / max over integers, dates, timestamps, floats, booleans or strings (ordinal); nulls ignored.</summary>
internal sealed class MinMaxAccumulator<T>(ArrowType type, bool max, Func<ArrowArray, T[]> read, Func<T[], bool[], ArrowArray> build, IComparer<T>? comparer = null)
    : Accumulator
{
    private readonly IComparer<T> _comparer = comparer ?? Comparer<T>.Default;
    private T[] _values = [];
    private bool[] _seen = [];

    public override IReadOnlyList<ArrowType> StateTypes => [type];

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

/// <summary>first: the value (null included) of the first row a group sees; state (value, set).</summary>
internal sealed class FirstAccumulator(ArrowType type) : Accumulator
{
    private object?[] _values = [];
    private bool[] _set = [];

    public override IReadOnlyList<ArrowType> StateTypes => [type, BooleanType.Default];

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
            if (!_set[g])
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
            if (!_set[g] && set.GetBit(i))
            {
                _values[g] = ArrayValues.Get(states[0], i);
                _set[g] = true;
            }
        }
    }

    public override ArrowArray[] States(int groups)
    {
        using var set = new BooleanArray.Builder(groups);
        for (int g = 0; g < groups; g++) set.Append(_set[g]);
        return [Result(groups), set.Build()];
    }

    public override ArrowArray Result(int groups) => ColumnValues.FromObjects(type, _values[..groups]);
}
