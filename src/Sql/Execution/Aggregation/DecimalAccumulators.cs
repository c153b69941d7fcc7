using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// sum and avg of decimals, as Spark computes them without ANSI mode: exact 128-bit sums of the unscaled values;
/// a group whose sum leaves 128 bits or the result type's precision is NULL. sum(decimal(p,s)) is
/// decimal(p+10,s) and avg(decimal(p,s)) decimal(p+4,s+4), each capped at 38 digits; avg rounds HALF_UP.
/// Partial state: the sum as decimal128(38, s) (NULL once it overflowed) and the count of values.
/// </summary>
internal sealed class DecimalSumAccumulator(DecimalType input, DecimalType result, bool average) : Accumulator
{
    private Int128[] _sums = [];
    private long[] _counts = [];
    private bool[] _overflowed = [];

    private readonly Decimal128Type _stateType = new(DecimalType.MaxPrecision, input.Scale);

    public override IReadOnlyList<IArrowType> StateTypes => [_stateType, Int64Type.Default];

    public override void Grow(int groups)
    {
        EnsureLength(ref _sums, groups);
        EnsureLength(ref _counts, groups);
        EnsureLength(ref _overflowed, groups);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var values = Values(input, groupIds.Length);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (IsValid(input, i))
            {
                Add(groupIds[i], values[i], 1);
            }
        }
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var sums = Values(states[0], groupIds.Length);
        var counts = ((PrimitiveArray<long>)states[1]).Values;
        for (int i = 0; i < groupIds.Length; i++)
        {
            int g = groupIds[i];
            if (counts[i] == 0)
            {
                continue;
            }
            if (!IsValid(states[0], i))
            {
                _overflowed[g] = true;
                _counts[g] += counts[i];
                continue;
            }
            Add(g, sums[i], counts[i]);
        }
    }

    private void Add(int group, Int128 value, long count)
    {
        _counts[group] += count;
        if (_overflowed[group])
        {
            return;
        }
        var sum = _sums[group] + value;
        // Overflow of two's complement addition: both operands share a sign the result does not have.
        if ((_sums[group] < 0) == (value < 0) && (sum < 0) != (value < 0) || !DecimalValues.Fits(sum, DecimalType.MaxPrecision))
        {
            _overflowed[group] = true;
            return;
        }
        _sums[group] = sum;
    }

    public override ArrowArray[] States(int groups)
    {
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            valid[g] = !_overflowed[g];
        }
        return
        [
            ColumnValues.FromValues<Int128>(_stateType, _sums.AsSpan(0, groups), valid),
            ColumnValues.FromValues<long>(Int64Type.Default, _counts.AsSpan(0, groups), default),
        ];
    }

    public override ArrowArray Result(int groups)
    {
        var values = new Int128[groups];
        var valid = new bool[groups];
        for (int g = 0; g < groups; g++)
        {
            if (_counts[g] == 0 || _overflowed[g])
            {
                continue;
            }
            valid[g] = average
                ? DecimalValues.TryDivide(_sums[g], input.Scale, _counts[g], 0, result.Precision, result.Scale, out values[g])
                : DecimalValues.TryRescale(_sums[g], input.Scale, result.Scale, result.Precision, out values[g]);
        }
        return ColumnValues.FromValues<Int128>(ArrowTypeMapping.ToArrowType(result), values, valid);
    }

    private static ReadOnlySpan<Int128> Values(ArrowArray array, int length) =>
        MemoryMarshal.Cast<byte, Int128>(array.Data.Buffers[1].Span).Slice(array.Offset, length);
}
