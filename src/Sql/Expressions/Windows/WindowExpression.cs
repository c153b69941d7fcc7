using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// <c>function OVER (PARTITION BY … ORDER BY …)</c>: a <see cref="WindowFunction"/> or an
/// <see cref="AggregateFunction"/> over a window. The analyzer moves it into a logical <c>Window</c> node; it is
/// never evaluated row-wise. Aggregates use Spark's default frame: with ORDER BY, RANGE BETWEEN UNBOUNDED
/// PRECEDING AND CURRENT ROW (the running value through the current row's peers); without, the whole partition.
/// </summary>
internal sealed class WindowExpression(Expression function, IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec, RowFrame? frame = null) : Expression
{
    /// <summary>An explicit ROWS frame for an aggregate; null for the default frame.</summary>
    public RowFrame? Frame { get; } = frame;

    public Expression Function { get; } = function ?? throw new ArgumentNullException(nameof(function));

    public IReadOnlyList<Expression> PartitionSpec { get; } = partitionSpec ?? throw new ArgumentNullException(nameof(partitionSpec));

    public IReadOnlyList<SortOrder> OrderSpec { get; } = orderSpec ?? throw new ArgumentNullException(nameof(orderSpec));

    public override IReadOnlyList<Expression> Children => [Function, .. PartitionSpec, .. OrderSpec];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new WindowExpression(
        children[0],
        [.. children.Skip(1).Take(PartitionSpec.Count)],
        [.. children.Skip(1 + PartitionSpec.Count).Cast<SortOrder>()],
        Frame);

    public override DataType DataType => Function.DataType;

    public override bool Nullable => Function.Nullable;

    public override string ToString()
    {
        var parts = new List<string>();
        if (PartitionSpec.Count > 0) parts.Add($"PARTITION BY {string.Join(", ", PartitionSpec)}");
        if (OrderSpec.Count > 0) parts.Add($"ORDER BY {string.Join(", ", OrderSpec)}");
        if (Frame is { } frame) parts.Add(frame.ToString());
        return $"{Function} OVER ({string.Join(" ", parts)})";
    }
}

/// <summary>
/// <c>ROWS BETWEEN start AND end</c>: offsets from the current row (negative before, 0 the current row, positive
/// after); <see cref="long.MinValue"/> is UNBOUNDED PRECEDING and <see cref="long.MaxValue"/> UNBOUNDED FOLLOWING.
/// </summary>
internal readonly record struct RowFrame(long Start, long End)
{
    public override string ToString() => $"ROWS BETWEEN {Bound(Start)} AND {Bound(End)}";

    private static string Bound(long offset) => offset switch
    {
        long.MinValue => "UNBOUNDED PRECEDING",
        long.MaxValue => "UNBOUNDED FOLLOWING",
        0 => "CURRENT ROW",
        < 0 => $"{-offset} PRECEDING",
        _ => $"{offset} FOLLOWING",
    };
}
