using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;


namespace Rdd.Sql.Analysis;

internal sealed partial class SqlPlanner
{
    /// <summary>Spark's one-row relation with no columns: the input of a SELECT without FROM.</summary>
    private static LogicalPlan OneRow() => new LocalRelation([], [[]]);

    /// <summary>
    /// <c>SELECT … FROM … WHERE … GROUP BY … HAVING …</c> then <paramref name="orderBy"/>: a Filter over the FROM
    /// plan, then a Project (with ORDER BY over it, reaching into the input for columns not selected, as Spark's
    /// ResolveMissingReferences) or an Aggregate (with HAVING and ORDER BY over it and a Project removing what they
    /// needed beyond the select list).
    /// </summary>
    private LogicalPlan PlanSelect(SelectBody select, IReadOnlyList<SortOrder> orderBy, Ctes ctes)
    {
        var child = select.From is null ? OneRow() : PlanRelation(select.From, ctes);
        if (select.Where is { } where)
        {
            child = PlanWhere(where, child, ctes);
        }
        var items = ExpandStars(select.Items, child.Output);
        if (select.Windows is { } windows)
        {
            items = [.. items.Select(item => item.TransformUp(e => e is NamedWindow named && windows.TryGetValue(named.Name, out var spec)
                ? new WindowExpression(named.Function, spec.PartitionSpec, spec.OrderSpec, spec.Frame)
                : e))];
        }
        bool aggregated = select.GroupBy is not null || select.Having is not null || items.Any(ContainsAggregate);
        if (!aggregated)
        {
            if (items.Any(ContainsSubquery))
            {
                items = [.. items.Select(item => JoinScalarSubqueries(ref child, item, ctes))];
            }
            LogicalPlan project = Analyze(new Project(items, child));
            if (select.Distinct)
            {
                project = Analyze(new Distinct(project));
            }
            return orderBy.Count == 0
                ? project
                : Analyze(new Sort([.. orderBy.Select(o => ReplaceOrdinal(o, project.Output))], project));
        }
        if (items.Any(ContainsWindow))
        {
            return PlanWindowsOverAggregate(select, items, child, orderBy);
        }
        return select.GroupingSets is null
            ? PlanAggregate(select, items, child, orderBy, ctes)
            : PlanGroupingSets(select, items, child, orderBy);
    }

    /// <summary>
    /// Window functions over a grouped query (<c>sum(sum(x)) OVER (ORDER BY d)</c>, <c>rank() OVER (ORDER BY count(*))</c>,
    /// <c>x / sum(x) OVER ()</c> of a grouped <c>x</c>), as Spark's ExtractWindowExpressions plans them: the aggregate
    /// computes every aggregate the query reads outside the window functions themselves, and the grouping columns it
    /// reads, as hidden columns; HAVING filters those; the select items, their windows included, are then evaluated
    /// over the aggregate's rows, and ORDER BY sorts the result. Under ROLLUP, CUBE or GROUPING SETS the aggregate is
    /// the union of one per set (<see cref="AggregatePerSet"/>), so the windows see every set's rows, the totals too.
    /// </summary>
    private static LogicalPlan PlanWindowsOverAggregate(SelectBody select, List<Expression> items, LogicalPlan child, IReadOnlyList<SortOrder> orderBy)
    {
        if (select.Having is { } having && ContainsSubquery(having))
        {
            throw new AnalysisException("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A subquery in HAVING of a query with window functions is not supported.");
        }
        var hidden = new List<Expression>();
        var hiddenNames = new Dictionary<string, string>(StringComparer.Ordinal);
        Expression Hide(Expression e)
        {
            var text = e.ToString();
            if (!hiddenNames.TryGetValue(text, out var name))
            {
                name = $"__agg{hidden.Count}";
                hiddenNames[text] = name;
                hidden.Add(new Alias(e, name));
            }
            return new ColumnReference(name);
        }
        var grouping = (select.GroupBy ?? []).Select(g => GroupingExpression(g, items, child.Output)).ToList();
        var groupingTexts = grouping.Select(g => g.ToString()).ToHashSet(StringComparer.Ordinal);
        // Above the aggregate only its hidden columns exist: grouping expressions, aggregates and column references
        // become references to them; a window's own function stays (it runs over the aggregate's rows) and its
        // arguments are extracted.
        Expression Extract(Expression e) => e switch
        {
            WindowExpression window => window.WithChildren([window.Function.MapChildren(Extract), .. window.Children.Skip(1).Select(Extract)]),
            SortOrder order => order.MapChildren(Extract),
            _ when groupingTexts.Contains(e.ToString()) => Hide(e),
            ColumnReference or GroupingCall => Hide(e),
            _ when e.IsAggregate && e is not NamedAlias => Hide(e),
            _ => e.MapChildren(Extract),
        };
        var names = items.Select(PlanExpressions.NameOf).ToList();
        var outerItems = items.Select((item, i) => (Expression)new Alias(Extract(item is Alias a ? a.Child : item), names[i])).ToList();
        var havingCondition = select.Having is null ? null : Extract(select.Having);
        var order = orderBy.Select(o => Ordinal(o.Child, items.Count, "ORDER BY") is { } i
            ? (SortOrder)o.WithChildren([new ColumnReference(names[i])])
            : OrderKey(o, names, Extract)).ToList();

        if (hidden.Count == 0)
        {
            Hide(Literal.Null);
        }
        LogicalPlan plan = select.GroupingSets is null
            ? Analyze(new Aggregate(grouping, hidden, child))
            : AggregatePerSet(select.GroupingSets, grouping, items, [.. hidden.Cast<Alias>()], child);
        if (havingCondition is not null)
        {
            plan = Analyze(new Filter(havingCondition, plan));
        }
        var aggregateOutput = plan.Output;
        // The hidden columns pass through the projection so that ORDER BY can read aggregates that are no select item.
        plan = Analyze(new Project([.. outerItems, .. aggregateOutput.Where(a => !names.Contains(a.Name, StringComparer.OrdinalIgnoreCase)).Cast<Expression>()], plan));
        var visible = plan.Output.Take(outerItems.Count).ToList();
        if (select.Distinct)
        {
            plan = Analyze(new Distinct(Restrict(plan, visible)));
        }
        return Restrict(Sorted(plan, order), visible);
    }

    /// <summary>
    /// An ORDER BY key of a windowed aggregate query: a select item's name reads that item; anything else is extracted
    /// like the items (aggregates and grouping columns read from the aggregate's hidden columns).
    /// </summary>
    private static SortOrder OrderKey(SortOrder order, List<string> names, Func<Expression, Expression> extract) =>
        order.Child is ColumnReference { Qualifier: null } column && names.Contains(column.Name, StringComparer.OrdinalIgnoreCase)
            ? order
            : (SortOrder)extract(order);

    /// <summary>Whether <paramref name="e"/> holds a window function.</summary>
    private static bool ContainsWindow(Expression e) => e is WindowExpression || e.Children.Any(ContainsWindow);

    /// <summary>
    /// ROLLUP, CUBE and GROUPING SETS as the UNION ALL of one aggregate per set, where every grouping expression
    /// outside the set reads as a NULL of its type (the rows Spark's Expand produces). HAVING and ORDER BY apply to
    /// the union's columns by name or ordinal.
    /// </summary>
    private static LogicalPlan PlanGroupingSets(SelectBody select, List<Expression> items, LogicalPlan child, IReadOnlyList<SortOrder> orderBy)
    {
        // Aggregates that HAVING or ORDER BY use become hidden items of every set, named so the union can be read by name.
        var hidden = new List<Expression>();
        Expression Hide(Expression e)
        {
            if (!e.IsAggregate)
            {
                return e.MapChildren(Hide);
            }
            var name = $"__hidden{hidden.Count}";
            hidden.Add(new Alias(e, name));
            return new ColumnReference(name);
        }
        var havingCondition = select.Having is null ? null : Hide(select.Having);
        orderBy = [.. orderBy.Select(o => (SortOrder)Hide(o))];
        var output = items.Count;
        items = [.. items, .. hidden];
        var all = select.GroupBy!.Select(g => GroupingExpression(g, items, child.Output)).ToList();
        var names = items.Select(PlanExpressions.NameOf).ToList();
        var named = items.Select((item, i) => new Alias(item is Alias a ? a.Child : item, names[i])).ToList();
        var plan = AggregatePerSet(select.GroupingSets!, all, items, named, child);
        var visible = plan.Output.Take(output).ToList();
        if (havingCondition is not null)
        {
            plan = Analyze(new Filter(havingCondition, plan));
        }
        if (select.Distinct)
        {
            plan = Analyze(new Distinct(Restrict(plan, visible)));
        }
        return Restrict(Sorted(plan, orderBy), visible);
    }

    /// <summary>
    /// The UNION ALL of one aggregate of <paramref name="columns"/> per grouping set, where every grouping expression
    /// outside the set reads as a NULL of its type and <c>grouping()</c> / <c>grouping_id()</c> as the set's bits (the
    /// rows Spark's Expand produces).
    /// </summary>
    /// <param name="sets">The sets, as written (ordinals and aliases read against <paramref name="items"/>).</param>
    /// <param name="all">Every grouping expression of the query, resolved.</param>
    /// <param name="items">The select items, for ordinals and aliases in the sets.</param>
    /// <param name="columns">What each set's aggregate computes, named alike in every set.</param>
    /// <param name="child">The aggregated rows.</param>
    private static LogicalPlan AggregatePerSet(IReadOnlyList<IReadOnlyList<Expression>> sets, IReadOnlyList<Expression> all,
        IReadOnlyList<Expression> items, IReadOnlyList<Alias> columns, LogicalPlan child)
    {
        var types = all.Select(g => Analyzer.ResolveExpression(g, child.Output).DataType).ToList();
        var parts = new List<LogicalPlan>();
        foreach (var set in sets)
        {
            var grouping = set.Select(g => GroupingExpression(g, items, child.Output)).ToList();
            var absent = all.Select((g, i) => (Text: g.ToString(), Type: types[i]))
                .Where(g => !grouping.Any(k => k.ToString() == g.Text))
                .ToDictionary(g => g.Text, g => g.Type);
            Expression Blank(Expression e) => e is GroupingCall groupingCall ? groupingCall.ValueIn(absent.ContainsKey, all)
                : !e.IsAggregate && absent.TryGetValue(e.ToString(), out var type)
                ? new Cast(Literal.Null, type)
                : e.IsAggregate ? e : e.MapChildren(Blank);
            parts.Add(Analyze(new Aggregate(grouping, [.. columns.Select(c => (Expression)new Alias(Blank(c.Child), c.Name))], child)));
        }
        return parts.Count == 1 ? parts[0] : Analyze(new Union(parts));
    }

    /// <summary>Whether <paramref name="e"/> aggregates rows (an aggregate over a window does not: it keeps every row).</summary>
    private static bool ContainsAggregate(Expression e) =>
        e is not WindowExpression && (e.IsAggregate && e is not NamedAlias || e.Children.Any(ContainsAggregate));

    /// <summary><c>*</c> and <c>t.*</c> as the input's columns (all, or those qualified by <c>t</c>).</summary>
    private static List<Expression> ExpandStars(IReadOnlyList<Expression> items, IReadOnlyList<AttributeReference> input)
    {
        var list = new List<Expression>();
        foreach (var item in items)
        {
            if (item is not ColumnReference { Name: "*" } star)
            {
                list.Add(item);
                continue;
            }
            var columns = star.Qualifier is null
                ? input
                : [.. input.Where(a => string.Equals(a.Qualifier, star.Qualifier, StringComparison.OrdinalIgnoreCase))];
            if (columns.Count == 0 && star.Qualifier is not null)
            {
                throw new AnalysisException(
                    $"[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve `{star.Qualifier}`.* given input columns "
                    + $"[{string.Join(", ", input.Select(a => $"`{a.QualifiedName}`"))}].");
            }
            list.AddRange(columns);
        }
        return list;
    }

    private LogicalPlan PlanAggregate(SelectBody select, List<Expression> items, LogicalPlan child, IReadOnlyList<SortOrder> orderBy, Ctes ctes)
    {
        var grouping = (select.GroupBy ?? []).Select(g => GroupingExpression(g, items, child.Output)).ToList();
        var aggregate = (Aggregate)Analyze(new Aggregate(grouping, items, child));
        var scope = new AggregateScope(aggregate);
        // Uncorrelated scalar subqueries in HAVING: their one-row plans are joined above the aggregate.
        var havingSubqueries = new List<LogicalPlan>();
        var havingSyntax = select.Having is null ? null : ReplaceScalarSubqueries(select.Having, havingSubqueries, aggregate.Output, ctes);
        var having = havingSyntax is null ? null : scope.Resolve(havingSyntax);
        var order = orderBy.Select(o => Ordinal(o.Child, aggregate.Output.Count, "ORDER BY") is { } i
            ? (SortOrder)o.WithChildren([aggregate.Output[i]])
            : (SortOrder)scope.Resolve(o)).ToList();
        LogicalPlan plan = scope.Extras.Count == 0
            ? aggregate
            : Analyze(new Aggregate(aggregate.GroupingExpressions, [.. aggregate.AggregateExpressions, .. scope.Extras], child));
        foreach (var subquery in havingSubqueries)
        {
            plan = Analyze(new Join(plan, subquery, JoinType.Cross, null));
        }
        if (having is not null)
        {
            plan = Analyze(new Filter(having, plan));
        }
        if (select.Distinct)
        {
            plan = Analyze(new Distinct(Restrict(plan, aggregate.Output)));
        }
        if (order.Count > 0)
        {
            plan = Analyze(new Sort(order, plan));
        }
        return Restrict(plan, aggregate.Output);
    }

    /// <summary>
    /// Each uncorrelated scalar subquery of <paramref name="expression"/> planned (into <paramref name="plans"/>, to be
    /// joined) and replaced by its column.
    /// </summary>
    private Expression ReplaceScalarSubqueries(Expression expression, List<LogicalPlan> plans, IReadOnlyList<AttributeReference> outer, Ctes ctes)
    {
        Expression Rewrite(Expression e)
        {
            if (e is not SubqueryExpression { Kind: SubqueryKind.Scalar } s)
            {
                return e.MapChildren(Rewrite);
            }
            var (plan, keys, _, _) = PlanSubquery(s, outer, ctes, expectedColumns: 1);
            if (keys.Count > 0 || !ReturnsOneRow(plan))
            {
                throw new AnalysisException($"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A subquery in HAVING must be an uncorrelated global aggregate; {s.Position}.");
            }
            plans.Add(plan);
            return plan.Output[0];
        }
        return Rewrite(expression);
    }

    /// <summary><paramref name="plan"/> with only the columns <paramref name="output"/> (a Project when it has more).</summary>
    private static LogicalPlan Restrict(LogicalPlan plan, IReadOnlyList<AttributeReference> output) =>
        plan.Output.Count == output.Count ? plan : Analyze(new Project([.. output.Cast<Expression>()], plan));

    /// <summary>
    /// A GROUP BY item: an ordinal stands for that select item's expression, and a bare name that is no input column
    /// but a select alias stands for the aliased expression (Spark's groupByAliases).
    /// </summary>
    private static Expression GroupingExpression(Expression g, IReadOnlyList<Expression> items, IReadOnlyList<AttributeReference> input)
    {
        if (Ordinal(g, items.Count, "GROUP BY") is { } i)
        {
            var item = items[i] is Alias alias ? alias.Child : items[i];
            return ContainsAggregate(item)
                ? throw new AnalysisException($"[GROUP_BY_POS_AGGREGATE] GROUP BY {i + 1} refers to an expression `{item}` that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.")
                : item;
        }
        if (g is ColumnReference { Qualifier: null } column
            && !input.Any(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase))
            && items.OfType<Alias>().FirstOrDefault(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase)) is { } named)
        {
            return named.Child;
        }
        return g;
    }

    /// <summary>
    /// Resolves HAVING and ORDER BY expressions above an Aggregate, as Spark's ResolveAggregateFunctions: select
    /// aliases and output columns by name; an aggregate function over the input becomes the output column that
    /// already computes it or a new hidden one (<see cref="Extras"/>); a grouping expression not selected becomes a
    /// hidden column too; anything else is Spark's MISSING_AGGREGATION error.
    /// </summary>
    private sealed class AggregateScope(Aggregate aggregate)
    {
        private static readonly StructType s_noInput = new();

        private readonly IReadOnlyList<AttributeReference> _input = aggregate.Child.Output;

        /// <summary>The hidden aggregate-list items added for HAVING and ORDER BY.</summary>
        public List<Expression> Extras { get; } = [];

        public Expression Resolve(Expression expression) =>
            Rewrite(expression).TransformUp(e => e.ResolveNode(s_noInput));

        private Expression Rewrite(Expression e)
        {
            if (e is ColumnReference column)
            {
                var output = aggregate.Output.Where(a => string.Equals(a.Name, column.Name, StringComparison.OrdinalIgnoreCase)
                    && (column.Qualifier is null || string.Equals(a.Qualifier, column.Qualifier, StringComparison.OrdinalIgnoreCase))).ToList();
                if (output.Count == 1)
                {
                    return output[0];
                }
                return Grouped(Analyzer.ResolveColumn(column, _input), column.ToString());
            }
            if (e.IsAggregate && e is not NamedAlias)
            {
                var resolved = Analyzer.ResolveExpression(e, _input);
                return Hidden(resolved);
            }
            if (e is not SortOrder && e.Descendants().Any(d => d is ColumnReference) && !ContainsAggregate(e)
                && TryResolve(e) is { } whole && aggregate.GroupingExpressions.Any(g => PlanExpressions.SemanticEquals(g, whole)))
            {
                return Hidden(whole);
            }
            return e.MapChildren(Rewrite);
        }

        private Expression? TryResolve(Expression e)
        {
            try
            {
                return Analyzer.ResolveExpression(e, _input);
            }
            catch (AnalysisException)
            {
                return null;
            }
        }

        /// <summary>An input column allowed above the aggregate only when it is grouped.</summary>
        private AttributeReference Grouped(AttributeReference attribute, string name) =>
            aggregate.GroupingExpressions.Any(g => PlanExpressions.SemanticEquals(g, attribute))
                ? Hidden(attribute)
                : throw new AnalysisException(
                    $"[MISSING_AGGREGATION] The non-aggregating expression `{name}` is based on columns which are not participating in the GROUP BY clause. "
                    + $"Add the columns or the expression to the GROUP BY, aggregate the expression, or use `first({name})` if you do not care which of the values within a group is returned.");

        /// <summary>The output column computing <paramref name="resolved"/>: an existing one, else a new hidden one.</summary>
        private AttributeReference Hidden(Expression resolved)
        {
            foreach (var item in aggregate.AggregateExpressions.Concat(Extras))
            {
                var computed = item is NamedAlias alias ? alias.Child : item;
                if (PlanExpressions.SemanticEquals(computed, resolved))
                {
                    return PlanExpressions.ToAttribute(item);
                }
            }
            Expression named = resolved is AttributeReference a ? a : new NamedAlias(resolved, resolved.ToString(), ExprId.New());
            Extras.Add(named);
            return PlanExpressions.ToAttribute(named);
        }
    }
}
