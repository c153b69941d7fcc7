using Apache.Arrow;

namespace Rdd.Sql.Expressions;

/// <summary>
/// A node of an immutable expression tree: what <see cref="Column"/> wraps, what the logical plan holds and
/// what optimizer rules rewrite. An expression starts unresolved (column names); <see cref="Bind"/> resolves
/// names against a schema and applies Spark's implicit casts, giving a tree with a <see cref="DataType"/> that
/// <see cref="Evaluate"/> can run a batch at a time.
/// </summary>
internal abstract class Expression
{
    /// <summary>The direct children, in a fixed order that <see cref="WithChildren"/> takes back.</summary>
    public abstract IReadOnlyList<Expression> Children { get; }

    /// <summary>The same node over new children (same count and order as <see cref="Children"/>).</summary>
    public abstract Expression WithChildren(IReadOnlyList<Expression> children);

    /// <summary>Whether names are resolved and types known (true after <see cref="Bind"/>).</summary>
    public virtual bool Resolved => Children.All(c => c.Resolved);

    /// <summary>The result type; only meaningful when <see cref="Resolved"/>.</summary>
    public abstract DataType DataType { get; }

    /// <summary>Whether the result may be null.</summary>
    public virtual bool Nullable => Children.Any(c => c.Nullable);

    /// <summary>True for aggregate functions, which the aggregate operator evaluates.</summary>
    public virtual bool IsAggregate => false;

    /// <summary>
    /// Resolves every column reference against <paramref name="input"/> and inserts implicit casts.
    /// </summary>
    /// <exception cref="AnalysisException">An unknown column or incompatible types.</exception>
    public Expression Bind(Rdd.Sql.StructType input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TransformUp(e => e.ResolveNode(input));
    }

    /// <summary>
    /// This node's own resolution step, called bottom-up by <see cref="Bind"/> once its children are bound:
    /// column references look themselves up, operators coerce their operands' types.
    /// </summary>
    protected internal virtual Expression ResolveNode(Rdd.Sql.StructType input) => this;

    /// <summary>The value of this expression for every row of <paramref name="batch"/>: an array of its length.</summary>
    public virtual ArrowArray Evaluate(RecordBatch batch) =>
        throw new NotSupportedException($"{GetType().Name} '{this}' cannot be evaluated row-wise{(Resolved ? "" : " before it is bound")}.");

    /// <summary>Rewrites children first, then this node; returns the same instance when nothing changed.</summary>
    public Expression TransformUp(Func<Expression, Expression> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(MapChildren(c => c.TransformUp(rule)));
    }

    /// <summary>Rewrites this node first, then the children of the result; returns the same instance when nothing changed.</summary>
    public Expression TransformDown(Func<Expression, Expression> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule(this).MapChildren(c => c.TransformDown(rule));
    }

    /// <summary>Applies <paramref name="map"/> to each child; this instance when every child comes back unchanged.</summary>
    public Expression MapChildren(Func<Expression, Expression> map)
    {
        var children = Children;
        if (children.Count == 0)
        {
            return this;
        }
        Expression[]? changed = null;
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

    /// <summary>Every node of the tree, this one first (pre-order).</summary>
    public IEnumerable<Expression> Descendants()
    {
        var stack = new Stack<Expression>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    /// <summary>Spark's SQL-like text, used for default column names: <c>(a + 1)</c>, <c>upper(name)</c>.</summary>
    public abstract override string ToString();

    /// <summary>The error for an unbound node asked for its type.</summary>
    protected InvalidOperationException Unresolved() => new($"'{this}' has no type until it is bound to a schema.");
}
