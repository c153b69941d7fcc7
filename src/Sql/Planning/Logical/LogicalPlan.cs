using System.Text;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Estimation;

namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// A node of an immutable logical plan: what a <c>DataFrame</c> holds, what the analyzer resolves and what
/// optimizer rules rewrite. A resolved node exposes its <see cref="Output"/> as attributes (each with a unique
/// <see cref="ExprId"/> and an optional qualifier), so same-named columns of a join stay distinct.
/// </summary>
internal abstract class LogicalPlan
{
    /// <summary>The inputs, in the order <see cref="WithChildren"/> takes back.</summary>
    public abstract IReadOnlyList<LogicalPlan> Children { get; }

    /// <summary>The same node over new children (same count and order as <see cref="Children"/>).</summary>
    public abstract LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children);

    /// <summary>The columns this node produces; only meaningful when <see cref="Resolved"/>.</summary>
    public abstract IReadOnlyList<AttributeReference> Output { get; }

    /// <summary>The expressions this node holds (not its children's), in the order <see cref="MapExpressions"/> visits them.</summary>
    public virtual IReadOnlyList<Expression> Expressions => [];

    /// <summary>This node with <paramref name="map"/> applied to each of its own expressions; this instance when none changed.</summary>
    public virtual LogicalPlan MapExpressions(Func<Expression, Expression> map) => this;

    /// <summary>Whether every name in this node and below is resolved.</summary>
    public virtual bool Resolved => Expressions.All(e => e.Resolved) && Children.All(c => c.Resolved);

    /// <summary>The output as a schema: names, types, nullability (qualifiers are not part of it).</summary>
    public StructType Schema => new(Output.Select(a => new StructField(a.Name, a.DataType, a.Nullable)));

    /// <summary>The attributes this node's own expressions read.</summary>
    public IReadOnlyList<AttributeReference> References => PlanExpressions.References(Expressions);

    /// <summary>The children's output, concatenated: what this node's expressions are resolved against.</summary>
    public IReadOnlyList<AttributeReference> ChildOutput => [.. Children.SelectMany(c => c.Output)];

    private Statistics? _stats;

    /// <summary>
    /// This node's estimated size (<see cref="StatisticsEstimator"/>), computed on first use and kept: nodes are
    /// immutable, and estimating a plan visits each node once however often its parents ask. Only resolved plans have it.
    /// </summary>
    public Statistics Stats => _stats ??= StatisticsEstimator.Estimate(this);

    /// <summary>The one-line description of this node for <see cref="TreeString"/>: <c>Filter (a &gt; 1)</c>.</summary>
    public abstract string NodeString { get; }

    /// <summary>Rewrites children first, then this node; returns the same instance when nothing changed.</summary>
    public LogicalPlan TransformUp(Func<LogicalPlan, LogicalPlan> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(MapChildren(c => c.TransformUp(rule)));
    }

    /// <summary>Rewrites this node first, then the children of the result; returns the same instance when nothing changed.</summary>
    public LogicalPlan TransformDown(Func<LogicalPlan, LogicalPlan> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(this).MapChildren(c => c.TransformDown(rule));
    }

    /// <summary>Applies <paramref name="rule"/> bottom-up to every expression of every node.</summary>
    public LogicalPlan TransformAllExpressions(Func<Expression, Expression> rule) =>
        TransformUp(node => node.MapExpressions(e => e.TransformUp(rule)));

    /// <summary>Applies <paramref name="map"/> to each child; this instance when every child comes back unchanged.</summary>
    public LogicalPlan MapChildren(Func<LogicalPlan, LogicalPlan> map)
    {
        var children = Children;
        LogicalPlan[]? changed = null;
        for (int i = 0; i < children.Count; i++)
        {
            var child = map(children[i]);
            if (!ReferenceEquals(child, children[i]))
            {
                changed ??= [.. children];
                changed[i] = child;
            }
        }
        return changed is null ? this : WithChildren(changed);
    }

    /// <summary>Every node of the plan, this one first (pre-order).</summary>
    public IEnumerable<LogicalPlan> Descendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.Descendants())
            {
                yield return node;
            }
        }
    }

    /// <summary>
    /// The plan as indented text, as Spark's explain prints it: the last child under <c>+- </c>, earlier ones
    /// under <c>:- </c>, each line ending in a newline.
    /// </summary>
    public string TreeString()
    {
        var text = new StringBuilder();
        Append(text, "", "");
        return text.ToString();
    }

    private void Append(StringBuilder text, string firstPrefix, string restPrefix)
    {
        text.Append(firstPrefix).Append(NodeString).Append('\n');
        var children = Children;
        for (int i = 0; i < children.Count; i++)
        {
            bool last = i == children.Count - 1;
            children[i].Append(text, restPrefix + (last ? "+- " : ":- "), restPrefix + (last ? "   " : ":  "));
        }
    }

    public override string ToString() => TreeString();

    /// <summary>Formats a list as Spark does in plan text: <c>[a, b]</c>.</summary>
    protected static string List(IEnumerable<object> items) => $"[{string.Join(", ", items)}]";

    /// <summary>Maps every expression of a list; the same list when none changed.</summary>
    protected static IReadOnlyList<T> MapList<T>(IReadOnlyList<T> list, Func<Expression, Expression> map)
        where T : Expression
    {
        T[]? changed = null;
        for (int i = 0; i < list.Count; i++)
        {
            var mapped = (T)map(list[i]);
            if (!ReferenceEquals(mapped, list[i]))
            {
                changed ??= [.. list];
                changed[i] = mapped;
            }
        }
        return changed ?? list;
    }
}
