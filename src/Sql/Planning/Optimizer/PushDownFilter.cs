using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

using Window = Rdd.Sql.Planning.Logical.Window;

/// <summary>
/// [PushDownFilter] moves filters towards the data, as Spark's PushDownPredicates:
/// <list type="bullet">
/// <item>through a Project (substituting its aliases), Sort, Distinct and SubqueryAlias;</item>
/// <item>into every input of a Union (its columns renamed to each input's by position);</item>
/// <item>below an Aggregate, the conjuncts that read grouping columns only; below a Window, those that read
/// its partition columns only;</item>
/// <item>through a Join, the conjuncts that read one side only, to a side whose rows the join preserves
/// (left for inner/cross/left outer/semi/anti, right for inner/cross/right outer, neither for full outer);
/// conjuncts over both sides of an inner or cross join become part of its condition; and the join's own
/// condition sends one-side conjuncts to the side it does not preserve (Spark's rule for ON clauses);</item>
/// <item>into a Scan as <see cref="Scan.PushedFilters"/>. The Filter stays above the scan unless the source
/// says it applies filters exactly (<see cref="DataSource.ExactFilters"/>): today's readers only use pushed
/// filters to skip work, so the Filter remains the one that guarantees the result.</item>
/// </list>
/// Non-deterministic conjuncts are never moved.
/// </summary>
internal sealed class PushDownFilter : IOptimizerRule
{
    public string Name => nameof(PushDownFilter);

    public LogicalPlan Rewrite(LogicalPlan plan) => plan.TransformDown(Push);

    private static LogicalPlan Push(LogicalPlan node) => node switch
    {
        Filter { Child: Project p } f when p.ProjectList.All(PlanExpressions.IsDeterministic) && PlanExpressions.IsDeterministic(f.Condition) =>
            new Project(p.ProjectList, new Filter(PlanExpressions.Substitute(f.Condition, PlanExpressions.AliasMap(p.ProjectList)), p.Child)),
        Filter { Child: Sort s } f => new Sort(s.Order, new Filter(f.Condition, s.Child)),
        Filter { Child: Distinct d } f => new Distinct(new Filter(f.Condition, d.Child)),
        Filter { Child: SubqueryAlias a } f => new SubqueryAlias(a.Alias, new Filter(f.Condition, a.Child)),
        Filter { Child: Union u } f when PlanExpressions.IsDeterministic(f.Condition) => PushIntoUnion(f, u),
        Filter { Child: Aggregate a } f => PushBelowAggregate(f, a),
        Filter { Child: Window w } f => PushBelowWindow(f, w),
        Filter { Child: Join j } f => PushIntoJoin(f, j),
        Filter { Child: Scan s } f => PushIntoScan(f, s),
        Join j => PushJoinCondition(j),
        _ => node,
    };

    private static LogicalPlan PushIntoUnion(Filter filter, Union union)
    {
        var first = union.Children[0].Output;
        var children = union.Children.Select((child, i) =>
        {
            var output = child.Output;
            var rename = new Dictionary<ExprId, Expression>();
            for (int c = 0; c < first.Count; c++)
            {
                rename[first[c].ExprId] = output[c];
            }
            return (LogicalPlan)new Filter(i == 0 ? filter.Condition : PlanExpressions.Substitute(filter.Condition, rename), child);
        }).ToList();
        return new Union(children);
    }

    private static LogicalPlan PushBelowAggregate(Filter filter, Aggregate aggregate)
    {
        var aliases = PlanExpressions.AliasMap(aggregate.AggregateExpressions);
        var groupingIds = PlanExpressions.Ids(PlanExpressions.References(aggregate.GroupingExpressions));
        var pushed = new List<Expression>();
        var kept = new List<Expression>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(filter.Condition))
        {
            var replaced = PlanExpressions.Substitute(conjunct, aliases);
            bool pushable = PlanExpressions.IsDeterministic(conjunct)
                && !replaced.Descendants().Any(e => e.IsAggregate)
                && PlanExpressions.References(replaced).Count > 0
                && PlanExpressions.ReadsOnly(replaced, groupingIds);
            (pushable ? pushed : kept).Add(pushable ? replaced : conjunct);
        }
        if (pushed.Count == 0)
        {
            return filter;
        }
        var newAggregate = new Aggregate(aggregate.GroupingExpressions, aggregate.AggregateExpressions, WithFilter(aggregate.Child, pushed));
        return WithFilter(newAggregate, kept);
    }

    private static LogicalPlan PushBelowWindow(Filter filter, Window window)
    {
        if (!window.PartitionSpec.All(p => p is AttributeReference))
        {
            return filter;
        }
        var partitionIds = PlanExpressions.Ids(window.PartitionSpec.Cast<AttributeReference>());
        var conjuncts = PlanExpressions.SplitConjuncts(filter.Condition);
        var pushed = conjuncts
            .Where(c => PlanExpressions.IsDeterministic(c) && PlanExpressions.References(c).Count > 0 && PlanExpressions.ReadsOnly(c, partitionIds))
            .ToList();
        if (pushed.Count == 0)
        {
            return filter;
        }
        var newWindow = new Window(window.WindowExpressions, window.PartitionSpec, window.OrderSpec, WithFilter(window.Child, pushed));
        return WithFilter(newWindow, [.. conjuncts.Where(c => !pushed.Contains(c))]);
    }

    private static LogicalPlan PushIntoJoin(Filter filter, Join join)
    {
        var (leftOnly, rightOnly, both) = Split(filter.Condition, join);
        bool toLeft = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti;
        bool toRight = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.RightOuter;
        bool toCondition = join.JoinType is JoinType.Inner or JoinType.Cross;
        if (!(toLeft && leftOnly.Count > 0 || toRight && rightOnly.Count > 0 || toCondition && both.Count > 0))
        {
            return filter;
        }
        var left = toLeft ? WithFilter(join.Left, leftOnly) : join.Left;
        var right = toRight ? WithFilter(join.Right, rightOnly) : join.Right;
        var condition = toCondition
            ? PlanExpressions.And([.. join.Condition is null ? [] : PlanExpressions.SplitConjuncts(join.Condition), .. both])
            : join.Condition;
        var kept = PlanExpressions.SplitConjuncts(filter.Condition)
            .Where(c => !(toLeft && leftOnly.Contains(c) || toRight && rightOnly.Contains(c) || toCondition && both.Contains(c)))
            .ToList();
        return WithFilter(new Join(left, right, join.JoinType, condition), kept);
    }

    private static LogicalPlan PushJoinCondition(Join join)
    {
        if (join.Condition is null)
        {
            return join;
        }
        var (leftOnly, rightOnly, both) = Split(join.Condition, join);
        bool toLeft = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftSemi or JoinType.RightOuter;
        bool toRight = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftSemi or JoinType.LeftOuter or JoinType.LeftAnti;
        if (!(toLeft && leftOnly.Count > 0 || toRight && rightOnly.Count > 0))
        {
            return join;
        }
        var kept = PlanExpressions.SplitConjuncts(join.Condition)
            .Where(c => !(toLeft && leftOnly.Contains(c) || toRight && rightOnly.Contains(c)))
            .ToList();
        return new Join(
            toLeft ? WithFilter(join.Left, leftOnly) : join.Left,
            toRight ? WithFilter(join.Right, rightOnly) : join.Right,
            join.JoinType,
            PlanExpressions.And(kept));
    }

    /// <summary>The conjuncts reading only the left side, only the right side, and the rest (both sides, none, or non-deterministic).</summary>
    private static (List<Expression> LeftOnly, List<Expression> RightOnly, List<Expression> Both) Split(Expression condition, Join join)
    {
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        var leftOnly = new List<Expression>();
        var rightOnly = new List<Expression>();
        var rest = new List<Expression>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(condition))
        {
            bool movable = PlanExpressions.IsDeterministic(conjunct) && PlanExpressions.References(conjunct).Count > 0;
            if (movable && PlanExpressions.ReadsOnly(conjunct, leftIds))
            {
                leftOnly.Add(conjunct);
            }
            else if (movable && PlanExpressions.ReadsOnly(conjunct, rightIds))
            {
                rightOnly.Add(conjunct);
            }
            else
            {
                rest.Add(conjunct);
            }
        }
        return (leftOnly, rightOnly, rest);
    }

    private static LogicalPlan PushIntoScan(Filter filter, Scan scan)
    {
        var ids = PlanExpressions.Ids(scan.FullOutput);
        var conjuncts = PlanExpressions.SplitConjuncts(filter.Condition);
        var pushable = conjuncts
            .Where(c => PlanExpressions.IsDeterministic(c) && !c.Descendants().Any(e => e.IsAggregate) && PlanExpressions.ReadsOnly(c, ids))
            .ToList();
        var added = pushable.Where(c => !scan.PushedFilters.Any(p => PlanExpressions.SemanticEquals(p, c))).ToList();
        bool exact = scan.Source.ExactFilters && pushable.Count > 0;
        if (added.Count == 0 && !exact)
        {
            return filter;
        }
        var newScan = added.Count == 0 ? scan : scan.WithPushedFilters([.. scan.PushedFilters, .. added]);
        return exact
            ? WithFilter(newScan, [.. conjuncts.Where(c => !pushable.Contains(c))])
            : new Filter(filter.Condition, newScan);
    }

    private static LogicalPlan WithFilter(LogicalPlan child, IReadOnlyList<Expression> conjuncts) =>
        PlanExpressions.And(conjuncts) is { } condition ? new Filter(condition, child) : child;
}
