using Apache.Arrow;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// Every accumulator on seeded random columns (int, bigint, double, float; with and without nulls) in several
/// batches, some groups only in some batches and some groups never seen, through two paths: Update → Result in one
/// accumulator, and Update split over two accumulators → States → Merge (sliced and permuted) → Result. Both are
/// compared with a straightforward LINQ computation over the same rows.
/// </summary>
public sealed class AccumulatorTests
{
    private const int Groups = 24;

    // Groups 21..23 never get a row; group 9 gets rows whose values are all null when the column has nulls.
    private const int SeenGroups = 21;
    private const int AllNullGroup = 9;

    public enum Column { Int, Long, Double, Float }

    /// <summary>One generated input: per batch the group ids and the values (as double?, exact for the integers used).</summary>
    private sealed record Input(Column Kind, int[][] GroupIds, double?[][] Values, double?[][] Seconds)
    {
        public IEnumerable<(int Group, double? Value, double? Second)> Rows =>
            GroupIds.SelectMany((ids, b) => ids.Select((g, i) => (g, Values[b][i], Seconds[b][i])));
    }

    private static Input Generate(int seed, Column kind, bool nulls, Func<Random, double>? draw = null)
    {
        var random = new Random(seed);
        int batches = 5;
        var ids = new int[batches][];
        var values = new double?[batches][];
        var seconds = new double?[batches][];
        for (int b = 0; b < batches; b++)
        {
            // Batch 3 is empty; groups 10..20 appear only in the batch numbered g % 5.
            int length = b == 3 ? 0 : random.Next(50, 400);
            ids[b] = new int[length];
            values[b] = new double?[length];
            seconds[b] = new double?[length];
            var allowed = Enumerable.Range(0, SeenGroups).Where(g => g < 10 || g % 5 == b).ToArray();
            for (int i = 0; i < length; i++)
            {
                int g = allowed[random.Next(allowed.Length)];
                ids[b][i] = g;
                double x = draw?.Invoke(random) ?? kind switch
                {
                    Column.Int => random.Next(-1000, 1000),
                    Column.Long => random.NextInt64(-5_000_000_000L, 5_000_000_000L),
                    Column.Float => (float)(random.NextDouble() * 200 - 100),
                    _ => Math.Round(random.NextDouble() * 200 - 100, 6),
                };
                bool isNull = nulls && (g == AllNullGroup || random.Next(4) == 0);
                values[b][i] = isNull ? null : x;
                bool secondNull = nulls && random.Next(5) == 0;
                seconds[b][i] = secondNull ? null : 0.5 * x + random.NextDouble() * 30;
            }
        }
        return new Input(kind, ids, values, seconds);
    }

    /// <summary>The column as Arrow, sliced out of a larger array so the offset (values and validity) is exercised.</summary>
    private static ArrowArray Build(Column kind, double?[] values)
    {
        const int Padding = 5;
        var padded = Enumerable.Repeat<double?>(null, Padding).Concat(values).Concat([1.0]).ToArray();
        ArrowArray array = kind switch
        {
            Column.Int => Fill(new TestArrayBuilder<int>(), padded, v => (int)v),
            Column.Long => Fill(new TestArrayBuilder<long>(), padded, v => (long)v),
            Column.Float => Fill(new TestArrayBuilder<float>(), padded, v => (float)v),
            _ => Fill(new TestArrayBuilder<double>(), padded, v => v),
        };
        var slice = array.Slice(Padding, values.Length);
        // A column without nulls must take the null-free path, as a fresh column would.
        return values.All(v => v.HasValue) ? TakeKernel.Take(slice, Enumerable.Range(0, values.Length).ToArray()) : slice;
    }

    private static PrimitiveArray<T> Fill<T>(TestArrayBuilder<T> builder, double?[] values, Func<double, T> convert) where T : unmanaged, IEquatable<T>
    {
        foreach (var v in values) builder.Append(v.HasValue ? convert(v.Value) : null);
        return builder.Build();
    }

    private static DataType SqlType(Column kind) => kind switch
    {
        Column.Int => IntegerType.Instance,
        Column.Long => LongType.Instance,
        Column.Float => FloatType.Instance,
        _ => DoubleType.Instance,
    };

    /// <summary>Runs both paths and returns their results, one value per group.</summary>
    private static (object?[] Complete, object?[] TwoPhase) Run(AggregateKind kind, Input input, bool countStar = false)
    {
        bool two = kind == AggregateKind.Corr;
        var function = new AggregateFunction(kind, new BoundReference(0, "x", SqlType(input.Kind), true),
            two ? new BoundReference(1, "y", DoubleType.Instance, true) : null);

        ArrowArray Values(int b) => countStar
            ? KernelArrays.Constant(IntegerType.Instance, 1, input.GroupIds[b].Length)
            : Build(input.Kind, input.Values[b]);
        ArrowArray? Seconds(int b) => two ? Build(Column.Double, input.Seconds[b]) : null;

        void Feed(Accumulator accumulator, int b)
        {
            var ids = input.GroupIds[b];
            // Grow only as far as the groups seen so far, as the operator does.
            int seen = ids.Length == 0 ? 0 : ids.Max() + 1;
            accumulator.Grow(seen);
            accumulator.Update(ids, Values(b), Seconds(b));
        }

        var complete = Accumulator.Create(function);
        for (int b = 0; b < input.GroupIds.Length; b++) Feed(complete, b);
        complete.Grow(Groups);
        var completeResult = ArrayValues.ToList(complete.Result(Groups));

        var even = Accumulator.Create(function);
        var odd = Accumulator.Create(function);
        for (int b = 0; b < input.GroupIds.Length; b++) Feed(b % 2 == 0 ? even : odd, b);
        even.Grow(Groups);
        odd.Grow(Groups);
        var evenStates = even.States(Groups);
        var oddStates = odd.States(Groups);
        Assert.Equal(even.StateTypes.Select(t => t.TypeId), evenStates.Select(s => s.Data.DataType.TypeId));

        var final = Accumulator.Create(function);
        final.Grow(Groups);
        // The even states arrive in two slices (offsets), the odd ones in a shuffled order.
        int split = Groups / 3;
        final.Merge(Enumerable.Range(0, split).ToArray(), evenStates.Select(s => s.Slice(0, split)).ToArray());
        final.Merge(Enumerable.Range(split, Groups - split).ToArray(), evenStates.Select(s => s.Slice(split, Groups - split)).ToArray());
        var order = Enumerable.Range(0, Groups).OrderBy(g => (g * 7919) % Groups).ToArray();
        final.Merge(order, oddStates.Select(s => TakeKernel.Take(s, order)).ToArray());
        return (completeResult, ArrayValues.ToList(final.Result(Groups)));
    }

    private static void AssertResults(Func<IReadOnlyList<double>, int, object?> reference, AggregateKind kind, Input input, bool countStar = false,
        bool pairs = false)
    {
        var (complete, twoPhase) = Run(kind, input, countStar);
        var rows = input.Rows.ToList();
        for (int g = 0; g < Groups; g++)
        {
            var groupRows = rows.Where(r => r.Group == g).ToList();
            var values = pairs
                ? groupRows.Where(r => r.Value.HasValue && r.Second.HasValue).SelectMany(r => new[] { r.Value!.Value, r.Second!.Value }).ToList()
                : groupRows.Where(r => countStar || r.Value.HasValue).Select(r => r.Value ?? 0).ToList();
            var expected = reference(values, groupRows.Count);
            AssertClose(expected, complete[g], $"{kind} complete, group {g}");
            AssertClose(expected, twoPhase[g], $"{kind} merged, group {g}");
        }
    }

    private static void AssertClose(object? expected, object? actual, string what)
    {
        if (expected is double e && actual is double a)
        {
            bool close = e.Equals(a) || Math.Abs(a - e) <= 1e-9 * Math.Max(1, Math.Abs(e));
            Assert.True(close, $"{what}: expected {e:R}, got {a:R}");
            return;
        }
        if (expected is float ef && actual is float af)
        {
            Assert.True(ef.Equals(af), $"{what}: expected {ef:R}, got {af:R}");
            return;
        }
        Assert.True(Equals(expected, actual), $"{what}: expected {expected ?? "null"} ({expected?.GetType().Name}), got {actual ?? "null"} ({actual?.GetType().Name})");
    }

    public static TheoryData<Column, bool> Columns()
    {
        var data = new TheoryData<Column, bool>();
        foreach (var kind in new[] { Column.Int, Column.Long, Column.Double }) { data.Add(kind, false); data.Add(kind, true); }
        return data;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Count_counts_non_null_values_and_count_star_counts_rows(Column kind, bool nulls)
    {
        var input = Generate(1, kind, nulls);
        AssertResults((values, _) => (long)values.Count, AggregateKind.Count, input);
        AssertResults((_, rows) => (long)rows, AggregateKind.Count, input, countStar: true);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Sum_is_bigint_for_integers_and_double_otherwise(Column kind, bool nulls)
    {
        var input = Generate(2, kind, nulls);
        AssertResults((values, _) => values.Count == 0 ? null
            : kind == Column.Double ? values.Sum() : (object)values.Select(v => (long)v).Sum(), AggregateKind.Sum, input);
    }

    [Fact]
    public void Sum_of_floats_is_a_double_sum()
    {
        var input = Generate(3, Column.Float, nulls: true);
        AssertResults((values, _) => values.Count == 0 ? null : values.Sum(), AggregateKind.Sum, input);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Average_is_sum_over_count(Column kind, bool nulls)
    {
        var input = Generate(4, kind, nulls);
        AssertResults((values, _) => values.Count == 0 ? null : values.Sum() / values.Count, AggregateKind.Avg, input);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Min_and_max_keep_the_column_type(Column kind, bool nulls)
    {
        var input = Generate(5, kind, nulls);
        object Typed(double v) => kind switch { Column.Int => (int)v, Column.Long => (long)v, _ => (object)v };
        AssertResults((values, _) => values.Count == 0 ? null : Typed(values.Min()), AggregateKind.Min, input);
        AssertResults((values, _) => values.Count == 0 ? null : Typed(values.Max()), AggregateKind.Max, input);
    }

    [Fact]
    public void Min_and_max_of_floats_order_NaN_above_every_number_and_infinities_hold()
    {
        // Values drawn from a small set with NaN and infinities, so some groups hold only NaNs or only -infinity.
        double[] pool = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -1.5, 0, 2.25];
        foreach (var kind in new[] { Column.Double, Column.Float })
        {
            var input = Generate(6, kind, nulls: true, random => random.Next(8) == 0 ? pool[random.Next(3)] : pool[random.Next(pool.Length)]);
            object Typed(double v) => kind == Column.Float ? (float)v : (object)v;
            AssertResults((values, _) => values.Count == 0 ? null : Typed(SparkMax(values)), AggregateKind.Max, input);
            AssertResults((values, _) => values.Count == 0 ? null : Typed(SparkMin(values)), AggregateKind.Min, input);
        }

        static double SparkMax(IReadOnlyList<double> values) => values.Any(double.IsNaN) ? double.NaN : values.Max();

        static double SparkMin(IReadOnlyList<double> values) =>
            values.All(double.IsNaN) ? double.NaN : values.Where(v => !double.IsNaN(v)).Min();
    }

    [Fact]
    public void Min_and_max_of_small_groups_where_every_value_is_the_type_extreme()
    {
        var input = Generate(7, Column.Int, nulls: true, random => random.Next(2) == 0 ? int.MinValue : int.MaxValue);
        AssertResults((values, _) => values.Count == 0 ? null : (int)values.Min(), AggregateKind.Min, input);
        AssertResults((values, _) => values.Count == 0 ? null : (int)values.Max(), AggregateKind.Max, input);
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public void Stddev_samp_matches_the_two_pass_formula(Column kind, bool nulls)
    {
        AssertResults(TwoPassStddev, AggregateKind.StddevSamp, Generate(8, kind, nulls));
    }

    [Fact]
    public void Stddev_samp_stays_accurate_for_a_large_mean_and_small_spread()
    {
        // The textbook sum-of-squares formula loses every digit here (x² ~ 1e12 against a variance of 1/12); the
        // means themselves carry about 1e-10 of absolute rounding, which bounds how far any merge of means can go.
        var input = Generate(9, Column.Double, nulls: true, random => 1e6 + random.NextDouble());
        AssertResults(TwoPassStddev, AggregateKind.StddevSamp, input);
    }

    private static object? TwoPassStddev(IReadOnlyList<double> values, int rows)
    {
        if (values.Count < 2) return null;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(bool nulls)
    {
        AssertResults(SortedMedian, AggregateKind.Median, Generate(10, Column.Double, nulls));
        // Few distinct values: many ties around the middle.
        AssertResults(SortedMedian, AggregateKind.Median, Generate(11, Column.Double, nulls, random => random.Next(4)));
    }

    [Fact]
    public void Median_orders_NaN_above_every_number()
    {
        var input = Generate(12, Column.Double, nulls: true, random => random.Next(3) == 0 ? double.NaN : random.Next(-50, 50));
        AssertResults(SortedMedian, AggregateKind.Median, input);
    }

    private static object? SortedMedian(IReadOnlyList<double> values, int rows)
    {
        if (values.Count == 0) return null;
        // Spark's order: NaN above every number.
        var sorted = values.OrderBy(v => double.IsNaN(v) ? 1 : 0).ThenBy(v => v).ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Corr_matches_the_two_pass_pearson_formula_over_pairs_without_nulls(bool nulls)
    {
        AssertResults(TwoPassCorr, AggregateKind.Corr, Generate(13, Column.Double, nulls), pairs: true);
        AssertResults(TwoPassCorr, AggregateKind.Corr, Generate(14, Column.Double, nulls, random => 1e6 + random.Next(3)), pairs: true);
    }

    /// <summary>Pearson's r of interleaved (x, y) pairs; null below two pairs or for a constant side.</summary>
    private static object? TwoPassCorr(IReadOnlyList<double> interleaved, int rows)
    {
        var xs = interleaved.Where((_, i) => i % 2 == 0).ToList();
        var ys = interleaved.Where((_, i) => i % 2 == 1).ToList();
        if (xs.Count < 2) return null;
        double mx = xs.Average(), my = ys.Average();
        double c = xs.Zip(ys, (x, y) => (x - mx) * (y - my)).Sum();
        double vx = xs.Sum(x => (x - mx) * (x - mx)), vy = ys.Sum(y => (y - my) * (y - my));
        return vx > 0 && vy > 0 ? c / Math.Sqrt(vx * vy) : null;
    }

    [Fact]
    public void Median_selection_agrees_with_sorting_for_every_size_and_many_ties()
    {
        var random = new Random(15);
        for (int n = 1; n < 200; n++)
        {
            for (int distinct = 1; distinct <= 1000; distinct *= 10)
            {
                var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct)).ToArray();
                Assert.Equal(SortedMedian(values, n), MedianSelection.Median(values.ToArray()));
            }
        }
    }

    [Theory]
    [InlineData("Count")]
    [InlineData("Sum")]
    [InlineData("Avg")]
    [InlineData("Min")]
    [InlineData("Max")]
    [InlineData("StddevSamp")]
    [InlineData("Median")]
    [InlineData("Corr")]
    public void An_all_null_batch_adds_nothing(string name)
    {
        var kind = Enum.Parse<AggregateKind>(name);
        var type = kind is AggregateKind.Median or AggregateKind.Corr ? (DataType)DoubleType.Instance : IntegerType.Instance;
        var function = new AggregateFunction(kind, new BoundReference(0, "x", type, true),
            kind == AggregateKind.Corr ? new BoundReference(1, "y", DoubleType.Instance, true) : null);
        var accumulator = Accumulator.Create(function);
        accumulator.Grow(2);
        var nulls = KernelArrays.AllNull(type, 3);
        accumulator.Update([0, 1, 0], nulls, kind == AggregateKind.Corr ? KernelArrays.Constant(DoubleType.Instance, 1.0, 3) : null);
        object? expected = kind == AggregateKind.Count ? 0L : null;
        Assert.Equal([expected, expected], ArrayValues.ToList(accumulator.Result(2)));
    }

    [Theory]
    [InlineData("StddevSamp")]
    [InlineData("Corr")]
    public void Stddev_and_corr_over_batches_thinly_spread_across_many_groups_match_the_two_pass_formulas(string name)
    {
        var kind = Enum.Parse<AggregateKind>(name);
        const int ManyGroups = 500;
        var random = new Random(16);
        // 400-row batches over 500 groups: a row or so per group and batch, the per-row (Welford) path.
        var batches = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 400).Select(_ =>
        {
            double x = random.NextDouble() * 200 - 100;
            return (Group: random.Next(ManyGroups), X: random.Next(6) == 0 ? (double?)null : x, Y: random.Next(6) == 0 ? (double?)null : x + random.NextDouble() * 50);
        }).ToArray()).ToArray();
        var function = new AggregateFunction(kind, new BoundReference(0, "x", DoubleType.Instance, true),
            kind == AggregateKind.Corr ? new BoundReference(1, "y", DoubleType.Instance, true) : null);

        void Feed(Accumulator accumulator, int b) => accumulator.Update(batches[b].Select(r => r.Group).ToArray(),
            Build(Column.Double, [.. batches[b].Select(r => r.X)]), kind == AggregateKind.Corr ? Build(Column.Double, [.. batches[b].Select(r => r.Y)]) : null);

        var complete = Accumulator.Create(function);
        complete.Grow(ManyGroups);
        for (int b = 0; b < batches.Length; b++) Feed(complete, b);
        var first = Accumulator.Create(function);
        var second = Accumulator.Create(function);
        first.Grow(ManyGroups);
        second.Grow(ManyGroups);
        for (int b = 0; b < batches.Length; b++) Feed(b == 1 ? second : first, b);
        var final = Accumulator.Create(function);
        final.Grow(ManyGroups);
        var ids = Enumerable.Range(0, ManyGroups).ToArray();
        final.Merge(ids, first.States(ManyGroups));
        final.Merge(ids, second.States(ManyGroups));

        var completeResult = ArrayValues.ToList(complete.Result(ManyGroups));
        var mergedResult = ArrayValues.ToList(final.Result(ManyGroups));
        var rows = batches.SelectMany(b => b).ToList();
        for (int g = 0; g < ManyGroups; g++)
        {
            var group = rows.Where(r => r.Group == g);
            object? expected = kind == AggregateKind.Corr
                ? TwoPassCorr([.. group.Where(r => r.X.HasValue && r.Y.HasValue).SelectMany(r => new[] { r.X!.Value, r.Y!.Value })], 0)
                : TwoPassStddev([.. group.Where(r => r.X.HasValue).Select(r => r.X!.Value)], 0);
            AssertClose(expected, completeResult[g], $"{kind} complete, group {g}");
            AssertClose(expected, mergedResult[g], $"{kind} merged, group {g}");
        }
    }
}
