using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Estimation;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [ReorderJoin] orders a tree of three or more inner (or cross) joins, as Spark's ReorderJoin with a cheap cost on
/// top, so that <c>FROM a, b, c WHERE …</c> written in any order never joins two unrelated relations (a cross
/// product) while a connected order exists. It runs once, after filters have been pushed into the join conditions:
/// the relations of the tree are collected with every conjunct of its conditions, then a left-deep tree is built
/// greedily from each relation in turn (keeping the order with the smallest sum of estimated intermediate rows, the
/// bigger start on a tie: the fact table, which then streams through the joins as their probe side), adding at each step, among the relations an equality connects to those joined so far, the
/// one giving the smallest estimated result (rows of both sides over the larger distinct-value bound of the join key,
/// <see cref="DistinctValues"/>: a filtered dimension joins first, a join on a low-cardinality column such as a
/// nation key last), the relation with fewer rows on a tie (the cheaper one to build or broadcast). Each conjunct goes to the first join where every relation it reads is present. A
/// projection on top keeps the original column order. Joins of other types and anything under a projection or
/// aggregate are relations of the tree, reordered on their own.
/// </summary>
internal sealed class ReorderJoin : IOptimizerRule
{
    public string Name => nameof(ReorderJoin);

    public LogicalPlan Rewrite(LogicalPlan plan) => Visit(plan);

    private static LogicalPlan Visit(LogicalPlan node)
    {
        if (node is Join { JoinType: JoinType.Inner or JoinType.Cross } join)
        {
            var items = new List<LogicalPlan>();
            var conjuncts = new List<Expression>();
            Flatten(join, items, conjuncts);
            if (items.Count > 2 && conjuncts.Count > 0)
            {
                var visited = items.Select(Visit).ToList();
                var order = Order(visited, conjuncts);
                bool unchanged = order.SequenceEqual(Enumerable.Range(0, items.Count)) && IsLeftDeep(join)
                    && visited.Select((v, i) => ReferenceEquals(v, items[i])).All(same => same);
                return unchanged ? join : Build(join, visited, order, conjuncts);
            }
        }
        return node.MapChildren(Visit);
    }

    private static bool IsInnerJoin(LogicalPlan plan) => plan is Join { JoinType: JoinType.Inner or JoinType.Cross };

    private static void Flatten(LogicalPlan plan, List<LogicalPlan> items, List<Expression> conjuncts)
    {
        if (plan is Join { JoinType: JoinType.Inner or JoinType.Cross } join)
        {
            Flatten(join.Left, items, conjuncts);
            Flatten(join.Right, items, conjuncts);
            if (join.Condition is not null)
            {
                conjuncts.AddRange(PlanExpressions.SplitConjuncts(join.Condition));
            }
        }
        else
        {
            items.Add(plan);
        }
    }

    /// <summary>Whether every join of the tree has a relation, not a join of the tree, as its right input.</summary>
    private static bool IsLeftDeep(LogicalPlan plan) =>
        plan is not Join { JoinType: JoinType.Inner or JoinType.Cross } join || !IsInnerJoin(join.Right) && IsLeftDeep(join.Left);

    /// <summary>The greedy order, as indices into <paramref name="items"/>.</summary>
    internal static IReadOnlyList<int> Order(IReadOnlyList<LogicalPlan> items, IReadOnlyList<Expression> conjuncts)
    {
        var ids = items.Select(i => PlanExpressions.Ids(i.Output)).ToList();
        // Each equality conjunct with the relations its two sides read.
        var equalities = conjuncts
            .OfType<Comparison>()
            .Where(c => c.Operator == ComparisonOperator.Equal)
            .Select(c => new Equality(c.Left, c.Right, ItemsRead(c.Left, ids), ItemsRead(c.Right, ids)))
            .Where(e => e.LeftItems.Count > 0 && e.RightItems.Count > 0 && !e.LeftItems.Overlaps(e.RightItems))
            .ToList();
        var rows = items.Select(i => Math.Max(1, i.Stats.RowCount)).ToList();
        // Every relation as the start, keeping the order whose intermediate results add up to the fewest estimated
        // rows (a few greedy runs over a handful of relations); on a tie the bigger start, the fact table.
        return Enumerable.Range(0, items.Count)
            .Select(start => Greedy(start, items, rows, equalities))
            .OrderBy(run => run.Cost)
            .ThenByDescending(run => rows[run.Order[0]])
            .ThenBy(run => run.Order[0])
            .First()
            .Order;
    }

    /// <summary>The greedy order from <paramref name="start"/>, and the sum of its intermediate results' estimated rows.</summary>
    private static (List<int> Order, double Cost) Greedy(int start, IReadOnlyList<LogicalPlan> items, IReadOnlyList<double> rows, IReadOnlyList<Equality> equalities)
    {
        var order = new List<int> { start };
        var joined = new HashSet<int> { start };
        double current = rows[start];
        double cost = 0;
        while (order.Count < items.Count)
        {
            var remaining = Enumerable.Range(0, items.Count).Where(i => !joined.Contains(i)).ToList();
            var estimates = remaining.ToDictionary(i => i, i => JoinedRows(current, i, joined, items, rows, equalities));
            var connected = remaining.Where(i => estimates[i] is not null).ToList();
            // No relation connects (a real cross product in the query): the smallest one, to keep the product small.
            int next = connected.Count > 0
                ? connected.OrderBy(i => estimates[i]!.Value).ThenBy(i => rows[i]).ThenBy(i => i).First()
                : remaining.OrderBy(i => rows[i]).ThenBy(i => i).First();
            current = Math.Max(1, estimates[next] ?? current * rows[next]);
            order.Add(next);
            joined.Add(next);
            if (order.Count < items.Count)
            {
                cost += current;
            }
        }
        return (order, cost);
    }

    /// <summary>An equality conjunct and the relations each side reads.</summary>
    private sealed record Equality(Expression Left, Expression Right, HashSet<int> LeftItems, HashSet<int> RightItems);

    /// <summary>
    /// The estimated rows of joining relation <paramref name="candidate"/> to the relations joined so far
    /// (<paramref name="current"/> rows), or null when no equality connects them: for each connecting equality
    /// <c>current × candidate ÷ max(distinct values of either side)</c>, the smallest (the most selective key wins).
    /// </summary>
    private static double? JoinedRows(double current, int candidate, HashSet<int> joined, IReadOnlyList<LogicalPlan> items,
        IReadOnlyList<double> rows, IReadOnlyList<Equality> equalities)
    {
        double? best = null;
        foreach (var e in equalities)
        {
            Expression joinedSide, candidateSide;
            if (e.LeftItems.IsSubsetOf(joined) && e.RightItems.SetEquals([candidate]))
            {
                (joinedSide, candidateSide) = (e.Left, e.Right);
            }
            else if (e.RightItems.IsSubsetOf(joined) && e.LeftItems.SetEquals([candidate]))
            {
                (joinedSide, candidateSide) = (e.Right, e.Left);
            }
            else
            {
                continue;
            }
            var (joinedDistinct, candidateDistinct) = Distinct(joinedSide, candidateSide, items);
            joinedDistinct = Math.Min(current, joinedDistinct);
            double estimate = current * rows[candidate] / Math.Max(1, Math.Max(joinedDistinct, candidateDistinct));
            best = best is { } b ? Math.Min(b, estimate) : estimate;
        }
        return best;
    }

    /// <summary>
    /// The distinct values of the two sides of an equality: for two columns, their bounds in their relations
    /// (<see cref="DistinctValues.OfKeyPair"/>); for expressions, the rows of the relation each reads.
    /// </summary>
    private static (double Joined, double Candidate) Distinct(Expression joinedSide, Expression candidateSide, IReadOnlyList<LogicalPlan> items)
    {
        LogicalPlan? ItemOf(Expression side)
        {
            var references = PlanExpressions.References(side);
            return items.FirstOrDefault(i => references.All(r => i.Output.Any(o => o.ExprId == r.ExprId)));
        }
        var (joinedItem, candidateItem) = (ItemOf(joinedSide), ItemOf(candidateSide));
        if (joinedSide is AttributeReference a && candidateSide is AttributeReference b && joinedItem is not null && candidateItem is not null)
        {
            return DistinctValues.OfKeyPair(joinedItem, a, candidateItem, b);
        }
        return (joinedItem is null ? double.MaxValue : Math.Max(1, joinedItem.Stats.RowCount),
            candidateItem is null ? double.MaxValue : Math.Max(1, candidateItem.Stats.RowCount));
    }

    private static HashSet<int> ItemsRead(Expression expression, IReadOnlyList<HashSet<ExprId>> ids)
    {
        var read = new HashSet<int>();
        foreach (var attribute in PlanExpressions.References(expression))
        {
            for (int i = 0; i < ids.Count; i++)
            {
                if (ids[i].Contains(attribute.ExprId))
                {
                    read.Add(i);
                }
            }
        }
        return read;
    }

    private static LogicalPlan Build(Join original, IReadOnlyList<LogicalPlan> items, IReadOnlyList<int> order, IReadOnlyList<Expression> conjuncts)
    {
        var ids = items.Select(i => PlanExpressions.Ids(i.Output)).ToList();
        var pending = conjuncts.Select(c => (Conjunct: c, Items: ItemsRead(c, ids))).ToList();
        var joined = new HashSet<int>();
        LogicalPlan? tree = null;
        foreach (int next in order)
        {
            joined.Add(next);
            var ready = pending.Where(p => p.Items.IsSubsetOf(joined)).ToList();
            pending.RemoveAll(p => p.Items.IsSubsetOf(joined));
            var condition = PlanExpressions.And(ready.Select(p => p.Conjunct));
            if (tree is null)
            {
                // Conjuncts over the first relation alone (or over no relation): a filter on it.
                tree = condition is null ? items[next] : new Filter(condition, items[next]);
                continue;
            }
            tree = new Join(tree, items[next], condition is null ? JoinType.Cross : JoinType.Inner, condition);
        }
        var output = original.Output;
        bool sameOrder = tree!.Output.Select(a => a.ExprId).SequenceEqual(output.Select(a => a.ExprId));
        return sameOrder ? tree : new Project([.. output], tree);
    }
}
