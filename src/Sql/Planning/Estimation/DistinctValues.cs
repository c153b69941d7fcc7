using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Estimation;

/// <summary>
/// An upper bound on the number of distinct values of a column of a plan's output, without column statistics: never
/// more than the plan's estimated rows, and for a column read from Parquet never more than its value range
/// (<c>max - min + 1</c> from the footers' min/max), which is what tells a foreign key to a small table (a nation key:
/// 25 values) from a key (as many values as rows). Join reordering divides by it to estimate join sizes.
/// </summary>
internal static class DistinctValues
{
    /// <summary>The bound for <paramref name="attribute"/> of <paramref name="plan"/>'s output.</summary>
    public static double Of(LogicalPlan plan, AttributeReference attribute)
    {
        double rows = Math.Max(1, plan.Stats.RowCount);
        return Math.Min(rows, AtSource(plan, attribute) ?? rows);
    }

    /// <summary>
    /// The bound for each side of a join key <c>left = right</c>: each side's own, and also, assuming the smaller
    /// relation's keys hold every value the other side has (a foreign key and its key), at most the rows of the
    /// relation the other column is read from before any filter. That is what a sparse key range (order keys spread
    /// over four times as many numbers as there are orders) cannot tell on its own.
    /// </summary>
    public static (double Left, double Right) OfKeyPair(LogicalPlan leftPlan, AttributeReference left, LogicalPlan rightPlan, AttributeReference right) =>
        (Math.Min(Of(leftPlan, left), BaseRows(rightPlan, right)), Math.Min(Of(rightPlan, right), BaseRows(leftPlan, left)));

    /// <summary>The unfiltered rows of the relation <paramref name="attribute"/> is read from (its scan's, or its source's).</summary>
    private static double BaseRows(LogicalPlan plan, AttributeReference attribute)
    {
        if (plan.Children.Count == 0)
        {
            return Math.Max(1, plan.Stats.RowCount);
        }
        var child = plan.Children.FirstOrDefault(c => c.Output.Any(a => a.ExprId == attribute.ExprId));
        return child is null ? Math.Max(1, plan.Stats.RowCount) : BaseRows(child, attribute);
    }

    /// <summary>Whether the bound for <paramref name="attribute"/> comes from a known value range, not only from row counts.</summary>
    public static bool HasRange(LogicalPlan plan, AttributeReference attribute) => Range(plan, attribute) is not null;

    private static double? Range(LogicalPlan plan, AttributeReference attribute)
    {
        if (plan is Scan scan)
        {
            return scan.Source.Format is not DataSourceFormat.Batches && scan.Output.Any(a => a.ExprId == attribute.ExprId)
                && FileStatistics.Of(scan.Source).IntegerRange(attribute.Name) is { } range
                ? (double)range.Max - range.Min + 1
                : null;
        }
        var child = plan.Children.FirstOrDefault(c => c.Output.Any(a => a.ExprId == attribute.ExprId));
        return child is null ? null : Range(child, attribute);
    }

    /// <summary>The bound where the column is read, following it down through the nodes that pass it on.</summary>
    private static double? AtSource(LogicalPlan plan, AttributeReference attribute)
    {
        if (plan is Scan scan)
        {
            if (scan.Source.Format is DataSourceFormat.Batches || !scan.Output.Any(a => a.ExprId == attribute.ExprId))
            {
                return null;
            }
            return FileStatistics.Of(scan.Source).IntegerRange(attribute.Name) is { } range
                ? (double)range.Max - range.Min + 1
                : null;
        }
        foreach (var child in plan.Children)
        {
            if (child.Output.Any(a => a.ExprId == attribute.ExprId))
            {
                double? below = AtSource(child, attribute);
                double childRows = Math.Max(1, child.Stats.RowCount);
                return below is { } bound ? Math.Min(bound, childRows) : childRows;
            }
        }
        return null;
    }
}
