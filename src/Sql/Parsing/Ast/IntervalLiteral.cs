using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Parsing.Ast;

/// <summary>
/// <c>INTERVAL …</c> as parsed: months, days and microseconds (Spark's calendar interval). The parser folds it into
/// the date arithmetic around it (<c>d - INTERVAL '90' DAY</c> becomes an <see cref="IntervalShift"/>); an interval
/// anywhere else fails analysis, since this engine has no interval column type.
/// </summary>
internal sealed class IntervalLiteral(int months, int days, long micros, TextPosition position) : Expression
{
    public int Months { get; } = months;

    public int Days { get; } = days;

    public long Micros { get; } = micros;

    public override IReadOnlyList<Expression> Children => [];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => this;

    public override DataType DataType => NullType.Instance;

    /// <summary><paramref name="target"/> shifted by this interval (or by its negation).</summary>
    public Expression AddTo(Expression target, bool negate) => negate
        ? new IntervalShift(target, checked(-Months), checked(-Days), checked(-Micros))
        : new IntervalShift(target, Months, Days, Micros);

    protected internal override Expression ResolveNode(StructType input) =>
        throw new AnalysisException(
            $"[UNSUPPORTED_FEATURE] An interval is supported only added to or subtracted from a date or timestamp: {this} at line {position.Line}, column {position.Column}.");

    public override string ToString() => $"INTERVAL {Months} MONTHS {Days} DAYS {Micros} MICROSECONDS";
}
