using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// A left semi or anti equi-join that builds its (small) left side instead of its (big) right side: the left rows
/// are collected once into a <see cref="JoinHashTable"/> and every right partition, not shuffled, probes it and
/// marks the left rows it matches (candidate pairs with equal, non-null keys that pass the residual condition) in a
/// bitmap of its own; the bitmaps are OR-ed on the driver and the left rows marked (semi) or not marked (anti) are
/// the output. Spark's BroadcastNestedLoopJoin with BuildLeft works the same way for semi and anti joins; a hash
/// join that builds the right side would hash and shuffle millions of right rows to keep a few thousand left ones.
/// A null-aware NOT IN carries its <c>x = y OR (x = y) IS NULL</c> test as the residual condition, so it is
/// evaluated on the candidate pairs like any other residual and keeps its meaning.
/// </summary>
internal sealed class BroadcastLeftSemiJoinExec : PhysicalPlan
{
    private readonly JoinCondition? _residual;

    /// <param name="left">The left (build, output) input, small enough to collect.</param>
    /// <param name="right">The right (probe) input.</param>
    /// <param name="joinType"><see cref="JoinType.LeftSemi"/> or <see cref="JoinType.LeftAnti"/>.</param>
    /// <param name="leftKeys">Key expressions over the left schema.</param>
    /// <param name="rightKeys">Key expressions over the right schema, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="condition">An optional residual condition over the left columns followed by the right columns.</param>
    public BroadcastLeftSemiJoinExec(PhysicalPlan left, PhysicalPlan right, JoinType joinType,
        IReadOnlyList<Expression> leftKeys, IReadOnlyList<Expression> rightKeys, Expression? condition = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        if (joinType is not (JoinType.LeftSemi or JoinType.LeftAnti))
        {
            throw new ArgumentException($"Only left semi and left anti joins can build their left side this way, not {joinType}.", nameof(joinType));
        }
        if (leftKeys.Count == 0 || leftKeys.Count != rightKeys.Count)
        {
            throw new ArgumentException("A hash join needs one or more key pairs.", nameof(rightKeys));
        }
        Left = left;
        Right = right;
        JoinType = joinType;
        LeftKeys = [.. leftKeys.Select(k => k.Bind(left.Schema))];
        RightKeys = [.. rightKeys.Select(k => k.Bind(right.Schema))];
        JoinedSchema = HashJoinExec.JoinSchema(left.Schema, right.Schema, JoinType.Inner);
        Condition = condition?.Bind(JoinedSchema);
        _residual = Condition is null ? null : new JoinCondition(Condition, JoinedSchema, left.Schema.Count);
    }

    public PhysicalPlan Left { get; }

    public PhysicalPlan Right { get; }

    public JoinType JoinType { get; }

    public IReadOnlyList<Expression> LeftKeys { get; }

    public IReadOnlyList<Expression> RightKeys { get; }

    /// <summary>The residual condition bound to the left columns followed by the right columns, if any.</summary>
    public Expression? Condition { get; }

    /// <summary>The left columns only, as every semi and anti join.</summary>
    public override StructType Schema => Left.Schema;

    private StructType JoinedSchema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Left, Right];

    /// <summary>
    /// Runs the two jobs now, as the broadcast of <see cref="HashJoinExec"/> does (an action cannot run inside a
    /// task): one collects the left side, one probes it from the right partitions and returns their bitmaps. The
    /// Rdd returned holds the kept left rows, in their collected order, sliced over the left side's partition count.
    /// </summary>
    public override Rdd<RecordBatch> Execute()
    {
        var leftRdd = Left.Execute();
        var build = Batches.Concat(Left.ArrowSchema, leftRdd.Collect());
        bool keep = JoinType == JoinType.LeftSemi;
        var matched = build.Length == 0 ? [] : Probe(build);
        int[] rows = [.. Enumerable.Range(0, build.Length).Where(r => matched[r] == keep)];
        var output = rows.Length == build.Length ? build : TakeKernel.Take(build, rows);
        output = new RecordBatch(ArrowSchema, output.Arrays, output.Length);

        int slices = Math.Max(1, Math.Min(leftRdd.NumPartitions, output.Length));
        return leftRdd.Context.Parallelize(Enumerable.Range(0, slices), slices).MapPartitions(indices => indices.SelectMany(i =>
        {
            // Slice i of n holds rows [i*length/n, (i+1)*length/n), as Parallelize slices.
            int start = (int)((long)i * output.Length / slices), end = (int)((long)(i + 1) * output.Length / slices);
            return end > start ? new[] { output.Slice(start, end - start) } : [];
        }));
    }

    /// <summary>Which build rows some right row matches: each right partition marks its own bitmap, OR-ed here.</summary>
    private bool[] Probe(RecordBatch build)
    {
        var table = new JoinHashTable(build, [.. LeftKeys.Select(k => k.Evaluate(build))]);
        var rightKeys = RightKeys;
        var condition = _residual;
        var perPartition = Right.Execute().MapPartitions(batches => new[] { Mark(table, batches, rightKeys, condition) }).Collect();
        var matched = new bool[build.Length];
        foreach (var partition in perPartition)
        {
            for (int r = 0; r < matched.Length; r++)
            {
                matched[r] |= partition[r];
            }
        }
        return matched;
    }

    /// <summary>
    /// One right partition's marks. Without a residual condition a key match marks the build row's whole key chain;
    /// with one, the candidate pairs whose build row is not yet marked are gathered and the condition tested on them.
    /// </summary>
    private static bool[] Mark(JoinHashTable table, IEnumerable<RecordBatch> batches, IReadOnlyList<Expression> rightKeys, JoinCondition? condition)
    {
        var matched = new bool[table.Batch.Length];
        foreach (var batch in batches)
        {
            if (batch.Length == 0) continue;
            ArrowArray[] keys = [.. rightKeys.Select(k => k.Evaluate(batch))];
            if (condition is null)
            {
                table.MarkMatched(keys, batch.Length, matched);
                continue;
            }
            var (probeRows, buildRows) = table.Probe(keys, batch.Length);
            int pending = 0;
            for (int i = 0; i < buildRows.Length; i++)
            {
                if (matched[buildRows[i]]) continue;
                probeRows[pending] = probeRows[i];
                buildRows[pending++] = buildRows[i];
            }
            if (pending == 0) continue;
            var candidates = buildRows.AsSpan(0, pending);
            var passed = condition.Select(table.Batch, batch, candidates, probeRows.AsSpan(0, pending));
            if (passed is null)
            {
                foreach (int b in candidates) matched[b] = true;
            }
            else
            {
                foreach (int i in passed) matched[candidates[i]] = true;
            }
        }
        return matched;
    }

    public override string Describe() =>
        $"BroadcastHashJoin {JoinType} BuildLeft keys=[{string.Join(", ", LeftKeys.Zip(RightKeys, (l, r) => $"{l} = {r}"))}]{(Condition is null ? "" : $" condition={Condition}")}";
}
