using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>The aggregate functions the API offers.</summary>
internal enum AggregateKind
{
    Count,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
    StddevSamp,
    First,
    Last,
    Median,
    Corr,

    /// <summary><c>percentile(x, p)</c>: exact, interpolated; p is the literal second child.</summary>
    Percentile,

    /// <summary><c>percentile_approx(x, p)</c>: an input value of rank ceil(p·n); p is the literal second child.</summary>
    PercentileApprox,

    /// <summary><c>collect_list(x)</c>: the non-NULL values as an array.</summary>
    CollectList,

    /// <summary><c>collect_set(x)</c>: the distinct non-NULL values as an array.</summary>
    CollectSet,
}

/// <summary>
/// An aggregate call such as <c>sum(x)</c>. It only describes the aggregation (name, argument, result type);
/// the aggregate operator computes it over groups, so <see cref="Expression.Evaluate"/> is not supported.
/// <c>count(*)</c> is <see cref="AggregateKind.Count"/> over the literal 1.
/// </summary>
internal sealed class AggregateFunction(AggregateKind kind, Expression child, Expression? second = null) : Expression
{
    public AggregateKind Kind { get; } = kind;

    public Expression Child { get; } = child ?? throw new ArgumentNullException(nameof(child));

    /// <summary>The second argument of a two-argument aggregate (<c>corr(x, y)</c>); null otherwise.</summary>
    public Expression? Second { get; } = second;

    public override IReadOnlyList<Expression> Children => Second is null ? [Child] : [Child, Second];

    public override Expression WithChildren(IReadOnlyList<Expression> children) =>
        new AggregateFunction(Kind, children[0], children.Count > 1 ? children[1] : null);

    public override bool IsAggregate => true;

    /// <summary>
    /// Spark's result types: counts are bigint, sums of integers bigint, averages and deviations double; the sum of
    /// a decimal(p,s) is decimal(p+10,s) and its average decimal(p+4,s+4), capped at 38 digits.
    /// </summary>
    public override DataType DataType => Kind switch
    {
        AggregateKind.Count or AggregateKind.CountDistinct => LongType.Instance,
        AggregateKind.Sum when Child.DataType is DecimalType d => DecimalValues.Bounded(d.Precision + 10, d.Scale),
        AggregateKind.Avg when Child.DataType is DecimalType d => DecimalValues.Bounded(d.Precision + 4, d.Scale + 4),
        AggregateKind.Sum => Child.DataType is ByteType or ShortType or IntegerType or LongType ? LongType.Instance : DoubleType.Instance,
        AggregateKind.Avg or AggregateKind.StddevSamp or AggregateKind.Median or AggregateKind.Corr or AggregateKind.Percentile or AggregateKind.PercentileApprox => DoubleType.Instance,
        AggregateKind.CollectList or AggregateKind.CollectSet => new ArrayType(Child.DataType, containsNull: false),
        _ => Child.DataType,
    };

    public override bool Nullable => Kind is not (AggregateKind.Count or AggregateKind.CountDistinct or AggregateKind.CollectList or AggregateKind.CollectSet);

    protected internal override Expression ResolveNode(StructType input) =>
        Kind is AggregateKind.Percentile or AggregateKind.PercentileApprox
            ? (Child.DataType is DoubleType ? this : new AggregateFunction(Kind, ToDouble(Child), Second))
        : Kind is AggregateKind.Median or AggregateKind.Corr
            ? (Child.DataType is DoubleType && (Second is null || Second.DataType is DoubleType)
                ? this
                : new AggregateFunction(Kind, ToDouble(Child), Second is null ? null : ToDouble(Second)))
        : Kind is AggregateKind.Sum or AggregateKind.Avg && Child.DataType is DecimalType ? this
        : Kind is AggregateKind.StddevSamp && Child.DataType is DecimalType ? new AggregateFunction(Kind, ToDouble(Child))
        : Kind is AggregateKind.Sum or AggregateKind.Avg or AggregateKind.StddevSamp && !TypeCoercion.IsNumeric(Child.DataType)
            ? (Child.DataType is StringType or NullType
                ? new AggregateFunction(Kind, TypeCoercion.CastTo(Child, DoubleType.Instance))
                : throw TypeCoercion.Mismatch(this, $"{Kind.ToString().ToLowerInvariant()} needs numbers, not {Child.DataType}"))
            : this;

    private Expression ToDouble(Expression argument) =>
        argument.DataType is DoubleType ? argument
        : TypeCoercion.IsNumeric(argument.DataType) || argument.DataType is DecimalType || argument.DataType is StringType or NullType ? TypeCoercion.CastTo(argument, DoubleType.Instance)
        : throw TypeCoercion.Mismatch(this, $"{Kind.ToString().ToLowerInvariant()} needs numbers, not {argument.DataType}");

    public override string ToString() => Kind switch
    {
        AggregateKind.Corr => $"corr({Child}, {Second})",
        AggregateKind.CountDistinct => $"count(DISTINCT {Child})",
        AggregateKind.StddevSamp => $"stddev_samp({Child})",
        AggregateKind.Percentile => $"percentile({Child}, {Second})",
        AggregateKind.PercentileApprox => $"percentile_approx({Child}, {Second})",
        AggregateKind.CollectList => $"collect_list({Child})",
        AggregateKind.CollectSet => $"collect_set({Child})",
        _ => $"{Kind.ToString().ToLowerInvariant()}({Child})",
    };
}
