using Rdd.Sql.Expressions;

namespace Rdd.Sql;

/// <summary>The rows of a <see cref="DataFrame"/> grouped by key columns, waiting for an aggregation (Spark's <c>GroupedData</c>).</summary>
public sealed class GroupedData
{
    private readonly DataFrame _frame;
    private readonly IReadOnlyList<Expression> _grouping;

    internal GroupedData(DataFrame frame, IReadOnlyList<Expression> grouping)
    {
        _frame = frame;
        _grouping = grouping;
    }

    /// <summary>One row per group: the key columns followed by <paramref name="aggs"/> (<c>Sum("x")</c>, <c>Count("*")</c>, …).</summary>
    public DataFrame Agg(params Column[] aggs)
    {
        ArgumentNullException.ThrowIfNull(aggs);
        return _frame.Aggregate(_grouping, [.. _grouping, .. aggs.Select(a => a.Expression)]);
    }

    /// <summary>The number of rows of each group, in a column <c>count</c>.</summary>
    public DataFrame Count() => Agg(Functions.Count(Functions.Lit(1)).As("count"));

    /// <summary>The sum of each of <paramref name="cols"/> per group, in columns <c>sum(c)</c>.</summary>
    public DataFrame Sum(params string[] cols) => Agg([.. cols.Select(Functions.Sum)]);

    /// <summary>The average of each of <paramref name="cols"/> per group, in columns <c>avg(c)</c>.</summary>
    public DataFrame Avg(params string[] cols) => Agg([.. cols.Select(Functions.Avg)]);
}
