using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Analysis;

internal static partial class Analyzer
{
    /// <summary>
    /// Spark's MISSING_AGGREGATION check: outside aggregate functions, an aggregate list may only read
    /// grouping expressions (a grouped column, or a whole grouped expression such as <c>(a + 1)</c>).
    /// </summary>
    /// <summary>
    /// Sorting, grouping and DISTINCT by an array or struct column are Spark features this engine does not have
    /// yet: refused here, naming the operation and the type, rather than failing a task.
    /// </summary>
    private static void CheckKeyTypes(LogicalPlan node)
    {
        static void Require(Expression key, string operation)
        {
            if (key.DataType is Types.ArrayType or StructType)
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_FEATURE] {operation} by a value of type {key.DataType.SimpleString} (`{key}`) is not supported.");
            }
        }
        if (node is not Project && node.Expressions.Any(e => e.Descendants().Any(d => d is Explode)))
        {
            throw new AnalysisException($"[UNSUPPORTED_GENERATOR.OUTSIDE_SELECT] explode is only supported as a select item, not in '{node.NodeString}'.");
        }
        switch (node)
        {
            case Sort sort:
                foreach (var order in sort.Order) Require(order.Child, "ORDER BY");
                break;
            case Aggregate aggregate:
                foreach (var key in aggregate.GroupingExpressions) Require(key, "GROUP BY");
                break;
            case Distinct distinct:
                foreach (var column in distinct.Child.Output) Require(column, "DISTINCT");
                break;
        }
    }

    private static void CheckAggregate(Aggregate aggregate)
    {
        void Verify(Expression e)
        {
            if (e is not NamedAlias && e.IsAggregate)
            {
                return;
            }
            if (aggregate.GroupingExpressions.Any(g => PlanExpressions.SemanticEquals(g, e)))
            {
                return;
            }
            if (e is AttributeReference a)
            {
                throw new AnalysisException(
                    $"[MISSING_AGGREGATION] The non-aggregating expression `{a.Name}` is based on columns which are not participating in the GROUP BY clause. "
                    + $"Add the columns or the expression to the GROUP BY, aggregate the expression, or use `first({a.Name})` if you do not care which of the values within a group is returned.");
            }
            foreach (var child in e.Children)
            {
                Verify(child);
            }
        }
        foreach (var expression in aggregate.AggregateExpressions)
        {
            Verify(expression);
        }
    }

    /// <summary>
    /// Checks that every input of a union has as many columns as the first, and casts columns whose types
    /// differ to the wider type (numbers to the wider number, anything with a string to string), adding a
    /// Project over the inputs that need it.
    /// </summary>
    private static LogicalPlan WidenUnion(Union union)
    {
        var outputs = union.Children.Select(c => c.Output).ToList();
        int arity = outputs[0].Count;
        for (int i = 1; i < outputs.Count; i++)
        {
            if (outputs[i].Count != arity)
            {
                throw new AnalysisException(
                    $"[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has {arity} columns "
                    + $"and the {Ordinal(i + 1)} input has {outputs[i].Count} columns.");
            }
        }
        var types = new DataType[arity];
        for (int column = 0; column < arity; column++)
        {
            var type = outputs[0][column].DataType;
            for (int i = 1; i < outputs.Count; i++)
            {
                var other = outputs[i][column].DataType;
                type = WiderType(type, other) ?? throw new AnalysisException(
                    $"[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on inputs with compatible column types. The {Ordinal(column + 1)} column of the "
                    + $"{Ordinal(i + 1)} input is \"{other.SimpleString.ToUpperInvariant()}\" type which is not compatible with \"{type.SimpleString.ToUpperInvariant()}\" "
                    + "at the same column of the first input.");
            }
            types[column] = type;
        }
        var children = union.Children.Select((child, i) => outputs[i].Select((a, c) => a.DataType == types[c]).All(same => same)
            ? child
            : new Project([.. outputs[i].Select((a, c) => a.DataType == types[c] ? (Expression)a : new NamedAlias(TypeCoercion.CastTo(a, types[c]), a.Name, ExprId.New()))], child)).ToList();
        return children.SequenceEqual(union.Children) ? union : new Union(children);
    }

    private static DataType? WiderType(DataType left, DataType right)
    {
        if (left == right)
        {
            return left;
        }
        if (left is StringType && right is not NullType || right is StringType && left is not NullType)
        {
            return StringType.Instance;
        }
        return TypeCoercion.CommonType(left, right);
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => $"{n}th",
    };
}
