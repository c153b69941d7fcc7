using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Decides from a row group's column statistics (<see cref="ColumnRange"/>) whether a pushed filter may hold for
/// any of its rows (Spark's Parquet filter pushdown into row groups). Understood: <c>col op literal</c> (either
/// side; =, !=, &lt;, &lt;=, &gt;, &gt;=), <c>IN</c> lists of literals, <c>IS [NOT] NULL</c>, AND, OR; anything
/// else may match. A "no" only skips the row group: the filter is still evaluated on every row read.
/// </summary>
internal static class RowGroupPruning
{
    /// <param name="filter">A boolean predicate bound to the source schema (column ordinals).</param>
    /// <param name="rangeOf">The statistics of a source column in the row group, or null when there are none.</param>
    public static bool MightMatch(Expression filter, Func<int, ColumnRange?> rangeOf) => filter switch
    {
        BinaryLogical { IsAnd: true } and => MightMatch(and.Left, rangeOf) && MightMatch(and.Right, rangeOf),
        BinaryLogical or => MightMatch(or.Left, rangeOf) || MightMatch(or.Right, rangeOf),
        Comparison { Left: BoundReference column, Right: Literal literal } c => Compare(c.Operator, column, literal, rangeOf),
        Comparison { Left: Literal literal, Right: BoundReference column } c => Compare(Flip(c.Operator), column, literal, rangeOf),
        In { Value: BoundReference column } @in when @in.List.All(i => i is Literal) =>
            @in.List.Any(i => Compare(ComparisonOperator.Equal, column, (Literal)i, rangeOf)),
        IsNull { Child: BoundReference column } isNull => rangeOf(column.Ordinal) is not { } range || range.NullCount is not { } nulls
            || (isNull.Negated ? nulls < range.Rows : nulls > 0),
        Literal { Value: bool value } => value,
        Literal { Value: null } => false,
        _ => true,
    };

    private static bool Compare(ComparisonOperator op, BoundReference column, Literal literal, Func<int, ColumnRange?> rangeOf)
    {
        if (literal.Value is null)
        {
            // A comparison with NULL is NULL for every row: it never holds.
            return false;
        }
        if (literal.DataType != column.DataType || rangeOf(column.Ordinal) is not { Min: { } min, Max: { } max } range)
        {
            return true;
        }
        if (ColumnRange.Domain(literal.Value, column.DataType) is not { } value || value is double.NaN)
        {
            return true;
        }
        // Spark orders NaN above every number, and writers leave NaN out of the statistics: for float and double
        // a row group may hold rows above its max.
        bool above = !range.MayHoldNaN;
        int againstMin = ColumnRange.Compare(value, min);
        int againstMax = ColumnRange.Compare(value, max);
        return op switch
        {
            ComparisonOperator.Equal => againstMin >= 0 && againstMax <= 0,
            ComparisonOperator.NotEqual => !(againstMin == 0 && againstMax == 0 && above),
            ComparisonOperator.LessThan => againstMin > 0,
            ComparisonOperator.LessThanOrEqual => againstMin >= 0,
            ComparisonOperator.GreaterThan => !above || againstMax < 0,
            _ => !above || againstMax <= 0,
        };
    }

    private static ComparisonOperator Flip(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => op,
    };
}
