namespace Rdd.Sql;

/// <summary>Entry points for window specifications, as Spark's <c>Window</c>: <c>Window.PartitionBy("g").OrderBy("x")</c>.</summary>
public static class Window
{
    private static readonly WindowSpec s_empty = new([], []);

    /// <summary>The frame boundary UNBOUNDED PRECEDING, for <see cref="WindowSpec.RowsBetween"/>.</summary>
    public const long UnboundedPreceding = long.MinValue;

    /// <summary>The frame boundary UNBOUNDED FOLLOWING, for <see cref="WindowSpec.RowsBetween"/>.</summary>
    public const long UnboundedFollowing = long.MaxValue;

    /// <summary>The frame boundary CURRENT ROW, for <see cref="WindowSpec.RowsBetween"/>.</summary>
    public const long CurrentRow = 0;

    /// <summary>A spec over one partition with the frame ROWS BETWEEN <paramref name="start"/> AND <paramref name="end"/>.</summary>
    public static WindowSpec RowsBetween(long start, long end) => s_empty.RowsBetween(start, end);

    /// <summary>A spec partitioned by <paramref name="cols"/>.</summary>
    public static WindowSpec PartitionBy(params Column[] cols) => s_empty.PartitionBy(cols);

    /// <summary>A spec partitioned by the named columns.</summary>
    public static WindowSpec PartitionBy(params string[] cols) => s_empty.PartitionBy(cols);

    /// <summary>A spec over one partition (all rows) ordered by <paramref name="cols"/>.</summary>
    public static WindowSpec OrderBy(params Column[] cols) => s_empty.OrderBy(cols);

    /// <summary>A spec over one partition (all rows) ordered by the named columns.</summary>
    public static WindowSpec OrderBy(params string[] cols) => s_empty.OrderBy(cols);
}
