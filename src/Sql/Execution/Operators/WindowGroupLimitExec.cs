using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>Where a <see cref="WindowGroupLimitExec"/> runs relative to the exchange that brings each window partition together.</summary>
internal enum WindowGroupLimitMode
{
    /// <summary>Before the exchange: a window partition's rows are spread over RDD partitions, each trimmed on its own.</summary>
    Partial,

    /// <summary>After the exchange: each window partition is whole, the trim is the window's.</summary>
    Final,
}

/// <summary>
/// Spark's WindowGroupLimitExec: drops, in each RDD partition, the rows whose row_number, rank or dense_rank in
/// their window partition (rows equal on <see cref="PartitionSpec"/>, NULL keys a partition of their own), ordered
/// by <see cref="OrderSpec"/>, would exceed <see cref="Limit"/>. The partition's batches are concatenated, the
/// rows grouped by the partition keys with a <see cref="GroupKeyTable"/>, and <see cref="GroupRankLimiter"/>
/// picks the rows that can still qualify, which are gathered with <see cref="TakeKernel"/> in input order. A row
/// that qualifies within the whole window partition qualifies within any subset of it, so trimming each RDD
/// partition before the exchange (<see cref="WindowGroupLimitMode.Partial"/>) loses nothing; after the exchange
/// (<see cref="WindowGroupLimitMode.Final"/>) it leaves the window only the rows it will keep. The window and the
/// filter above recompute the ranks, so a pass that would remove few rows is skipped: in partial mode when more
/// than <see cref="PartialKeepAllAbove"/> of them would stay (few rows per window partition in this RDD partition),
/// in final mode when none would go. In partial mode the RDD partitions of one execution also share what they
/// learnt: once the first partitions all found the pass useless (many small window partitions, as with many
/// groups and small input partitions), later ones pass their rows through without even grouping them, probing
/// again every <see cref="PartialProbeInterval"/> partitions in case the data changes.
/// </summary>
internal sealed class WindowGroupLimitExec : PhysicalPlan
{
    /// <summary>The share of rows left above which a partial pass passes its input through instead.</summary>
    public const double PartialKeepAllAbove = 0.8;

    /// <summary>How many partitions the partial pass always tries before trusting that it is useless.</summary>
    public const int PartialProbes = 2;

    /// <summary>Once the partial pass is found useless, every this many partitions it tries again.</summary>
    public const int PartialProbeInterval = 16;

    public WindowGroupLimitExec(PhysicalPlan child, IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec,
        WindowFunctionKind rankLikeFunction, int limit, WindowGroupLimitMode mode)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(partitionSpec);
        ArgumentNullException.ThrowIfNull(orderSpec);
        if (rankLikeFunction is not (WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank))
        {
            throw new ArgumentException($"{rankLikeFunction} is not row_number, rank or dense_rank.", nameof(rankLikeFunction));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Child = child;
        PartitionSpec = [.. partitionSpec.Select(e => e.Bind(child.Schema))];
        OrderSpec = [.. orderSpec.Select(e => (SortOrder)e.Bind(child.Schema))];
        RankLikeFunction = rankLikeFunction;
        Limit = limit;
        Mode = mode;
    }

    public PhysicalPlan Child { get; }

    public IReadOnlyList<Expression> PartitionSpec { get; }

    public IReadOnlyList<SortOrder> OrderSpec { get; }

    public WindowFunctionKind RankLikeFunction { get; }

    public int Limit { get; }

    public WindowGroupLimitMode Mode { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var partitionSpec = PartitionSpec;
        var orderSpec = OrderSpec;
        var kind = RankLikeFunction;
        int limit = Limit;
        double keepAllAbove = Mode == WindowGroupLimitMode.Partial ? PartialKeepAllAbove : 1.0;
        var schema = ArrowSchema;
        var usefulness = Mode == WindowGroupLimitMode.Partial ? new PartialUsefulness() : null;
        return Child.Execute().MapPartitions(batches => Trim(batches.ToList(), schema, partitionSpec, orderSpec, kind, limit, keepAllAbove, usefulness));
    }

    private static IEnumerable<RecordBatch> Trim(List<RecordBatch> batches, Schema schema, IReadOnlyList<Expression> partitionSpec,
        IReadOnlyList<SortOrder> orderSpec, WindowFunctionKind kind, int limit, double keepAllAbove, PartialUsefulness? usefulness)
    {
        batches.RemoveAll(b => b.Length == 0);
        if (batches.Count == 0)
        {
            yield break;
        }
        if (usefulness is not null && !usefulness.ShouldTry())
        {
            foreach (var batch in batches) yield return batch;
            yield break;
        }
        // One batch for the partition: rows of different batches meet in a group, and string order keys are
        // ranked per column (SortKey), so they must be compared within one column.
        var all = Batches.Concat(schema, batches);
        int n = all.Length;

        var keys = new ArrowArray[partitionSpec.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = partitionSpec[i].Evaluate(all);
        var table = GroupKeyTable.Create([.. keys.Select(k => k.Data.DataType)]);
        var groupIds = new int[n];
        table.FindOrAdd(keys, groupIds);

        var orderColumns = new ArrowArray[orderSpec.Count];
        for (int i = 0; i < orderColumns.Length; i++) orderColumns[i] = orderSpec[i].Child.Evaluate(all);

        var selected = GroupRankLimiter.Select(groupIds, table.Count, orderSpec, orderColumns, kind, limit, keepAllAbove);
        usefulness?.Record(useful: selected is not null);
        if (selected is null)
        {
            foreach (var batch in batches) yield return batch;
            yield break;
        }
        if (selected.Length > 0)
        {
            yield return TakeKernel.Take(all, selected);
        }
    }

    /// <summary>
    /// What the partial passes of one execution found so far, shared by its tasks (a task in another process
    /// starts afresh, which only costs it the probe): whether the next partition should try the pass.
    /// </summary>
    private sealed class PartialUsefulness
    {
        private int _started;
        private int _tried;
        private int _useful;

        public bool ShouldTry()
        {
            int started = Interlocked.Increment(ref _started);
            int tried = Volatile.Read(ref _tried);
            return started <= PartialProbes || tried < PartialProbes || Volatile.Read(ref _useful) > 0 || started % PartialProbeInterval == 0;
        }

        public void Record(bool useful)
        {
            if (useful) Interlocked.Increment(ref _useful);
            Interlocked.Increment(ref _tried);
        }
    }

    public override string Describe()
    {
        string function = RankLikeFunction switch
        {
            WindowFunctionKind.RowNumber => "row_number()",
            WindowFunctionKind.Rank => "rank()",
            _ => "dense_rank()",
        };
        return $"WindowGroupLimit [{string.Join(", ", PartitionSpec)}], [{string.Join(", ", OrderSpec)}], {function}, {Limit}, {Mode}";
    }
}
