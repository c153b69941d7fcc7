using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Equi-join. Both sides are split by a stable hash of their key values and shuffled together into the same
/// partitions (one shuffle of side-tagged, IPC-encoded batch slices, see <see cref="Exchange"/>), so rows with equal keys meet in one partition. There the
/// right side is built into a <see cref="GroupKeyTable"/> with row chains and the left side probes it; rows with a
/// null key never match. Candidate pairs then pass the optional residual condition, evaluated on the joined
/// columns it reads (<see cref="JoinCondition"/>), and the unmatched rows each join type keeps are added with nulls on the other side. The output is the
/// left columns then the right columns (left only for semi and anti joins). With <see cref="BroadcastRight"/> the
/// right side is collected once and probed from every left partition instead of shuffling both sides.
/// </summary>
internal sealed class HashJoinExec : PhysicalPlan
{
    private readonly int? _numPartitions;
    private readonly JoinCondition? _residual;

    /// <param name="left">The left (probe) input.</param>
    /// <param name="right">The right (build) input.</param>
    /// <param name="joinType">The join kind.</param>
    /// <param name="leftKeys">Key expressions over the left schema.</param>
    /// <param name="rightKeys">Key expressions over the right schema, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="condition">An optional residual condition over the left columns followed by the right columns.</param>
    /// <param name="numPartitions">Partitions of the shuffle; the larger input's partition count by default.</param>
    /// <param name="broadcastRight">
    /// Collect the (small) right side and probe it from every left partition without a shuffle; only for join types
    /// that never emit unmatched right rows (inner, left outer, left semi, left anti).
    /// </param>
    /// <param name="outputColumns">
    /// The joined columns (left then right ordinals) to emit, in this order; all of them by default. A projection
    /// above the join that reads few of its columns names them here, so the join gathers only those.
    /// </param>
    public HashJoinExec(PhysicalPlan left, PhysicalPlan right, JoinType joinType, IReadOnlyList<Expression> leftKeys, IReadOnlyList<Expression> rightKeys,
        Expression? condition = null, int? numPartitions = null, bool broadcastRight = false, IReadOnlyList<int>? outputColumns = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        if (leftKeys.Count == 0 || leftKeys.Count != rightKeys.Count)
        {
            throw new ArgumentException("A hash join needs one or more key pairs (use NestedLoopJoinExec for a cross join).", nameof(rightKeys));
        }
        if (broadcastRight && joinType is JoinType.RightOuter or JoinType.FullOuter)
        {
            throw new ArgumentException($"A {joinType} join cannot broadcast its right side: unmatched right rows would repeat per partition.", nameof(broadcastRight));
        }
        Left = left;
        Right = right;
        JoinType = joinType;
        BroadcastRight = broadcastRight;
        _numPartitions = numPartitions;
        LeftKeys = [.. leftKeys.Select(k => k.Bind(left.Schema))];
        RightKeys = [.. rightKeys.Select(k => k.Bind(right.Schema))];
        JoinedSchema = JoinSchema(left.Schema, right.Schema, joinType);
        var conditionSchema = new StructType(left.Schema.Concat(right.Schema));
        Condition = condition?.Bind(conditionSchema);
        _residual = Condition is null ? null : new JoinCondition(Condition, conditionSchema, left.Schema.Count);
        if (outputColumns is not null && joinType is JoinType.LeftSemi or JoinType.LeftAnti)
        {
            throw new ArgumentException("A semi or anti join emits its left columns as they are.", nameof(outputColumns));
        }
        OutputColumns = outputColumns is null ? null : [.. outputColumns];
        LeftPartitioned = !broadcastRight && numPartitions is null && left is HashJoinExec
        {
            BroadcastRight: false, OutputColumns: null, JoinType: JoinType.Inner or JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti,
        } upstream
            && upstream.LeftKeys.Count == LeftKeys.Count
            && upstream.LeftKeys.Zip(LeftKeys).All(k => k.First is BoundReference a && k.Second is BoundReference b && a.Ordinal == b.Ordinal);
        Schema = joinType is JoinType.LeftSemi or JoinType.LeftAnti ? left.Schema
            : OutputColumns is null ? JoinedSchema : new StructType(OutputColumns.Select(c => JoinedSchema[c]));
    }

    /// <summary>
    /// Whether the left side is a shuffled join on the same key columns that keeps its left rows in their partitions
    /// (an inner, left outer, semi or anti join emitting all its columns), so its partitions already hold every left
    /// row of a key together and only the right side needs shuffling, into that many partitions (Q21: an anti join
    /// over a semi join on <c>l_orderkey</c>).
    /// </summary>
    public bool LeftPartitioned { get; }

    /// <summary>The joined columns emitted, in order, or null for all of them.</summary>
    public int[]? OutputColumns { get; }

    /// <summary>The same join emitting only <paramref name="columns"/> of its current output, in that order.</summary>
    public HashJoinExec WithOutputColumns(IReadOnlyList<int> columns) =>
        new(Left, Right, JoinType, LeftKeys, RightKeys, Condition, _numPartitions, BroadcastRight,
            [.. columns.Select(c => OutputColumns is null ? c : OutputColumns[c])]);

    public PhysicalPlan Left { get; }

    public PhysicalPlan Right { get; }

    public JoinType JoinType { get; }

    /// <summary>Whether the right side is collected and broadcast instead of both sides being shuffled.</summary>
    public bool BroadcastRight { get; }

    public IReadOnlyList<Expression> LeftKeys { get; }

    public IReadOnlyList<Expression> RightKeys { get; }

    /// <summary>The residual condition bound to the left columns followed by the right columns, if any.</summary>
    public Expression? Condition { get; }

    public override StructType Schema { get; }

    /// <summary>Left then right columns, nullable on the side an outer join may fill with nulls.</summary>
    private StructType JoinedSchema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Left, Right];

    internal static StructType JoinSchema(StructType left, StructType right, JoinType joinType)
    {
        bool leftNullable = joinType is JoinType.RightOuter or JoinType.FullOuter;
        bool rightNullable = joinType is JoinType.LeftOuter or JoinType.FullOuter;
        return new StructType(
            left.Select(f => leftNullable ? f with { Nullable = true } : f)
                .Concat(right.Select(f => rightNullable ? f with { Nullable = true } : f)));
    }

    public override Rdd<RecordBatch> Execute()
    {
        if (BroadcastRight)
        {
            return ExecuteBroadcast();
        }
        var leftRdd = Left.Execute();
        var rightRdd = Right.Execute();
        if (LeftPartitioned)
        {
            return ExecuteOverPartitionedLeft(leftRdd, rightRdd);
        }
        int numPartitions = _numPartitions ?? Math.Max(1, Math.Max(leftRdd.NumPartitions, rightRdd.NumPartitions));
        var leftKeys = LeftKeys;
        var rightKeys = RightKeys;
        var leftTagged = leftRdd.MapPartitions(batches => Exchange.Split(batches, b => Evaluate(leftKeys, b), numPartitions)
            .Select(static p => (p.Item1, (Right: false, Batch: new StoredBatch(p.Item2)))));
        var rightTagged = rightRdd.MapPartitions(batches => Exchange.Split(batches, b => Evaluate(rightKeys, b), numPartitions)
            .Select(static p => (p.Item1, (Right: true, Batch: new StoredBatch(p.Item2)))));
        var leftSchema = Left.ArrowSchema;
        var rightSchema = Right.ArrowSchema;
        var outputSchema = ArrowSchema;
        var joinType = JoinType;
        var condition = _residual;
        var columns = OutputColumns;
        return leftTagged.Union(rightTagged)
            .PartitionBy(new DirectPartitioner(numPartitions))
            .MapPartitions(pairs =>
            {
                var list = pairs.Select(static p => p.Item2).ToList();
                var left = Batches.Concat(leftSchema, list.Where(static p => !p.Right).Select(static p => p.Batch.Batch).ToList());
                var right = Batches.Concat(rightSchema, list.Where(static p => p.Right).Select(static p => p.Batch.Batch).ToList());
                return JoinPartition(left, right, leftKeys, rightKeys, joinType, condition, outputSchema, columns);
            });
    }

    /// <summary>
    /// The shuffled join when the left side already comes partitioned by its keys (<see cref="LeftPartitioned"/>):
    /// only the right side is shuffled, into the left side's partitions, and partition i of each side meet.
    /// </summary>
    private Rdd<RecordBatch> ExecuteOverPartitionedLeft(Rdd<RecordBatch> leftRdd, Rdd<RecordBatch> rightRdd)
    {
        var leftKeys = LeftKeys;
        var rightKeys = RightKeys;
        var leftSchema = Left.ArrowSchema;
        var rightSchema = Right.ArrowSchema;
        var outputSchema = ArrowSchema;
        var joinType = JoinType;
        var condition = _residual;
        var columns = OutputColumns;
        var rightShuffled = Exchange.ByHash(rightRdd, b => Evaluate(rightKeys, b), leftRdd.NumPartitions);
        return leftRdd.Glom().Zip(rightShuffled.Glom()).MapPartitions(sides => sides.SelectMany(p =>
            JoinPartition(Batches.Concat(leftSchema, p.Item1), Batches.Concat(rightSchema, p.Item2), leftKeys, rightKeys, joinType, condition, outputSchema, columns)));
    }

    /// <summary>One partition of the shuffled join; no hash table is built for an empty left side that keeps no right rows.</summary>
    private static IEnumerable<RecordBatch> JoinPartition(RecordBatch left, RecordBatch right, IReadOnlyList<Expression> leftKeys, IReadOnlyList<Expression> rightKeys,
        JoinType joinType, JoinCondition? condition, Schema outputSchema, int[]? columns) =>
        left.Length == 0 && joinType is not (JoinType.RightOuter or JoinType.FullOuter)
            ? []
            : Join(left, Evaluate(leftKeys, left), new JoinHashTable(right, Evaluate(rightKeys, right)), joinType, condition, outputSchema, columns);

    /// <summary>
    /// The broadcast variant: the right side is collected now (a job, as Spark runs a broadcast exchange when the
    /// plan executes), built into one shared read-only <see cref="JoinHashTable"/>, and every left partition
    /// probes it in place, with no shuffle of either side.
    /// </summary>
    private Rdd<RecordBatch> ExecuteBroadcast()
    {
        var rightBatch = Batches.Concat(Right.ArrowSchema, Right.Execute().Collect());
        var build = new JoinHashTable(rightBatch, Evaluate(RightKeys, rightBatch));
        var leftSchema = Left.ArrowSchema;
        var leftKeys = LeftKeys;
        var outputSchema = ArrowSchema;
        var joinType = JoinType;
        var condition = _residual;
        var columns = OutputColumns;
        return Left.Execute().MapPartitions(batches =>
            batches.Where(static b => b.Length > 0)
                .SelectMany(b => Join(b, Evaluate(leftKeys, b), build, joinType, condition, outputSchema, columns)));
    }

    private static ArrowArray[] Evaluate(IReadOnlyList<Expression> keys, RecordBatch batch) => [.. keys.Select(k => k.Evaluate(batch))];

    /// <summary>Joins one partition's rows: candidate pairs by key, residual filter, then the unmatched rows the join type keeps.</summary>
    internal static IEnumerable<RecordBatch> Join(RecordBatch left, ArrowArray[] leftKeys, JoinHashTable build,
        JoinType joinType, JoinCondition? condition, Schema outputSchema, int[]? outputColumns)
    {
        if (left.Length == 0 && joinType is not (JoinType.RightOuter or JoinType.FullOuter))
        {
            yield break;
        }
        var right = build.Batch;
        var leftMatched = new bool[left.Length];
        if (joinType is JoinType.LeftSemi or JoinType.LeftAnti && condition is null)
        {
            // No residual: a left row's fate is whether its key has build rows; no pairs are listed.
            build.MarkProbeMatches(leftKeys, left.Length, leftMatched);
            var kept = KeepLeft(left, leftMatched, joinType == JoinType.LeftSemi, outputSchema);
            if (kept.Length > 0) yield return kept;
            yield break;
        }
        var (leftRows, rightRows) = build.Probe(leftKeys, left.Length);
        if (condition is not null && leftRows.Length > 0)
        {
            var selection = condition.Select(left, right, leftRows, rightRows);
            if (selection is not null)
            {
                leftRows = Gather(leftRows, selection);
                rightRows = Gather(rightRows, selection);
            }
        }
        foreach (int l in leftRows) leftMatched[l] = true;

        if (joinType is JoinType.LeftSemi or JoinType.LeftAnti)
        {
            var kept = KeepLeft(left, leftMatched, joinType == JoinType.LeftSemi, outputSchema);
            if (kept.Length > 0) yield return kept;
            yield break;
        }
        int unmatchedLeft = joinType is JoinType.LeftOuter or JoinType.FullOuter ? leftMatched.AsSpan().Count(false) : 0;
        bool[]? rightMatched = null;
        int unmatchedRight = 0;
        if (joinType is JoinType.RightOuter or JoinType.FullOuter)
        {
            rightMatched = new bool[right.Length];
            foreach (int r in rightRows) rightMatched[r] = true;
            unmatchedRight = rightMatched.AsSpan().Count(false);
        }
        if (unmatchedLeft + unmatchedRight > 0)
        {
            // The matched pairs, then each unmatched row beside nulls (-1).
            int matched = leftRows.Length;
            System.Array.Resize(ref leftRows, matched + unmatchedLeft + unmatchedRight);
            System.Array.Resize(ref rightRows, leftRows.Length);
            int k = matched;
            for (int l = 0; l < left.Length && unmatchedLeft > 0; l++)
            {
                if (!leftMatched[l])
                {
                    leftRows[k] = l;
                    rightRows[k++] = -1;
                }
            }
            for (int r = 0; rightMatched is not null && r < right.Length; r++)
            {
                if (!rightMatched[r])
                {
                    leftRows[k] = -1;
                    rightRows[k++] = r;
                }
            }
        }
        if (leftRows.Length > 0)
        {
            yield return Combine(outputSchema, left, right, leftRows, rightRows, outputColumns);
        }
    }

    /// <summary>The left rows whose mark is <paramref name="keep"/> (semi: matched, anti: not), as one batch (possibly empty).</summary>
    private static RecordBatch KeepLeft(RecordBatch left, bool[] matched, bool keep, Schema outputSchema)
    {
        int count = keep ? matched.AsSpan().Count(true) : matched.AsSpan().Count(false);
        if (count == left.Length)
        {
            return new RecordBatch(outputSchema, left.Arrays, left.Length);
        }
        var rows = new int[count];
        for (int l = 0, k = 0; k < count; l++)
        {
            if (matched[l] == keep) rows[k++] = l;
        }
        return new RecordBatch(outputSchema, TakeKernel.Take(left, rows).Arrays, count);
    }

    private static int[] Gather(int[] values, int[] selection)
    {
        var gathered = new int[selection.Length];
        for (int i = 0; i < selection.Length; i++) gathered[i] = values[selection[i]];
        return gathered;
    }

    /// <summary>
    /// The batch of left rows <paramref name="leftRows"/> beside right rows <paramref name="rightRows"/> (-1: nulls):
    /// the joined columns <paramref name="columns"/> (left then right ordinals) in that order, or all of them.
    /// </summary>
    internal static RecordBatch Combine(Schema schema, RecordBatch left, RecordBatch right, int[] leftRows, int[] rightRows, int[]? columns = null)
    {
        int leftCount = left.ColumnCount;
        var arrays = new ArrowArray[columns?.Length ?? leftCount + right.ColumnCount];
        for (int i = 0; i < arrays.Length; i++)
        {
            int c = columns is null ? i : columns[i];
            arrays[i] = c < leftCount
                ? Batches.TakeOrNull(left.Columns[c], leftRows, left.Schema.GetFieldByIndex(c).DataType)
                : Batches.TakeOrNull(right.Columns[c - leftCount], rightRows, right.Schema.GetFieldByIndex(c - leftCount).DataType);
        }
        return new RecordBatch(schema, arrays, leftRows.Length);
    }

    public override string Describe() =>
        $"{(BroadcastRight ? "BroadcastHashJoin" : "ShuffledHashJoin")} {JoinType}{(LeftPartitioned ? " (left side already partitioned)" : "")} keys=[{string.Join(", ", LeftKeys.Zip(RightKeys, (l, r) => $"{l} = {r}"))}]{(Condition is null ? "" : $" condition={Condition}")}{(OutputColumns is null ? "" : $" output=[{string.Join(", ", Schema.FieldNames)}]")}";
}
