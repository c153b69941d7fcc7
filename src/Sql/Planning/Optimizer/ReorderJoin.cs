using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [ReorderJoin] orders a tree of three or more inner (or cross) joins, as Spark's ReorderJoin with a cheap cost on
/// top, so that <c>FROM a, b, c WHERE …</c> written in any order never joins two unrelated relations (a cross
/// product) while a connected order exists. It runs once, after filters have been pushed into the join conditions:
/// the relations of the tree are collected with every conjunct of its conditions, then a left-deep tree is built
/// greedily from the relation with the most estimated rows (the fact table, which then streams through the joins
/// as their probe side), adding at each step, among the relations an equality connects to those joined so far, the
/// one with the fewest estimated rows (a filtered dimension first: it shrinks the result soonest and is the cheapest
/// to build or broadcast). Each conjunct goes to the first join where every relation it reads is present. A
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
        // Each equality conjunct as the two sets of relations its sides read.
        var equalities = conjuncts
            .OfType<Comparison>()
            .Where(c => c.Operator == ComparisonOperator.Equal)
            .Select(c => (Left: ItemsRead(c.Left, ids), Right: ItemsRead(c.Right, ids)))
            .Where(e => e.Left.Count > 0 && e.Right.Count > 0 && !e.Left.Overlaps(e.Right))
            .ToList();
        var rows = items.Select(i => i.Stats.RowCount).ToList();
        int start = Enumerable.Range(0, items.Count).MaxBy(i => rows[i]);
        var order = new List<int> { start };
        var joined = new HashSet<int> { start };
        while (order.Count < items.Count)
        {
            var remaining = Enumerable.Range(0, items.Count).Where(i => !joined.Contains(i)).ToList();
            bool Connected(int candidate) => equalities.Any(e =>
                e.Left.IsSubsetOf(joined) && e.Right.SetEquals([candidate]) || e.Right.IsSubsetOf(joined) && e.Left.SetEquals([candidate]));
            var connected = remaining.Where(Connected).ToList();
            // No relation connects (a real cross product in the query): the smallest one, to keep the product small.
            var pool = connected.Count > 0 ? connected : remaining;
            int next = pool.OrderBy(i => rows[i]).ThenBy(i => items[i].Stats.SizeInBytes).ThenBy(i => i).First();
            order.Add(next);
            joined.Add(next);
        }
        return order;
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
