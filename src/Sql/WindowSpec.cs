using Rdd.Sql.Expressions;

namespace Rdd.Sql;

/// <summary>
/// A window specification for <see cref="Column.Over(WindowSpec)"/>: partition keys and ordering, built from
/// <see cref="Window"/>. Immutable: each method returns a new spec. Aggregates over a spec with ORDER BY use the
/// frame RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (running values, peers included); without ORDER BY the
/// whole partition.
/// </summary>
public sealed class WindowSpec
{
    internal WindowSpec(IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec, RowFrame? frame = null)
    {
        PartitionSpec = partitionSpec;
        OrderSpec = orderSpec;
        Frame = frame;
    }

    internal RowFrame? Frame { get; }

    internal IReadOnlyList<Expression> PartitionSpec { get; }

    internal IReadOnlyList<SortOrder> OrderSpec { get; }

    /// <summary>This spec partitioned by <paramref name="cols"/> (replacing earlier partition keys).</summary>
    public WindowSpec PartitionBy(params Column[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return new WindowSpec([.. cols.Select(c => c.Expression)], OrderSpec, Frame);
    }

    /// <summary>This spec partitioned by the named columns.</summary>
    public WindowSpec PartitionBy(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return PartitionBy([.. cols.Select(Functions.Col)]);
    }

    /// <summary>This spec ordered by <paramref name="cols"/> (ascending unless built with <c>Desc()</c>).</summary>
    public WindowSpec OrderBy(params Column[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return new WindowSpec(PartitionSpec, [.. cols.Select(c => c.Expression as SortOrder ?? new SortOrder(c.Expression))], Frame);
    }

    /// <summary>This spec ordered by the named columns, ascending.</summary>
    public WindowSpec OrderBy(params string[] cols)
    {
        ArgumentNullException.ThrowIfNull(cols);
        return OrderBy([.. cols.Select(Functions.Col)]);
    }

    /// <summary>
    /// This spec with the frame ROWS BETWEEN <paramref name="start"/> AND <paramref name="end"/> for aggregates: row
    /// offsets from the current row (<see cref="Window.CurrentRow"/> is 0, negative before, positive after;
    /// <see cref="Window.UnboundedPreceding"/> and <see cref="Window.UnboundedFollowing"/> for the partition's ends).
    /// Ranking and lag/lead functions ignore the frame.
    /// </summary>
    public WindowSpec RowsBetween(long start, long end)
    {
        if (start == long.MaxValue || end == long.MinValue || (start != long.MinValue && end != long.MaxValue && start > end))
        {
            throw new ArgumentException($"Invalid window frame: ROWS BETWEEN {start} AND {end}.");
        }
        return new WindowSpec(PartitionSpec, OrderSpec, new RowFrame(start, end));
    }
}
