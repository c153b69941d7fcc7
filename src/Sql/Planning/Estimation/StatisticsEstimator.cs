using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;
using LogicalJoinType = Rdd.Sql.Planning.Logical.JoinType;

namespace Rdd.Sql.Planning.Estimation;

/// <summary>
/// Estimates one node's <see cref="Statistics"/> from its children's (Spark's SizeInBytesOnlyStatsPlanVisitor with row
/// counts; no column statistics): leaves from what is known cheaply (Parquet footers, file sizes, in-memory row
/// counts), unary nodes keep the row count and scale the size by the output row width, filters multiply by
/// <see cref="FilterSelectivity"/>, and an equi-join is assumed to join a foreign key to a key (its output as big as
/// the bigger input), which is what star and snowflake queries do. Only ever compared against each other and with
/// the broadcast threshold, so being right within a small factor is enough.
/// </summary>
internal static class StatisticsEstimator
{
    /// <summary>Bytes per row beyond the columns (Spark's row overhead in getSizePerRow).</summary>
    private const double RowOverhead = 8;

    public static Statistics Estimate(LogicalPlan plan) => plan switch
    {
        Scan scan => EstimateScan(scan),
        LocalRelation local => Exact(local.Rows.Count, local.Output),
        InMemoryRelation cached => cached.Data.RowCount is { } rows ? Exact(rows, cached.Output) : cached.CachedPlan.Stats,
        RddRelation => Statistics.Unknown,
        Filter filter => Scale(filter.Child.Stats, FilterSelectivity.Of(filter.Condition), filter.Output),
        Join join => EstimateJoin(join),
        Aggregate aggregate when aggregate.GroupingExpressions.Count == 0 => Rows(1, aggregate.Output),
        Limit limit => Rows(Math.Min(limit.Count, limit.Child.Stats.RowCount), limit.Output),
        Offset offset => Rows(Math.Max(0, offset.Child.Stats.RowCount - offset.Count), offset.Output),
        Union union => Rows(union.Children.Sum(c => c.Stats.RowCount), union.Output),
        // Project, Aggregate (at most one row per input row), Sort, Distinct, Window, Generate, SubqueryAlias, ...
        _ when plan.Children.Count == 1 => Rows(plan.Children[0].Stats.RowCount, plan.Output),
        _ => Statistics.Unknown,
    };

    /// <summary>The estimated bytes of one row of <paramref name="columns"/> (Spark's default sizes plus the row overhead).</summary>
    public static double RowWidth(IEnumerable<AttributeReference> columns) => RowOverhead + columns.Sum(a => DefaultSize(a.DataType));

    /// <summary>Spark's <c>DataType.defaultSize</c>: the width a value of the type is assumed to take.</summary>
    public static double DefaultSize(DataType type) => type switch
    {
        BooleanType or ByteType => 1,
        ShortType => 2,
        IntegerType or FloatType or DateType => 4,
        LongType or DoubleType or TimestampType or TimestampNtzType => 8,
        DecimalType d => d.Precision <= 18 ? 8 : 16,
        StringType => 20,
        StructType s => s.Fields.Sum(f => DefaultSize(f.DataType)),
        _ => 100,
    };

    private static Statistics Exact(long rows, IReadOnlyList<AttributeReference> output) => new(rows * RowWidth(output), rows, IsExact: true);

    private static Statistics Rows(double rows, IReadOnlyList<AttributeReference> output) => new(rows * RowWidth(output), rows);

    private static Statistics Scale(Statistics child, double selectivity, IReadOnlyList<AttributeReference> output) =>
        Rows(Math.Max(child.RowCount * selectivity, child.RowCount > 0 ? 1 : 0), output);

    private static Statistics EstimateScan(Scan scan)
    {
        var source = scan.Source;
        var output = scan.Output;
        Statistics stats;
        if (source.Format == DataSourceFormat.Batches)
        {
            stats = Exact(source.BatchRowCount, output);
        }
        else
        {
            var files = FileStatistics.Of(source);
            if (files.RowCount is long rows)
            {
                // Parquet: the row count, and each read column's uncompressed bytes (a fair measure of its decoded size).
                double bytes = rows * RowOverhead + output.Sum(a => (double?)files.ColumnBytes(a.Name) ?? rows * DefaultSize(a.DataType));
                stats = new Statistics(bytes, rows);
            }
            else
            {
                // Text formats: as Spark, the files' size; rows from the width of a full row, the size scaled to the columns read.
                double fullWidth = RowWidth(scan.FullOutput);
                double estimatedRows = Math.Ceiling(files.FileBytes / fullWidth);
                stats = Rows(estimatedRows, output);
            }
        }
        return source.ExactFilters && scan.PushedFilters.Count > 0
            ? Scale(stats, scan.PushedFilters.Aggregate(1.0, (s, f) => s * FilterSelectivity.Of(f)), output)
            : stats;
    }

    private static Statistics EstimateJoin(Join join)
    {
        var left = join.Left.Stats;
        var right = join.Right.Stats;
        bool equi = HasEquiKey(join);
        double rows = join.JoinType switch
        {
            LogicalJoinType.LeftSemi or LogicalJoinType.LeftAnti => left.RowCount,
            LogicalJoinType.FullOuter => left.RowCount + right.RowCount,
            _ when !equi => left.RowCount * right.RowCount,
            LogicalJoinType.LeftOuter => Math.Max(left.RowCount, right.RowCount),
            LogicalJoinType.RightOuter => Math.Max(left.RowCount, right.RowCount),
            // A key-foreign key join: each row of the bigger (foreign key) side meets at most one row of the other,
            // unless the keys' value ranges say the key side was filtered (see KeyedRows).
            _ => KeyedRows(join, left, right) ?? Math.Max(left.RowCount, right.RowCount),
        };
        var result = Rows(rows, join.Output);
        return left.IsExact && right.IsExact && join.JoinType == LogicalJoinType.Cross && join.Condition is null
            ? result with { IsExact = true }
            : result;
    }

    /// <summary>
    /// For an inner equi-join whose key columns both have a known value range (Parquet min/max):
    /// <c>left × right ÷ max(distinct left keys, distinct right keys)</c>, the distinct counts bounded by the ranges
    /// and the row counts (<see cref="DistinctValues"/>), the most selective key pair winning; null otherwise. This is
    /// what sees that orders joined to a filtered customer table keeps only the filtered customers' orders.
    /// </summary>
    private static double? KeyedRows(Join join, Statistics left, Statistics right)
    {
        if (join.JoinType is not (LogicalJoinType.Inner or LogicalJoinType.Cross) || join.Condition is null)
        {
            return null;
        }
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        double? best = null;
        foreach (var conjunct in PlanExpressions.SplitConjuncts(join.Condition))
        {
            if (conjunct is not Comparison { Operator: ComparisonOperator.Equal, Left: AttributeReference a, Right: AttributeReference b })
            {
                continue;
            }
            var (l, r) = leftIds.Contains(a.ExprId) && rightIds.Contains(b.ExprId) ? (a, b)
                : leftIds.Contains(b.ExprId) && rightIds.Contains(a.ExprId) ? (b, a)
                : (null, null);
            if (l is null || r is null || !DistinctValues.HasRange(join.Left, l) || !DistinctValues.HasRange(join.Right, r))
            {
                continue;
            }
            var (leftDistinct, rightDistinct) = DistinctValues.OfKeyPair(join.Left, l, join.Right, r);
            double estimate = left.RowCount * right.RowCount / Math.Max(1, Math.Max(leftDistinct, rightDistinct));
            best = best is { } known ? Math.Min(known, estimate) : estimate;
        }
        return best;
    }

    /// <summary>Whether the join condition has a conjunct <c>l = r</c> with one side over each input.</summary>
    private static bool HasEquiKey(Join join)
    {
        if (join.Condition is null)
        {
            return false;
        }
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        bool Over(Expression e, HashSet<ExprId> ids) => PlanExpressions.References(e).Count > 0 && PlanExpressions.ReadsOnly(e, ids);
        return PlanExpressions.SplitConjuncts(join.Condition).Any(c =>
            c is Comparison { Operator: ComparisonOperator.Equal } eq
            && (Over(eq.Left, leftIds) && Over(eq.Right, rightIds) || Over(eq.Left, rightIds) && Over(eq.Right, leftIds)));
    }
}
