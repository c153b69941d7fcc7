using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Estimation;

/// <summary>
/// The fraction of rows a predicate is assumed to keep, without column statistics: fixed guesses per predicate shape
/// (the classic System R defaults: a tenth for an equality, a third for a range), combined as if conjuncts were
/// independent. Good enough to rank a filtered dimension table below an unfiltered one.
/// </summary>
internal static class FilterSelectivity
{
    private const double Equality = 0.1;
    private const double Range = 1.0 / 3;
    private const double Pattern = 0.25;
    private const double NullTest = 0.1;
    private const double Unknown = 0.5;

    public static double Of(Expression predicate) => Math.Clamp(Estimate(predicate), 0, 1);

    private static double Estimate(Expression predicate) => predicate switch
    {
        Literal { Value: bool value } => value ? 1 : 0,
        Literal { Value: null } => 0,
        BinaryLogical { IsAnd: true } and => Of(and.Left) * Of(and.Right),
        BinaryLogical or => Of(or.Left) + Of(or.Right) - Of(or.Left) * Of(or.Right),
        Not not => 1 - Of(not.Child),
        Comparison { Operator: ComparisonOperator.Equal } => Equality,
        Comparison { Operator: ComparisonOperator.NotEqual } => 1 - Equality,
        Comparison => Range,
        In @in => Math.Min(1, @in.List.Count * Equality),
        Like => Pattern,
        IsNull { Negated: false } => NullTest,
        IsNull => 1 - NullTest,
        _ => Unknown,
    };
}
