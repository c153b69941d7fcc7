using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Expressions;

/// <summary>
/// The value of a scalar subquery that is not a global aggregate, computed as (value, row count) per outer key:
/// the value where the subquery had at most one row; where it had more, the query fails as Spark's does when it
/// runs ([SCALAR_SUBQUERY_TOO_MANY_ROWS]), naming the subquery by its position in the text.
/// </summary>
internal sealed class ScalarSubqueryValue(Expression value, Expression rows, string subquery) : Expression
{
    public Expression Value { get; } = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The subquery's row count (bigint) for the row's key.</summary>
    public Expression Rows { get; } = rows ?? throw new ArgumentNullException(nameof(rows));

    /// <summary>Where the subquery is (<c>line 1 pos 20</c>), for the error.</summary>
    public string Subquery { get; } = subquery ?? throw new ArgumentNullException(nameof(subquery));

    public override IReadOnlyList<Expression> Children => [Value, Rows];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new ScalarSubqueryValue(children[0], children[1], Subquery);

    public override DataType DataType => Value.DataType;

    public override bool Nullable => true;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        if (Rows.Evaluate(batch) is not Int64Array rows)
        {
            throw new InvalidOperationException($"The row count of the scalar subquery at {Subquery} is not a bigint column.");
        }
        var counts = rows.Values;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 1 && rows.IsValid(i))
            {
                throw new InvalidOperationException(
                    $"[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression: the subquery at {Subquery} returned {counts[i]} rows.");
            }
        }
        return Value.Evaluate(batch);
    }

    public override string ToString() => $"scalarsubquery({Value})";
}
