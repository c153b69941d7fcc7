using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// A join's residual condition, tested on candidate pairs. It is rebound to the few joined columns it reads, so
/// the pairs gather only those columns (a semi join of millions of pairs on <c>a.x &lt;&gt; b.y</c> gathers two
/// columns, not every column of both sides), and the joins gather their output columns once, for the pairs that pass.
/// </summary>
internal sealed class JoinCondition
{
    private readonly int[] _columns;
    private readonly int _leftColumnCount;
    private readonly Schema _schema;

    /// <param name="condition">The condition bound to <paramref name="joined"/>: the left columns then the right columns.</param>
    /// <param name="joined">The joined schema.</param>
    /// <param name="leftColumnCount">How many of <paramref name="joined"/>'s columns come from the left side.</param>
    public JoinCondition(Expression condition, StructType joined, int leftColumnCount)
    {
        Bound = condition;
        _columns = [.. condition.Descendants().OfType<BoundReference>().Select(r => r.Ordinal).Distinct().Order()];
        _leftColumnCount = leftColumnCount;
        var position = _columns.Select((ordinal, i) => (ordinal, i)).ToDictionary(p => p.ordinal, p => p.i);
        Compact = condition.TransformUp(e => e is BoundReference r ? new BoundReference(position[r.Ordinal], r.Name, r.DataType, r.Nullable) : e);
        _schema = ArrowTypeMapping.ToArrowSchema(new StructType(_columns.Select(c => joined[c])));
    }

    /// <summary>The condition over the joined schema (for EXPLAIN).</summary>
    public Expression Bound { get; }

    /// <summary>The condition over the columns it reads, in joined order.</summary>
    private Expression Compact { get; }

    /// <summary>
    /// The positions of the pairs (<paramref name="leftRows"/>[i], <paramref name="rightRows"/>[i]) for which the
    /// condition is TRUE (NULL fails), ascending; null when every pair passes. Both row lists hold real rows (no -1).
    /// </summary>
    public int[]? Select(RecordBatch left, RecordBatch right, ReadOnlySpan<int> leftRows, ReadOnlySpan<int> rightRows)
    {
        var columns = new ArrowArray[_columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            int c = _columns[i];
            columns[i] = c < _leftColumnCount ? TakeKernel.Take(left.Columns[c], leftRows) : TakeKernel.Take(right.Columns[c - _leftColumnCount], rightRows);
        }
        return FilterKernel.Select((BooleanArray)Compact.Evaluate(new RecordBatch(_schema, columns, leftRows.Length)));
    }

    public override string ToString() => Bound.ToString()!;
}
