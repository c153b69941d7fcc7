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
}

/// <summary>
/// <c>row_number()</c>, <c>rank()</c>, <c>dense_rank()</c>, <c>lag(x, n, default)</c> or <c>lead(x, n, default)</c>.
/// Like an aggregate it only describes the computation: the window operator evaluates it per window partition.
/// Ranking functions have no children; lag/lead have the input and the default (a NULL literal when not given).
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
        Offset = offset;
    }

    public WindowFunctionKind Kind { get; }

    /// <summary>The lag/lead input; null for ranking functions.</summary>
    public Expression? Input { get; }

    /// <summary>The lag/lead distance in rows.</summary>
    public int Offset { get; }

    /// <summary>The lag/lead value when the offset row is outside the window partition.</summary>
    public Expression? Default { get; }

    public bool IsRanking => Kind is WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank;

    public override IReadOnlyList<Expression> Children => Input is null ? [] : [Input, Default!];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        children.Count == 0 ? this : new WindowFunction(Kind, children[0], Offset, children[1]);

    public override DataType DataType => IsRanking ? IntegerType.Instance : Input!.DataType;

    public override bool Nullable => !IsRanking;

    protected internal override Expression ResolveNode(StructType input) =>
        Input is not null && Default is not null && Default.DataType != Input.DataType && Input.DataType is not NullType
            ? new WindowFunction(Kind, Input, Offset, TypeCoercion.CastTo(Default, Input.DataType))
            : this;

    public override string ToString() => Kind switch
    {
        WindowFunctionKind.RowNumber => "row_number()",
        WindowFunctionKind.Rank => "rank()",
        WindowFunctionKind.DenseRank => "dense_rank()",
        _ => $"{Kind.ToString().ToLowerInvariant()}({Input}, {Offset}, {Default})",
    };
}
