using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Analysis;

using Window = Rdd.Sql.Planning.Logical.Window;

/// <summary>
/// Turns an unresolved logical plan into a resolved one, bottom-up: column names (with optional qualifiers)
/// become the child's <see cref="AttributeReference"/>s, case-insensitively as Spark's default; every select
/// item gets a name and an id; implicit casts are inserted; a join USING columns becomes a condition plus a
/// Project; a select list with aggregates becomes an Aggregate. Then it checks what Spark's CheckAnalysis
/// checks: conditions are boolean, non-aggregated columns are grouped, union inputs agree.
/// </summary>
internal static partial class Analyzer
{
    private static readonly StructType s_noInput = new();

    /// <summary>The resolved form of <paramref name="plan"/>; an already resolved plan comes back as is.</summary>
    /// <exception cref="AnalysisException">An unknown or ambiguous column, a type error, or a failed check.</exception>
    public static LogicalPlan Analyze(LogicalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var resolved = plan.TransformUp(ResolveNode);
        foreach (var node in resolved.Descendants())
        {
            if (!node.Resolved)
            {
                throw new AnalysisException($"[UNRESOLVED_PLAN] The plan node '{node.NodeString}' could not be resolved.");
            }
            CheckKeyTypes(node);
        }
        return resolved;
    }

    private static LogicalPlan ResolveNode(LogicalPlan node) => node switch
    {
        Project p => ResolveProject(p),
        Filter { Child: Project } or Sort { Child: Project } => ResolveMissingReferences(node),
        Filter f => ResolveFilter(f),
        Aggregate a => ResolveAggregate(a),
        Join j => ResolveJoin(j),
        Sort s => ResolveSort(s),
        Union u => WidenUnion(u),
        Window w => ResolveWindow(w),
        _ => node,
    };

    private static LogicalPlan ResolveProject(Project project)
    {
        var input = project.Child.Output;
        var list = new List<Expression>();
        bool changed = false;
        foreach (var item in project.ProjectList)
        {
            if (item is ColumnReference { Name: "*" } star)
            {
                list.AddRange(star.Qualifier is null ? input : input.Where(a => NameEquals(a.Qualifier, star.Qualifier)));
                changed = true;
                continue;
            }
            var named = ResolveNamed(item, input);
            changed |= !ReferenceEquals(named, item);
            list.Add(named);
        }
        if (list.Any(e => e.Descendants().Any(d => d is Explode)))
        {
            return ExtractGenerator(list, project.Child);
        }
        if (list.Any(ContainsWindow))
        {
            return ExtractWindows(list, project.Child);
        }
        if (list.Any(e => e.IsAggregate || e.Descendants().Any(d => d.IsAggregate)))
        {
            var aggregate = new Aggregate([], list, project.Child);
            CheckAggregate(aggregate);
            return aggregate;
        }
        return changed ? new Project(list, project.Child) : project;
    }

    /// <summary>
    /// A select list with <c>explode(arr) [AS name]</c> as one of its items: a <see cref="Generate"/> under the
    /// projection makes the item column (named <c>col</c> unless aliased, as in Spark), which the list then reads.
    /// </summary>
    private static LogicalPlan ExtractGenerator(List<Expression> list, LogicalPlan child)
    {
        var generators = list.Where(e => e.Descendants().Any(d => d is Explode)).ToList();
        if (generators.Count > 1 || generators[0] is not NamedAlias { Child: Explode explode } alias)
        {
            throw new AnalysisException(
                $"[UNSUPPORTED_GENERATOR.MULTI_GENERATOR] explode must be a whole select item, and only one per select: {string.Join(", ", generators)}.");
        }
        var item = new AttributeReference(alias.Name, explode.DataType, explode.Nullable, null, alias.ExprId);
        return new Project([.. list.Select(e => ReferenceEquals(e, alias) ? item : e)], new Generate(explode.Child, item, child));
    }

    private static LogicalPlan ResolveFilter(Filter filter)
    {
        var resolved = (Filter)filter.MapExpressions(e => ResolveExpression(e, filter.Child.Output));
        if (resolved.Condition.DataType is NullType)
        {
            // WHERE NULL: an untyped NULL is a boolean NULL here (Spark's implicit cast), so no row passes.
            resolved = new Filter(new Literal(null, BooleanType.Instance), resolved.Child);
        }
        RequireBoolean(resolved.Condition, "Filter");
        RequireNoAggregate(resolved.Condition, "WHERE");
        return resolved;
    }

    private static LogicalPlan ResolveSort(Sort sort)
    {
        var resolved = (Sort)sort.MapExpressions(e => ResolveExpression(e, sort.Child.Output));
        foreach (var order in resolved.Order)
        {
            RequireNoAggregate(order, "ORDER BY");
        }
        return resolved;
    }

    private static LogicalPlan ResolveAggregate(Aggregate aggregate)
    {
        var input = aggregate.Child.Output;
        var grouping = aggregate.GroupingExpressions.Select(e => ResolveExpression(e, input)).ToList();
        var aggregates = aggregate.AggregateExpressions.Select(e => ResolveNamed(e, input)).ToList();
        bool changed = !grouping.SequenceEqual(aggregate.GroupingExpressions) || !aggregates.SequenceEqual(aggregate.AggregateExpressions);
        var result = changed ? new Aggregate(grouping, aggregates, aggregate.Child) : aggregate;
        CheckAggregate(result);
        return result;
    }

    private static LogicalPlan ResolveWindow(Window window)
    {
        var input = window.Child.Output;
        var windows = window.WindowExpressions.Select(e => ResolveNamed(e, input)).ToList();
        var partition = window.PartitionSpec.Select(e => ResolveExpression(e, input)).ToList();
        var order = window.OrderSpec.Select(e => (SortOrder)ResolveExpression(e, input)).ToList();
        return windows.SequenceEqual(window.WindowExpressions) && partition.SequenceEqual(window.PartitionSpec) && order.SequenceEqual(window.OrderSpec)
            ? window
            : new Window(windows, partition, order, window.Child);
    }

    /// <summary>
    /// Resolves a select item and names it: a column stays its attribute, <c>expr AS n</c> becomes a
    /// <see cref="NamedAlias"/> with a fresh id, any other expression is named by its text as Spark does
    /// (<c>(a + 1)</c>).
    /// </summary>
    private static Expression ResolveNamed(Expression item, IReadOnlyList<AttributeReference> input)
    {
        var resolved = ResolveExpression(item, input);
        return resolved switch
        {
            AttributeReference or NamedAlias => resolved,
            Alias alias => new NamedAlias(alias.Child, alias.Name, ExprId.New()),
            GetStructField field when item is ColumnReference or GetStructField => new NamedAlias(resolved, field.FieldName, ExprId.New()),
            Explode => new NamedAlias(resolved, "col", ExprId.New()),
            _ => new NamedAlias(resolved, item.ToString(), ExprId.New()),
        };
    }

    /// <summary>
    /// Resolves the column references of <paramref name="expression"/> against <paramref name="input"/> and
    /// lets every other node coerce its operands (as <see cref="Expression.Bind"/> does); an expression that is
    /// already resolved comes back as is.
    /// </summary>
    internal static Expression ResolveExpression(Expression expression, IReadOnlyList<AttributeReference> input) =>
        ResolveExpression(expression, c => ResolveColumn(c, input));

    internal static Expression ResolveExpression(Expression expression, Func<ColumnReference, AttributeReference> resolveColumn)
    {
        bool needed = expression.Descendants().Any(d => d is ColumnReference or Alias)
            || !expression.Descendants().Any(d => d is AttributeReference or NamedAlias);
        return needed
            ? expression.TransformUp(e => e is ColumnReference c ? ResolveColumnOrField(c, resolveColumn) : e.ResolveNode(s_noInput))
            : expression;
    }

    /// <summary>
    /// A column, or, when <c>a.b.c</c> names no column (with <c>a.b</c> as qualifier), the struct field path
    /// <c>b.c</c> of column <c>a</c> (or <c>c</c> of column <c>b</c> qualified <c>a</c>), as Spark resolves
    /// <c>df.select("s.a")</c>.
    /// </summary>
    private static Expression ResolveColumnOrField(ColumnReference column, Func<ColumnReference, AttributeReference> resolveColumn)
    {
        try
        {
            return resolveColumn(column);
        }
        catch (AnalysisException) when (column.Qualifier is not null)
        {
            string[] parts = [.. column.Qualifier.Split('.'), column.Name];
            for (int head = 1; head < parts.Length; head++)
            {
                var reference = new ColumnReference(parts[head - 1], head > 1 ? string.Join('.', parts[..(head - 1)]) : null);
                Expression resolved;
                try
                {
                    resolved = resolveColumn(reference);
                }
                catch (AnalysisException)
                {
                    continue;
                }
                for (int f = head; f < parts.Length; f++)
                {
                    resolved = new GetStructField(resolved, parts[f]).ResolveNode(s_noInput);
                }
                return resolved;
            }
            throw;
        }
    }

    /// <summary>
    /// Spark's ResolveMissingReferences for a Filter or Sort over a Project
    /// (<c>df.Select("a").OrderBy("b")</c>): a name the Project does not output but its input has is resolved
    /// there, the Project carries it up, and a Project on top restores the original columns.
    /// </summary>
    private static LogicalPlan ResolveMissingReferences(LogicalPlan node)
    {
        var project = (Project)node.Children[0];
        var output = project.Output;
        var below = project.Child.Output;
        var missing = new List<AttributeReference>();
        AttributeReference Resolve(ColumnReference column)
        {
            if (output.Any(a => ColumnMatches(column, a)))
            {
                return ResolveColumn(column, output);
            }
            var found = below.Any(a => ColumnMatches(column, a)) ? ResolveColumn(column, below) : ResolveColumn(column, output);
            if (!missing.Any(m => m.ExprId == found.ExprId))
            {
                missing.Add(found);
            }
            return found;
        }
        var resolved = node.MapExpressions(e => ResolveExpression(e, Resolve));
        if (missing.Count == 0)
        {
            return node is Filter filter ? ResolveFilter(filter) : ResolveSort((Sort)node);
        }
        var widened = resolved.WithChildren([new Project([.. project.ProjectList, .. missing], project.Child)]);
        var checkedNode = widened is Filter f ? ResolveFilter(f) : ResolveSort((Sort)widened);
        return new Project([.. output], checkedNode);
    }

    private static bool ColumnMatches(ColumnReference column, AttributeReference attribute) =>
        NameEquals(attribute.Name, column.Name) && (column.Qualifier is null || NameEquals(attribute.Qualifier, column.Qualifier));

    private static void RequireNoAggregate(Expression expression, string clause)
    {
        if (expression.Descendants().FirstOrDefault(d => d.IsAggregate && d is not NamedAlias) is { } aggregate)
        {
            throw new AnalysisException(
                $"[INVALID_AGGREGATE_USE] Aggregate function `{aggregate}` is not allowed in {clause}; aggregate first (GroupBy/Agg) and refer to the result column.");
        }
    }

    /// <summary>
    /// The one attribute of <paramref name="input"/> that <paramref name="column"/> names: its name matches
    /// case-insensitively, and so does its qualifier when the reference has one.
    /// </summary>
    internal static AttributeReference ResolveColumn(ColumnReference column, IReadOnlyList<AttributeReference> input)
    {
        var matches = input
            .Where(a => NameEquals(a.Name, column.Name) && (column.Qualifier is null || NameEquals(a.Qualifier, column.Qualifier)))
            .DistinctBy(a => a.ExprId)
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw AnalysisException.UnresolvedColumn(column.ToString(), input.Select(a => a.QualifiedName), column.Position),
            _ => throw new AnalysisException(
                $"[AMBIGUOUS_REFERENCE] Reference `{column}` is ambiguous, could be: [{string.Join(", ", matches.Select(m => $"`{m.QualifiedName}`"))}]."),
        };
    }

    private static bool NameEquals(string? left, string? right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    private static void RequireBoolean(Expression condition, string owner)
    {
        if (condition.DataType is not BooleanType)
        {
            throw new AnalysisException(
                $"[DATATYPE_MISMATCH.{owner.ToUpperInvariant()}_NOT_BOOLEAN] {owner} expression `{condition}` of type {condition.DataType.SimpleString} is not a boolean.");
        }
    }
}
