using Rdd.Sql.Expressions;
using Rdd.Sql.Parsing.Ast;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Analysis;

internal sealed partial class SqlPlanner
{
    /// <summary>
    /// WHERE with subqueries, rewritten into joins as Spark's RewritePredicateSubquery and
    /// RewriteCorrelatedScalarSubquery do: a conjunct <c>[NOT] EXISTS (…)</c> or <c>x [NOT] IN (SELECT …)</c> is a
    /// left semi (anti) join on the IN value and the subquery's correlated equalities; NOT IN keeps Spark's NULL
    /// semantics (a NULL value or a NULL in the subquery's result makes it not true; correlated, a null-aware anti join); a scalar subquery is a column
    /// of a joined one-row plan (uncorrelated) or of the subquery grouped by its correlated columns and left-joined.
    /// </summary>
    private LogicalPlan PlanWhere(Expression where, LogicalPlan child, Ctes ctes)
    {
        if (!ContainsSubquery(where))
        {
            return Analyze(new Filter(where, child));
        }
        var plain = new List<Expression>();
        var predicates = new List<(SubqueryExpression Subquery, bool Negated)>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(where))
        {
            switch (conjunct)
            {
                case SubqueryExpression { Kind: SubqueryKind.Exists or SubqueryKind.In } s:
                    predicates.Add((s, false));
                    break;
                case Not { Child: SubqueryExpression { Kind: SubqueryKind.Exists or SubqueryKind.In } s }:
                    predicates.Add((s, true));
                    break;
                default:
                    plain.Add(conjunct);
                    break;
            }
        }
        var plan = child;
        var conditions = new List<Expression>();
        foreach (var conjunct in plain)
        {
            var flagged = JoinExistenceFlags(ref plan, conjunct, ctes);
            conditions.Add(JoinScalarSubqueries(ref plan, flagged, ctes));
        }
        if (conditions.Count > 0)
        {
            plan = Analyze(new Filter(PlanExpressions.And(conditions)!, plan));
        }
        foreach (var (subquery, negated) in predicates)
        {
            plan = PlanPredicateSubquery(plan, subquery, negated, ctes);
        }
        return Restrict(plan, child.Output);
    }

    private static bool ContainsSubquery(Expression e) => e.Descendants().Any(d => d is SubqueryExpression);

    /// <summary>
    /// [NOT] EXISTS and IN subqueries inside a WHERE conjunct (under OR, CASE …), as Spark's existence join: each
    /// becomes a flag that is not NULL where the subquery has a matching row, from a left outer join with the
    /// subquery's distinct (value and) correlation keys - distinct, so no outer row is repeated. An IN here is two-valued
    /// (no match is false, never NULL), which is Spark's answer wherever it is not negated; under NOT it is refused.
    /// </summary>
    private Expression JoinExistenceFlags(ref LogicalPlan plan, Expression expression, Ctes ctes)
    {
        var current = plan;
        Expression Rewrite(Expression e, bool negated)
        {
            if (e is not SubqueryExpression { Kind: SubqueryKind.Exists or SubqueryKind.In } s)
            {
                return e is Not not ? new Not(Rewrite(not.Child, !negated)) : e.MapChildren(c => Rewrite(c, negated));
            }
            bool isIn = s.Kind == SubqueryKind.In;
            if (isIn && negated)
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A negated IN subquery is supported as a WHERE conjunct of its own (x NOT IN (SELECT …) AND …), not inside OR; {s.Position}.");
            }
            var (sub, keys, residual, _) = PlanSubquery(s, current.Output, ctes, expectedColumns: isIn ? 1 : null);
            if (residual.Count > 0)
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A subquery inside OR may only be correlated by equalities (inner = outer); {s.Position}.");
            }
            var conditions = keys.Select(k => (Expression)new Comparison(ComparisonOperator.Equal, k.Outer, k.Inner)).ToList();
            if (isIn)
            {
                conditions.Insert(0, new Comparison(ComparisonOperator.Equal, Analyzer.ResolveExpression(s.Value!, current.Output), sub.Output[0]));
            }
            if (conditions.Count == 0)
            {
                var count = Analyze(new Aggregate([], [new Alias(new AggregateFunction(AggregateKind.Count, Literal.Create(1)), "__rows")], sub));
                current = Analyze(new Join(current, count, JoinType.Cross, null));
                return new Comparison(ComparisonOperator.GreaterThan, count.Output[0], Literal.Create(0L));
            }
            var distinct = Analyze(new Aggregate([.. sub.Output], [.. sub.Output, new Alias(Literal.Create(true), "__exists")], sub));
            current = Analyze(new Join(current, distinct, JoinType.LeftOuter, PlanExpressions.And(conditions)));
            var flag = current.Output.First(a => a.ExprId == distinct.Output[^1].ExprId);
            return new IsNull(flag, negated: true);
        }
        var result = Rewrite(expression, negated: false);
        plan = current;
        return result;
    }

    /// <summary>Replaces each scalar subquery of <paramref name="expression"/> by a column joined onto <paramref name="plan"/>.</summary>
    private Expression JoinScalarSubqueries(ref LogicalPlan plan, Expression expression, Ctes ctes)
    {
        var current = plan;
        Expression Rewrite(Expression e)
        {
            if (e is SubqueryExpression { Kind: SubqueryKind.Scalar } s)
            {
                (current, var value) = JoinScalar(current, s, ctes);
                return value;
            }
            return e.MapChildren(Rewrite);
        }
        var result = Rewrite(expression);
        plan = current;
        return result;
    }

    private (LogicalPlan Plan, Expression Value) JoinScalar(LogicalPlan plan, SubqueryExpression s, Ctes ctes)
    {
        var (sub, keys, _, countLike) = PlanSubquery(s, plan.Output, ctes, expectedColumns: 1);
        if (keys.Count == 0)
        {
            if (!ReturnsOneRow(sub))
            {
                // One row: its value; none: NULL; more: Spark's error when the query runs.
                var counted = Analyze(new Aggregate([], [
                    new Alias(new AggregateFunction(AggregateKind.Max, sub.Output[0]), "__value"),
                    new Alias(new AggregateFunction(AggregateKind.Count, Literal.Create(1)), "__rows"),
                ], sub));
                sub = Analyze(new Project(
                    [new Alias(new ScalarSubqueryValue(counted.Output[0], counted.Output[1], s.Position.ToString()), "__value")], counted));
            }
            var joined = Analyze(new Join(plan, sub, JoinType.Cross, null));
            return (joined, sub.Output[0]);
        }
        var condition = PlanExpressions.And(keys.Select(k => (Expression)new Comparison(ComparisonOperator.Equal, k.Outer, k.Inner)))!;
        var left = Analyze(new Join(plan, sub, JoinType.LeftOuter, condition));
        var value = left.Output.First(a => a.ExprId == sub.Output[0].ExprId);
        // The count bug: a group with no rows is absent, so the left join gives NULL where count() gives 0.
        return (left, countLike ? new Coalesce([value, new Cast(Literal.Create(0L), value.DataType)]) : value);
    }

    /// <summary>Whether the plan is a global aggregate (no GROUP BY), possibly under projections: exactly one row.</summary>
    private static bool ReturnsOneRow(LogicalPlan plan) => plan switch
    {
        Aggregate { GroupingExpressions.Count: 0 } => true,
        Project p => ReturnsOneRow(p.Child),
        SubqueryAlias a => ReturnsOneRow(a.Child),
        _ => false,
    };

    private LogicalPlan PlanPredicateSubquery(LogicalPlan plan, SubqueryExpression s, bool negated, Ctes ctes)
    {
        bool isIn = s.Kind == SubqueryKind.In;
        var (sub, keys, residual, _) = PlanSubquery(s, plan.Output, ctes, expectedColumns: isIn ? 1 : null);
        var conditions = keys.Select(k => (Expression)new Comparison(ComparisonOperator.Equal, k.Outer, k.Inner)).ToList();
        conditions.AddRange(residual);
        Expression? value = null;
        if (isIn)
        {
            value = Analyzer.ResolveExpression(s.Value!, plan.Output);
            conditions.Insert(0, new Comparison(ComparisonOperator.Equal, value, sub.Output[0]));
        }
        if (conditions.Count == 0)
        {
            // Uncorrelated [NOT] EXISTS: every row or none, by whether the subquery has a row.
            var count = Analyze(new Aggregate([], [new Alias(new AggregateFunction(AggregateKind.Count, Literal.Create(1)), "__rows")], sub));
            var crossed = Analyze(new Join(plan, count, JoinType.Cross, null));
            var test = new Comparison(negated ? ComparisonOperator.Equal : ComparisonOperator.GreaterThan, count.Output[0], Literal.Create(0L));
            return Restrict(Analyze(new Filter(test, crossed)), plan.Output);
        }
        var condition = PlanExpressions.And(conditions)!;
        if (!negated)
        {
            return Analyze(new Join(plan, sub, JoinType.LeftSemi, condition));
        }
        if (!isIn)
        {
            return Analyze(new Join(plan, sub, JoinType.LeftAnti, condition));
        }
        if (keys.Count > 0)
        {
            // Correlated x NOT IN (SELECT y … WHERE correlation): Spark's null-aware anti join - a row goes when a
            // correlated subquery row has y = x or that comparison is NULL (x or y NULL); with none it stays.
            var equal = conditions[0];
            conditions[0] = BinaryLogical.Or(equal, new IsNull(equal));
            return Analyze(new Join(plan, sub, JoinType.LeftAnti, PlanExpressions.And(conditions)));
        }
        // x NOT IN (SELECT y …): no y equals x, and either the subquery is empty or x and every y are not NULL.
        var anti = Analyze(new Join(plan, sub, JoinType.LeftAnti, condition));
        var stats = Analyze(new Aggregate([], [
            new Alias(new AggregateFunction(AggregateKind.Count, Literal.Create(1)), "__rows"),
            new Alias(new AggregateFunction(AggregateKind.Count, sub.Output[0]), "__values"),
        ], sub));
        var withStats = Analyze(new Join(anti, stats, JoinType.Cross, null));
        var keep = BinaryLogical.Or(
            new Comparison(ComparisonOperator.Equal, stats.Output[0], Literal.Create(0L)),
            BinaryLogical.And(new IsNull(value!, negated: true), new Comparison(ComparisonOperator.Equal, stats.Output[0], stats.Output[1])));
        return Restrict(Analyze(new Filter(keep, withStats)), plan.Output);
    }

    /// <summary>
    /// The plan of a subquery with its correlation: when it resolves on its own, uncorrelated (with ids distinct from
    /// the outer query's); otherwise its WHERE conjuncts <c>inner = outer</c> over columns of <paramref name="outer"/>
    /// become the correlation keys (Spark's decorrelation of equality predicates), the other conjuncts filter the
    /// subquery, and the plan outputs the select items then the inner key columns - grouped by those keys when the
    /// select list aggregates (a scalar subquery).
    /// </summary>
    private (LogicalPlan Plan, List<(Expression Outer, Expression Inner)> Keys, List<Expression> Residual, bool CountLike) PlanSubquery(
        SubqueryExpression s, IReadOnlyList<AttributeReference> outer, Ctes ctes, int? expectedColumns)
    {
        var query = s.Query;
        LogicalPlan plan;
        try
        {
            plan = Fresh(PlanQuery(query, ctes), outer);
        }
        catch (AnalysisException e) when (e.Message.StartsWith("[UNRESOLVED_COLUMN", StringComparison.Ordinal)
            && query.Body is SelectBody { From: not null, Where: not null, GroupBy: null, Having: null })
        {
            return PlanCorrelated(s, (SelectBody)query.Body, outer, ctes, expectedColumns, e);
        }
        CheckColumns(s, plan.Output.Count, expectedColumns);
        return (plan, [], [], false);
    }

    private static void CheckColumns(SubqueryExpression s, int count, int? expected)
    {
        if (expected is { } n && count != n)
        {
            throw new AnalysisException(
                $"[INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN] The subquery `{s}` must return one column, not {count}; {s.Position}.");
        }
    }

    private (LogicalPlan, List<(Expression Outer, Expression Inner)>, List<Expression>, bool) PlanCorrelated(
        SubqueryExpression s, SelectBody select, IReadOnlyList<AttributeReference> outer, Ctes ctes, int? expectedColumns, AnalysisException unresolved)
    {
        foreach (var cte in s.Query.With)
        {
            ctes = ctes.With(cte.Name, PlanQuery(cte.Query, ctes));
        }
        var from = Fresh(PlanRelation(select.From!, ctes), outer);
        var local = new List<Expression>();
        var keys = new List<(Expression Outer, Expression Inner)>();
        var residual = new List<Expression>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(select.Where!))
        {
            if (TryResolve(conjunct, from.Output) is not null)
            {
                local.Add(conjunct);
            }
            else if (conjunct is Comparison { Operator: ComparisonOperator.Equal } equal
                && (Correlation(equal.Left, equal.Right, from.Output, outer) ?? Correlation(equal.Right, equal.Left, from.Output, outer)) is { } key)
            {
                keys.Add(key);
            }
            else if (TryResolveScoped(conjunct, from.Output, outer) is { } correlated)
            {
                // Spark's DecorrelateInnerQuery keeps any other correlated predicate of an EXISTS / IN subquery's
                // filter as part of the join condition (TPC-H Q21: l2.l_suppkey <> l1.l_suppkey); a scalar
                // subquery's aggregate would have to be computed per outer row, which Spark refuses as well.
                if (s.Kind == SubqueryKind.Scalar || select.Items.Any(i => ContainsAggregate(i)))
                {
                    throw new AnalysisException(
                        $"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE] Correlated predicate `{conjunct}` "
                        + $"is not supported in an aggregating subquery: it may only compare an inner expression with an outer one by =; {s.Position}.");
                }
                residual.Add(correlated);
            }
            else
            {
                throw unresolved;
            }
        }
        if (keys.Count == 0)
        {
            if (residual.Count > 0)
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_CORRELATED_EXPRESSION_IN_JOIN_CONDITION] Correlated predicate `{residual[0]}` "
                    + $"needs a correlated equality next to it (inner = outer) to join on; {s.Position}.");
            }
            throw unresolved;
        }
        var filtered = local.Count == 0 ? from : Analyze(new Filter(PlanExpressions.And(local)!, from));
        var items = ExpandStars(select.Items, filtered.Output);
        // Inner keys get a name of their own: kept under the column's name, a key would make the outer query's column of
        // that name ambiguous once the subquery is joined in (TPC-H Q2, Q17: the same table inside and outside).
        var innerKeys = keys.Select((k, i) => (Expression)new Alias(k.Inner, $"__key{i}")).ToList();
        // The inner columns the other correlated predicates read, carried out of the subquery for the join condition.
        var innerIds = PlanExpressions.Ids(filtered.Output);
        var residualInputs = PlanExpressions.References(residual).Where(a => innerIds.Contains(a.ExprId)).ToList();
        var residualColumns = residualInputs.Select((a, i) => (Expression)new Alias(a, $"__outer_ref{i}")).ToList();
        LogicalPlan plan;
        bool countLike = false;
        if (items.Any(ContainsAggregate))
        {
            var grouping = keys.Select(k => k.Inner).ToList();
            plan = Analyze(new Aggregate(grouping, [.. items, .. innerKeys], filtered));
            var first = items[0] is Alias alias ? alias.Child : items[0];
            countLike = first is AggregateFunction { Kind: AggregateKind.Count or AggregateKind.CountDistinct };
        }
        else if (s.Kind == SubqueryKind.Scalar)
        {
            // Not aggregated: its value per key, checked to be one row when the query runs (Spark 4's single join).
            CheckColumns(s, items.Count, expectedColumns);
            var item = items[0] is Alias named ? named.Child : items[0];
            // A name of its own, as the keys': the subquery's column may share the outer query's names.
            const string name = "__value";
            var grouping = keys.Select(k => k.Inner).ToList();
            var counted = Analyze(new Aggregate(grouping, [
                new Alias(new AggregateFunction(AggregateKind.Max, item), name),
                new Alias(new AggregateFunction(AggregateKind.Count, Literal.Create(1)), "__rows"),
                .. innerKeys,
            ], filtered));
            plan = Analyze(new Project(
                [new Alias(new ScalarSubqueryValue(counted.Output[0], counted.Output[1], s.Position.ToString()), name), .. counted.Output.Skip(2)], counted));
        }
        else
        {
            plan = s.Kind == SubqueryKind.Exists
                ? Analyze(new Project([.. innerKeys, .. residualColumns], filtered))
                : Analyze(new Project([.. items, .. innerKeys, .. residualColumns], filtered));
        }
        int valueColumns = plan.Output.Count - innerKeys.Count - residualColumns.Count;
        CheckColumns(s, valueColumns, expectedColumns);
        var innerOutput = plan.Output.Skip(valueColumns).ToList();
        var carried = new Dictionary<ExprId, Expression>();
        for (int i = 0; i < residualInputs.Count; i++)
        {
            carried[residualInputs[i].ExprId] = innerOutput[innerKeys.Count + i];
        }
        return (plan, [.. keys.Select((k, i) => (k.Outer, (Expression)innerOutput[i]))], [.. residual.Select(r => PlanExpressions.Substitute(r, carried))], countLike);
    }

    /// <summary>
    /// A correlated predicate resolved with the subquery's columns first and the outer query's next (a name both
    /// have is the inner one, as Spark scopes it), when it reads the outer query.
    /// </summary>
    private static Expression? TryResolveScoped(Expression e, IReadOnlyList<AttributeReference> inner, IReadOnlyList<AttributeReference> outer)
    {
        try
        {
            var resolved = Analyzer.ResolveExpression(e, c =>
            {
                try
                {
                    return Analyzer.ResolveColumn(c, inner);
                }
                catch (AnalysisException)
                {
                    return Analyzer.ResolveColumn(c, outer);
                }
            });
            var ids = PlanExpressions.Ids(inner);
            var references = PlanExpressions.References(resolved);
            return references.Any(a => !ids.Contains(a.ExprId)) ? resolved : null;
        }
        catch (AnalysisException)
        {
            return null;
        }
    }

    /// <summary><c>inner = outer</c> resolved, when <paramref name="inner"/> reads only the subquery and <paramref name="outer"/> only the outer query.</summary>
    private static (Expression Outer, Expression Inner)? Correlation(
        Expression inner, Expression outer, IReadOnlyList<AttributeReference> innerInput, IReadOnlyList<AttributeReference> outerInput) =>
        TryResolve(inner, innerInput) is { } i && TryResolve(outer, outerInput) is { } o ? (o, i) : null;

    private static Expression? TryResolve(Expression e, IReadOnlyList<AttributeReference> input)
    {
        try
        {
            return Analyzer.ResolveExpression(e, input);
        }
        catch (AnalysisException)
        {
            return null;
        }
    }

    /// <summary>The subquery's plan with fresh column ids when it shares any with the outer query (it reads the same view).</summary>
    private static LogicalPlan Fresh(LogicalPlan plan, IReadOnlyList<AttributeReference> outer) =>
        PlanExpressions.Ids(outer).Overlaps(plan.Descendants().SelectMany(n => n.Output).Select(a => a.ExprId))
            ? Analyzer.NewInstance(plan)
            : plan;
}
