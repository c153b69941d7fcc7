namespace Rdd.Sql.Planning.Estimation;

/// <summary>
/// A logical plan node's estimated size, as Spark's <c>Statistics(sizeInBytes, rowCount)</c>: what the planner
/// compares with <c>spark.sql.autoBroadcastJoinThreshold</c> and what join reordering ranks relations by. Doubles,
/// not longs, so that the estimate of a cross join of big inputs saturates instead of overflowing.
/// </summary>
/// <param name="SizeInBytes">The estimated in-memory size of the node's output.</param>
/// <param name="RowCount">The estimated number of output rows.</param>
/// <param name="IsExact">Whether both figures are known exactly (local and computed in-memory relations).</param>
internal sealed record Statistics(double SizeInBytes, double RowCount, bool IsExact = false)
{
    /// <summary>What a node of unknown size reports (an Rdd turned into a frame): too big to broadcast, as Spark's default.</summary>
    public static Statistics Unknown { get; } = new(8e18, 1e12);

    public override string ToString() =>
        $"sizeInBytes={Format(SizeInBytes)}, rowCount={RowCount:0}{(IsExact ? "" : " (estimated)")}";

    private static string Format(double bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / (1L << 10):0.0} KiB",
        _ => $"{bytes:0} B",
    };
}
