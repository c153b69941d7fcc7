using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The ranking and offset functions that only exist over a window.</summary>
internal enum WindowFunctionKind
{
    RowNumber,
    Rank,
    DenseRank,
    Lag,
    Lead,

    /// <summary><c>percent_rank()</c>: (rank - 1) / (rows in the window partition - 1), 0 for one row.</summary>
    PercentRank,

    /// <summary><c>cume_dist()</c>: rows up to and including the current row's peers / rows in the partition.</summary>
    CumeDist,

    /// <summary><c>ntile(n)</c>: the bucket 1..n of the row, earlier buckets one row larger when rows do not divide evenly.</summary>
    Ntile,

    /// <summary><c>nth_value(x, n)</c>: x at the n-th row of the frame, NULL when the frame is shorter.</summary>
    NthValue,
}

/// <summary>
/// <c>row_number()</c>, <c>rank()</c>, <c>dense_rank()</c>, <c>percent_rank()</c>, <c>cume_dist()</c>, <c>ntile(n)</c>,
/// <c>lag(x, n, default)</c>, <c>lead(x, n, default)</c> or <c>nth_value(x, n)</c>. Like an aggregate it only
/// describes the computation: the window operator evaluates it per window partition. Ranking functions have no
/// children; lag/lead have the input and the default (a NULL literal when not given); nth_value has the input.
/// </summary>
internal sealed class WindowFunction : Expression
{
    public WindowFunction(WindowFunctionKind kind, Expression? input = null, int offset = 1, Expression? defaultValue = null)
    {
        Kind = kind;
        if (kind is WindowFunctionKind.Lag or WindowFunctionKind.Lead)
        {
            Input = input ?? throw new ArgumentNullException(nameof(input));
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            Default = defaultValue ?? Literal.Create(null);
        }
        else if (kind == WindowFunctionKind.NthValue)
        {
            Input = input ?? throw new ArgumentNullException(nameof(input));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(offset);
        }
        else if (kind == WindowFunctionKind.Ntile)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(offset);
        }
        Offset = offset;
    }

    public WindowFunctionKind Kind { get; }

    /// <summary>The lag/lead input; null for ranking functions.</summary>
    public Expression? Input { get; }

    /// <summary>The lag/lead distance in rows, the ntile bucket count, or the nth_value row (1-based).</summary>
    public int Offset { get; }

    /// <summary>The lag/lead value when the offset row is outside the window partition.</summary>
    public Expression? Default { get; }

    public bool IsRanking => Kind is WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank;

    public override IReadOnlyList<Expression> Children => Input is null ? [] : Default is null ? [Input] : [Input, Default];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        children.Count == 0 ? this : new WindowFunction(Kind, children[0], Offset, children.Count > 1 ? children[1] : null);

    public override DataType DataType => Kind switch
    {
        WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist => DoubleType.Instance,
        _ when Input is null => IntegerType.Instance,
        _ => Input.DataType,
    };

    public override bool Nullable => Input is not null;

    protected internal override Expression ResolveNode(StructType input) =>
        Input is not null && Default is not null && Default.DataType != Input.DataType && Input.DataType is not NullType
            ? new WindowFunction(Kind, Input, Offset, TypeCoercion.CastTo(Default, Input.DataType))
            : this;

    public override string ToString() => Kind switch
    {
        WindowFunctionKind.RowNumber => "row_number()",
        WindowFunctionKind.Rank => "rank()",
        WindowFunctionKind.DenseRank => "dense_rank()",
        WindowFunctionKind.PercentRank => "percent_rank()",
        WindowFunctionKind.CumeDist => "cume_dist()",
        WindowFunctionKind.Ntile => $"ntile({Offset})",
        WindowFunctionKind.NthValue => $"nth_value({Input}, {Offset})",
        _ => $"{Kind.ToString().ToLowerInvariant()}({Input}, {Offset}, {Default})",
    };
}
