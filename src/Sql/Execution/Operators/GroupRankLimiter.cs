using Apache.Arrow;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Expressions;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// The rows of one batch that can still have a rank of at most k in their group (rows with equal group ids),
/// ranked by an order that <see cref="SortExec.SortKey"/>s define, as <see cref="WindowExec"/> ranks them:
/// <list type="bullet">
/// <item>row_number: the k best rows of each group (among rows equal at the boundary, the earliest);</item>
/// <item>rank: the rows no worse than the group's k-th best row, so ties at the boundary all stay;</item>
/// <item>dense_rank: the rows no worse than the group's k-th best distinct order value.</item>
/// </list>
/// One pass keeps, per group, the best rows seen so far in a small sorted run of row indices inside one flat array
/// (a group's run holds min(k, rows of the group) slots, so the array never exceeds the batch); a row that is not
/// better than its group's current worst is rejected with one compare. row_number then keeps the runs; rank and
/// dense_rank take the last slot of a full run as the group's cutoff and keep every row not worse than it in a
/// second pass. No allocation per row; the order keys are compared through a struct comparer specialised for the
/// common single null-free numeric key.
/// </summary>
internal static class GroupRankLimiter
{
    /// <summary>
    /// The indices (ascending) of the rows to keep, or null when every row must stay, or when the share of rows
    /// that would stay is known to exceed <paramref name="keepAllAbove"/> (a pass that removes little is not worth a gather).
    /// </summary>
    /// <param name="groupIds">Each row's group, 0..<paramref name="groups"/>-1.</param>
    /// <param name="groups">The number of groups.</param>
    /// <param name="order">The order within a group (directions and null placement), key by key.</param>
    /// <param name="orderColumns">The values of each <paramref name="order"/> key for the batch's rows.</param>
    /// <param name="kind">row_number, rank or dense_rank.</param>
    /// <param name="limit">k, at least 1.</param>
    /// <param name="keepAllAbove">A fraction in (0, 1]: 1 gives up only when nothing can be removed.</param>
    public static int[]? Select(ReadOnlySpan<int> groupIds, int groups, IReadOnlyList<SortOrder> order, IReadOnlyList<ArrowArray> orderColumns,
        WindowFunctionKind kind, int limit, double keepAllAbove)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        int n = groupIds.Length;

        // Each group's slot run, sized min(k, its rows). The slots are also a lower bound on what stays (exact for
        // row_number), which decides whether the pass is worth running at all.
        var starts = new int[groups + 1];
        foreach (int g in groupIds) starts[g + 1]++;
        long kept = 0;
        for (int g = 0; g < groups; g++)
        {
            int slots = Math.Min(limit, starts[g + 1]);
            kept += slots;
            starts[g + 1] = starts[g] + slots;
        }
        if (kept >= n || kept > keepAllAbove * n)
        {
            return null;
        }

        if (order.Count == 1 && orderColumns[0].NullCount == 0)
        {
            var column = orderColumns[0];
            if (ColumnValues.IsDoubleLike(column.Data.DataType))
            {
                return Select(new NullFreeKey<long>(SortExec.OrderKeys(ColumnValues.Doubles(column)), order[0].Ascending), groupIds, starts, kind, limit);
            }
            if (ColumnValues.IsLongLike(column.Data.DataType))
            {
                return Select(new NullFreeKey<long>(ColumnValues.Longs(column), order[0].Ascending), groupIds, starts, kind, limit);
            }
        }
        var keys = new SortExec.SortKey[order.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = SortExec.SortKey.Create(orderColumns[i], order[i].Ascending, order[i].NullsFirst);
        }
        return Select(new SortKeys(keys), groupIds, starts, kind, limit);
    }

    private static int[] Select<TOrder>(TOrder order, ReadOnlySpan<int> groupIds, int[] starts, WindowFunctionKind kind, int limit)
        where TOrder : struct, IRowOrder
    {
        int n = groupIds.Length;
        int groups = starts.Length - 1;
        var slots = new int[starts[groups]];
        // Per group, side by side so one cache line serves a row: its run's start, capacity and filled count.
        var runs = new int[groups * 3];
        for (int g = 0; g < groups; g++)
        {
            runs[3 * g] = starts[g];
            runs[3 * g + 1] = starts[g + 1] - starts[g];
        }
        bool distinct = kind == WindowFunctionKind.DenseRank;
        for (int row = 0; row < n; row++)
        {
            int run = 3 * groupIds[row];
            int start = runs[run], capacity = runs[run + 1], count = runs[run + 2];
            if (count == capacity)
            {
                // Full: only a row strictly better than the current worst changes the run (an equal row is
                // a later tie for row_number, already counted for rank, the same value for dense_rank).
                if (order.Compare(row, slots[start + capacity - 1]) >= 0) continue;
            }
            // The first slot whose row is worse than this one (upper bound, so earlier equal rows stay first).
            int low = 0, high = count;
            while (low < high)
            {
                int middle = (low + high) >>> 1;
                if (order.Compare(slots[start + middle], row) <= 0) low = middle + 1;
                else high = middle;
            }
            if (distinct && low > 0 && order.Compare(slots[start + low - 1], row) == 0) continue;
            int end = count == capacity ? capacity - 1 : count;
            for (int i = start + end; i > start + low; i--) slots[i] = slots[i - 1];
            slots[start + low] = row;
            if (count < capacity) runs[run + 2] = count + 1;
        }

        var keep = new bool[n];
        int selected = 0;
        if (kind == WindowFunctionKind.RowNumber)
        {
            // Every run is full (capacity = min(k, rows)): the slots are exactly the rows with row_number <= k.
            foreach (int row in slots) keep[row] = true;
            selected = slots.Length;
        }
        else
        {
            for (int row = 0; row < n; row++)
            {
                int run = 3 * groupIds[row];
                // A run with k slots filled ends at the cutoff; a shorter run means fewer than k ranks exist.
                if (runs[run + 2] < limit || order.Compare(row, slots[runs[run] + limit - 1]) <= 0)
                {
                    keep[row] = true;
                    selected++;
                }
            }
        }
        var result = new int[selected];
        int next = 0;
        for (int row = 0; row < n; row++)
        {
            if (keep[row]) result[next++] = row;
        }
        return result;
    }

    /// <summary>Compares two rows of the batch by the order keys (negative: the first ranks better).</summary>
    private interface IRowOrder
    {
        int Compare(int a, int b);
    }

    /// <summary>Any keys, through <see cref="SortExec.SortKey"/> (ASC/DESC, NULLS FIRST/LAST, strings ordinal), key by key.</summary>
    private readonly struct SortKeys(SortExec.SortKey[] keys) : IRowOrder
    {
        public int Compare(int a, int b)
        {
            foreach (var key in keys)
            {
                int c = key.Compare(a, b);
                if (c != 0) return c;
            }
            return 0;
        }
    }

    /// <summary>One numeric key without nulls, compared as <see cref="SortExec.SortKey"/> compares it (the type's CompareTo).</summary>
    private readonly struct NullFreeKey<T>(T[] values, bool ascending) : IRowOrder where T : IComparable<T>
    {
        public int Compare(int a, int b)
        {
            int c = values[a].CompareTo(values[b]);
            return ascending ? c : -c;
        }
    }
}
