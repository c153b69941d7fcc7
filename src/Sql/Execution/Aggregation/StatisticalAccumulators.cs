using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// median (exact, as Spark's <c>median</c> / <c>percentile(x, 0.5)</c>): the non-null values of each group are kept;
/// the partial state is the values packed as binary (8 bytes per double). The result is the middle value, or the
/// mean of the two middle values for an even count; null for a group without values.
/// </summary>
internal sealed class MedianAccumulator : Accumulator
{
    private List<double>?[] _values = [];

    public override IReadOnlyList<ArrowType> StateTypes => [BinaryType.Default];

    public override void Grow(int groups) => EnsureLength(ref _values, groups);

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = ColumnValues.Doubles(input);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i)) (_values[groupIds[i]] ??= []).Add(values[i]);
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var packed = (BinaryArray)states[0];
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (packed.IsNull(i)) continue;
            var bytes = packed.GetByteArray(i)!;
            var list = _values[groupIds[i]] ??= [];
            for (int offset = 0; offset < bytes.Length; offset += sizeof(double)) list.Add(BitConverter.ToDouble(bytes, offset));
        }
    }

    public override ArrowArray[] States(int groups)
    {
        using var builder = new BinaryArray.Builder(groups);
        for (int g = 0; g < groups; g++)
        {
            if (_values[g] is not { } list)
            {
                builder.AppendNull();
                continue;
            }
            var bytes = new byte[list.Count * sizeof(double)];
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)).CopyTo(bytes);
            builder.Append(bytes);
        }
        return [builder.Build()];
    }

    public override ArrowArray Result(int groups)
    {
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            if (_values[g] is not { Count: > 0 } list) continue;
            valid[g] = true;
            result[g] = Median(list);
        }
        return ColumnValues.FromDoubles(DoubleType.Default, result, valid);
    }

    /// <summary>The median of a non-empty list (sorts it in place).</summary>
    public static double Median(List<double> values)
    {
        values.Sort();
        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

/// <summary>
/// corr(x, y), Pearson: per group (n, mean x, mean y, co-moment Cxy, M2x, M2y) updated incrementally and merged with
/// Chan's formulas, over the rows where both inputs are non-null. Null below two pairs or when either variance is zero.
/// </summary>
internal sealed class CorrAccumulator : Accumulator
{
    private long[] _n = [];
    private double[] _meanX = [];
    private double[] _meanY = [];
    private double[] _c = [];
    private double[] _m2X = [];
    private double[] _m2Y = [];

    public override IReadOnlyList<ArrowType> StateTypes =>
        [Int64Type.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default, DoubleType.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _n, groups);
        EnsureLength(ref _meanX, groups);
        EnsureLength(ref _meanY, groups);
        EnsureLength(ref _c, groups);
        EnsureLength(ref _m2X, groups);
        EnsureLength(ref _m2Y, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input) =>
        throw new NotSupportedException("corr needs two inputs.");

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input, ArrowArray? second)
    {
        ArgumentNullException.ThrowIfNull(second);
        var xs = ColumnValues.Doubles(input);
        var ys = ColumnValues.Doubles(second);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (!IsValid(input, i) || !IsValid(second, i)) continue;
            int g = groupIds[i];
            long n = ++_n[g];
            double dx = xs[i] - _meanX[g];
            double dy = ys[i] - _meanY[g];
            _meanX[g] += dx / n;
            _meanY[g] += dy / n;
            _c[g] += dx * (ys[i] - _meanY[g]);
            _m2X[g] += dx * (xs[i] - _meanX[g]);
            _m2Y[g] += dy * (ys[i] - _meanY[g]);
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var ns = ColumnValues.Longs(states[0]);
        var meanX = ColumnValues.Doubles(states[1]);
        var meanY = ColumnValues.Doubles(states[2]);
        var c = ColumnValues.Doubles(states[3]);
        var m2X = ColumnValues.Doubles(states[4]);
        var m2Y = ColumnValues.Doubles(states[5]);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (ns[i] == 0) continue;
            int g = groupIds[i];
            long na = _n[g], nb = ns[i], n = na + nb;
            double dx = meanX[i] - _meanX[g];
            double dy = meanY[i] - _meanY[g];
            double weight = (double)na * nb / n;
            _c[g] += c[i] + dx * dy * weight;
            _m2X[g] += m2X[i] + dx * dx * weight;
            _m2Y[g] += m2Y[i] + dy * dy * weight;
            _meanX[g] += dx * nb / n;
            _meanY[g] += dy * nb / n;
            _n[g] = n;
        }
    }

    public override ArrowArray[] States(int groups) =>
    [
        ColumnValues.FromLongs(Int64Type.Default, _n.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _meanX.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _meanY.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _c.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _m2X.AsSpan(0, groups), default),
        ColumnValues.FromDoubles(DoubleType.Default, _m2Y.AsSpan(0, groups), default),
    ];

    public override ArrowArray Result(int groups)
    {
        var result = new double[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            valid[g] = _n[g] > 1 && _m2X[g] > 0 && _m2Y[g] > 0;
            result[g] = valid[g] ? _c[g] / Math.Sqrt(_m2X[g] * _m2Y[g]) : 0;
        }
        return ColumnValues.FromDoubles(DoubleType.Default, result, valid);
    }
}
