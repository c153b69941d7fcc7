using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// Spark's window group limit: of each window partition (rows equal on <see cref="PartitionSpec"/>) keeps only
/// the rows whose <see cref="RankLikeFunction"/> (row_number, rank or dense_rank over <see cref="OrderSpec"/>)
/// would be at most <see cref="Limit"/>. The optimizer rule <c>InferWindowGroupLimit</c> places it below a
/// Window whose rank is filtered by that bound; the Window and the Filter stay above, so it only removes rows
/// that could never pass and the window computes the same ranks over far fewer rows. The output is the child's.
/// </summary>
internal sealed class WindowGroupLimit : LogicalPlan
{
    public WindowGroupLimit(IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec, WindowFunction rankLikeFunction, int limit, LogicalPlan child)
    {
        ArgumentNullException.ThrowIfNull(rankLikeFunction);
        if (!rankLikeFunction.IsRanking)
        {
            throw new ArgumentException($"'{rankLikeFunction}' is not row_number, rank or dense_rank.", nameof(rankLikeFunction));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        PartitionSpec = partitionSpec ?? throw new ArgumentNullException(nameof(partitionSpec));
        OrderSpec = orderSpec ?? throw new ArgumentNullException(nameof(orderSpec));
        RankLikeFunction = rankLikeFunction;
        Limit = limit;
        Child = child ?? throw new ArgumentNullException(nameof(child));
    }

    public IReadOnlyList<Expression> PartitionSpec { get; }

    public IReadOnlyList<SortOrder> OrderSpec { get; }

    /// <summary>row_number(), rank() or dense_rank(): which rows count towards the limit when order values tie.</summary>
    public WindowFunction RankLikeFunction { get; }

    /// <summary>The largest rank kept (at least 1).</summary>
    public int Limit { get; }

    public LogicalPlan Child { get; }

    public override IReadOnlyList<LogicalPlan> Children => [Child];

    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) =>
        new WindowGroupLimit(PartitionSpec, OrderSpec, RankLikeFunction, Limit, children[0]);

    public override IReadOnlyList<AttributeReference> Output => Child.Output;

    public override IReadOnlyList<Expression> Expressions => [.. PartitionSpec, .. OrderSpec];

    public override LogicalPlan MapExpressions(Func<Expression, Expression> map)
    {
        var partition = MapList(PartitionSpec, map);
        var order = MapList(OrderSpec, map);
        return ReferenceEquals(partition, PartitionSpec) && ReferenceEquals(order, OrderSpec)
            ? this
            : new WindowGroupLimit(partition, order, RankLikeFunction, Limit, Child);
    }

    public override string NodeString => $"WindowGroupLimit {List(PartitionSpec)}, {List(OrderSpec)}, {RankLikeFunction}, {Limit}";
}
