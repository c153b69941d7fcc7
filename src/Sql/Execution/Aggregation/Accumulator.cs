using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// The per-group state of one aggregate inside one partition's hash aggregation, held in arrays indexed by group
/// id. The partial phase calls <see cref="Update(ReadOnlySpan{int}, ArrowArray)"/> with input values and emits <see cref="States"/> as columns;
/// after the exchange the final phase calls <see cref="Merge"/> with those columns and emits <see cref="Result"/>.
/// An accumulator that cannot merge (<see cref="CanMerge"/> false, count distinct) makes the operator shuffle its
/// raw input instead and run one complete phase (Update, then Result).
/// </summary>
internal abstract class Accumulator
{
    /// <summary>Whether partial states can be combined (else the aggregation runs in one phase after the exchange).</summary>
    public virtual bool CanMerge => true;

    /// <summary>The Arrow types of the partial state columns.</summary>
    public abstract IReadOnlyList<IArrowType> StateTypes { get; }

    /// <summary>Makes room for groups 0..<paramref name="groups"/>-1.</summary>
    public abstract void Grow(int groups);

    /// <summary>Folds input values into their groups.</summary>
    public abstract void Update(ReadOnlySpan<int> groupIds, ArrowArray input);

    /// <summary>Folds input values of a two-argument aggregate (<paramref name="second"/> null for one argument).</summary>
    public virtual void Update(ReadOnlySpan<int> groupIds, ArrowArray input, ArrowArray? second) => Update(groupIds, input);

    /// <summary>Folds partial states (columns in <see cref="StateTypes"/> order) into their groups.</summary>
    public abstract void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states);

    /// <summary>The partial states of groups 0..<paramref name="groups"/>-1.</summary>
    public abstract ArrowArray[] States(int groups);

    /// <summary>The final values of groups 0..<paramref name="groups"/>-1.</summary>
    public abstract ArrowArray Result(int groups);

    /// <summary>A fresh accumulator for <paramref name="function"/> (bound).</summary>
    public static Accumulator Create(AggregateFunction function)
    {
        var input = ArrowTypeMapping.ToArrowType(function.Child.DataType is Rdd.Sql.Expressions.NullType ? LongType.Instance : function.Child.DataType);
        return function.Kind switch
        {
            AggregateKind.Count => new CountAccumulator(),
            AggregateKind.CountDistinct => new CountDistinctAccumulator(),
            AggregateKind.Sum or AggregateKind.Avg when function.Child.DataType is Rdd.Sql.Types.DecimalType decimalInput =>
                new DecimalSumAccumulator(decimalInput, (Rdd.Sql.Types.DecimalType)function.DataType, function.Kind == AggregateKind.Avg),
            AggregateKind.Sum when function.DataType is LongType => new SumAccumulator<long>(Int64Type.Default),
            AggregateKind.Sum => new SumAccumulator<double>(Apache.Arrow.Types.DoubleType.Default),
            AggregateKind.Avg => new AverageAccumulator(),
            AggregateKind.StddevSamp => new StddevAccumulator(),
            AggregateKind.First => new FirstAccumulator(input),
            AggregateKind.Last => new FirstAccumulator(input, last: true),
            AggregateKind.Median => new MedianAccumulator(),
            AggregateKind.Percentile or AggregateKind.PercentileApprox => new MedianAccumulator(
                function.Second is Literal { Value: double fraction } ? fraction : throw new NotSupportedException($"{function} needs a literal fraction."),
                discrete: function.Kind == AggregateKind.PercentileApprox),
            AggregateKind.CollectList or AggregateKind.CollectSet => new CollectAccumulator(ArrowTypeMapping.ToArrowType(function.DataType), distinct: function.Kind == AggregateKind.CollectSet),
            AggregateKind.Corr => new CorrAccumulator(),
            AggregateKind.Min or AggregateKind.Max => CreateMinMax(input, function.Kind == AggregateKind.Max),
            _ => throw new NotSupportedException($"The aggregate {function} is not supported."),
        };
    }

    private static Accumulator CreateMinMax(IArrowType input, bool max)
    {
        switch (input.TypeId)
        {
            case ArrowTypeId.Int8: return new NumericMinMaxAccumulator<sbyte>(input, max);
            case ArrowTypeId.Int16: return new NumericMinMaxAccumulator<short>(input, max);
            case ArrowTypeId.Int32 or ArrowTypeId.Date32: return new NumericMinMaxAccumulator<int>(input, max);
            case ArrowTypeId.Int64 or ArrowTypeId.Timestamp: return new NumericMinMaxAccumulator<long>(input, max);
            case ArrowTypeId.Float: return new NumericMinMaxAccumulator<float>(input, max);
            case ArrowTypeId.Double: return new NumericMinMaxAccumulator<double>(input, max);
            case ArrowTypeId.Decimal128: return new NumericMinMaxAccumulator<Int128>(input, max);
        }
        if (input.TypeId == ArrowTypeId.String)
        {
            return new MinMaxAccumulator<string?>(input, max, ColumnValues.Strings, static (v, _) => ColumnValues.FromStrings(v), StringComparer.Ordinal);
        }
        if (input.TypeId == ArrowTypeId.Boolean)
        {
            return new MinMaxAccumulator<long>(input, max, BooleansAsLongs, static (v, valid) => Booleans(v, valid));
        }
        throw new NotSupportedException($"min/max of {input} is not supported.");
    }

    private static long[] BooleansAsLongs(ArrowArray array)
    {
        var booleans = (BooleanArray)array;
        var result = new long[array.Length];
        for (int i = 0; i < result.Length; i++) result[i] = booleans.GetBit(i) ? 1 : 0;
        return result;
    }

    private static ArrowArray Booleans(long[] values, bool[] valid)
    {
        using var builder = new BooleanArrayBuilder(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (valid[i]) builder.Append(values[i] != 0); else builder.AppendNull();
        }
        return builder.Build();
    }

    /// <summary>Grows <paramref name="array"/> (doubling) to hold at least <paramref name="length"/> items.</summary>
    protected static void EnsureLength<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            System.Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }

    protected static bool IsValid(ArrowArray array, int row) => array.NullCount == 0 || array.IsValid(row);
}
