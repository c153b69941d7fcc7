using Rdd.Sql.Expressions;

namespace Rdd.Sql.Planning.Logical;

/// <summary>Expression helpers the analyzer and the optimizer rules share.</summary>
internal static class PlanExpressions
{
    /// <summary>The distinct attributes read by <paramref name="expressions"/>, in first-seen order.</summary>
    public static IReadOnlyList<AttributeReference> References(IEnumerable<Expression> expressions)
    {
        var seen = new HashSet<ExprId>();
        var result = new List<AttributeReference>();
        foreach (var attribute in expressions.SelectMany(e => e.Descendants()).OfType<AttributeReference>())
        {
            if (seen.Add(attribute.ExprId))
            {
                result.Add(attribute);
            }
        }
        return result;
    }

    /// <summary>The distinct attributes read by <paramref name="expression"/>.</summary>
    public static IReadOnlyList<AttributeReference> References(Expression expression) => References([expression]);

    /// <summary>The ids of <paramref name="attributes"/>.</summary>
    public static HashSet<ExprId> Ids(IEnumerable<AttributeReference> attributes) => [.. attributes.Select(a => a.ExprId)];

    /// <summary>Whether every attribute <paramref name="expression"/> reads is in <paramref name="ids"/>.</summary>
    public static bool ReadsOnly(Expression expression, HashSet<ExprId> ids) => References(expression).All(a => ids.Contains(a.ExprId));

    /// <summary>
    /// Whether the expression gives the same result every time for the same input. Every expression Rdd.Sql has
    /// today is; a nondeterministic one (rand, monotonically_increasing_id) must be listed here.
    /// </summary>
    public static bool IsDeterministic(Expression expression) => expression is not null;

    /// <summary>The column a select-list item produces: the attribute itself or an alias's attribute.</summary>
    /// <exception cref="InvalidOperationException">An item that is neither (the analyzer names every item).</exception>
    public static AttributeReference ToAttribute(Expression named) => named switch
    {
        AttributeReference a => a,
        NamedAlias a => a.ToAttribute(),
        _ => throw new InvalidOperationException($"'{named}' is not a named expression; the analyzer names every select item."),
    };

    /// <summary>The name a select-list item produces (resolved or not).</summary>
    public static string NameOf(Expression named) => named switch
    {
        AttributeReference a => a.Name,
        NamedAlias a => a.Name,
        Alias a => a.Name,
        ColumnReference c => c.Name,
        _ => named.ToString(),
    };

    /// <summary>Splits nested ANDs into their conjuncts.</summary>
    public static IReadOnlyList<Expression> SplitConjuncts(Expression condition)
    {
        var result = new List<Expression>();
        void Walk(Expression e)
        {
            if (e is BinaryLogical { IsAnd: true } and)
            {
                Walk(and.Left);
                Walk(and.Right);
            }
            else
            {
                result.Add(e);
            }
        }
        Walk(condition);
        return result;
    }

    /// <summary>The AND of <paramref name="conjuncts"/>, left-deep; null when there are none.</summary>
    public static Expression? And(IEnumerable<Expression> conjuncts)
    {
        Expression? result = null;
        foreach (var conjunct in conjuncts)
        {
            result = result is null ? conjunct : BinaryLogical.And(result, conjunct);
        }
        return result;
    }

    /// <summary>Replaces every attribute whose id is a key of <paramref name="map"/> by its value.</summary>
    public static Expression Substitute(Expression expression, IReadOnlyDictionary<ExprId, Expression> map) =>
        expression.TransformUp(e => e is AttributeReference a && map.TryGetValue(a.ExprId, out var replacement) ? replacement : e);

    /// <summary>Maps each alias of a select list to its child (for substituting a project into what sits above it).</summary>
    public static Dictionary<ExprId, Expression> AliasMap(IEnumerable<Expression> projectList)
    {
        var map = new Dictionary<ExprId, Expression>();
        foreach (var alias in projectList.OfType<NamedAlias>())
        {
            map[alias.ExprId] = alias.Child;
        }
        return map;
    }

    /// <summary>
    /// Replaces every attribute by a <see cref="BoundReference"/> to its ordinal in <paramref name="input"/> (by
    /// id): the step from a logical expression to one a physical operator evaluates against its input batch.
    /// </summary>
    /// <exception cref="InvalidOperationException">An attribute not in <paramref name="input"/>.</exception>
    public static Expression BindReferences(Expression expression, IReadOnlyList<AttributeReference> input)
    {
        var ordinals = new Dictionary<ExprId, int>();
        for (int i = 0; i < input.Count; i++)
        {
            ordinals.TryAdd(input[i].ExprId, i);
        }
        return expression.TransformUp(e => e switch
        {
            AttributeReference a => ordinals.TryGetValue(a.ExprId, out int ordinal)
                ? new BoundReference(ordinal, a.Name, a.DataType, a.Nullable)
                : throw new InvalidOperationException($"Attribute {a.QualifiedName}#{a.ExprId} is not in the input [{string.Join(", ", input.Select(i => $"{i.Name}#{i.ExprId}"))}]."),
            NamedAlias n => new Alias(n.Child, n.Name),
            _ => e,
        });
    }

    /// <summary>
    /// Whether two expressions are the same computation: same text and the same attribute ids in the same places
    /// (expressions do not implement equality).
    /// </summary>
    public static bool SemanticEquals(Expression left, Expression right) =>
        left.ToString() == right.ToString()
        && left.Descendants().OfType<AttributeReference>().Select(a => a.ExprId)
            .SequenceEqual(right.Descendants().OfType<AttributeReference>().Select(a => a.ExprId));
}
