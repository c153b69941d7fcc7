using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Analysis;

using Window = Rdd.Sql.Planning.Logical.Window;

internal static partial class Analyzer
{
    /// <summary>Whether a select item holds a window expression, or a window function missing its OVER (an error ExtractWindows reports).</summary>
    private static bool ContainsWindow(Expression expression) =>
        expression is WindowExpression or WindowFunction || expression.Descendants().Any(d => d is WindowExpression or WindowFunction);

    /// <summary>
    /// A resolved select list with window expressions (<c>rank() OVER (…)</c>): each window expression is named and
    /// computed by a <see cref="Window"/> node (one per distinct partition/order spec, stacked) under a Project that
    /// reads its output attribute, as Spark's ExtractWindowExpressions does.
    /// </summary>
    private static LogicalPlan ExtractWindows(IReadOnlyList<Expression> list, LogicalPlan child)
    {
        var groups = new List<(WindowExpression Spec, List<Expression> Expressions)>();

        AttributeReference Add(NamedAlias named)
        {
            var window = (WindowExpression)named.Child;
            if (window.Function is not (AggregateFunction or WindowFunction))
            {
                throw new AnalysisException($"[UNSUPPORTED_WINDOW] '{window.Function}' cannot be computed over a window.");
            }
            var group = groups.FindIndex(g => SameSpec(g.Spec, window));
            if (group < 0)
            {
                groups.Add((window, []));
                group = groups.Count - 1;
            }
            groups[group].Expressions.Add(named);
            return PlanExpressions.ToAttribute(named);
        }

        var projectList = list.Select(item => item switch
        {
            NamedAlias { Child: WindowExpression } named => Add(named),
            _ => item.TransformDown(e => e is WindowExpression w ? Add(new NamedAlias(w, w.ToString(), ExprId.New())) : e),
        }).ToList();
        foreach (var item in projectList)
        {
            if (item.IsAggregate || item.Descendants().Any(d => d.IsAggregate || d is WindowFunction))
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_WINDOW] '{item}' mixes window functions with a plain aggregate or uses a window function without OVER; compute the aggregate first.");
            }
        }
        var plan = child;
        foreach (var (spec, expressions) in groups)
        {
            plan = new Window(expressions, spec.PartitionSpec, spec.OrderSpec, plan);
        }
        return new Project(projectList, plan);
    }

    private static bool SameSpec(WindowExpression a, WindowExpression b) =>
        a.PartitionSpec.Count == b.PartitionSpec.Count && a.OrderSpec.Count == b.OrderSpec.Count
        && a.PartitionSpec.Zip(b.PartitionSpec).All(p => PlanExpressions.SemanticEquals(p.First, p.Second))
        && a.OrderSpec.Zip(b.OrderSpec).All(p => PlanExpressions.SemanticEquals(p.First, p.Second));
}
