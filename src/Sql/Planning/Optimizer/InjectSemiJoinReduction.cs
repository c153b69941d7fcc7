using Rdd.Sql.Analysis;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// [InjectSemiJoinReduction] filters one side of an equi-join by a small, selective relation that already restricts
/// the other side's key, before that side aggregates or joins: Spark's InjectRuntimeFilter with semi-join reduction
/// (or DuckDB's join filter pushdown), done as a logical rewrite. For a join <c>A ⋈ B ON a.k = b.k</c> where every
/// value of <c>a.k</c> in A's output equals a column <c>p.k</c> of a filtered relation P (A is P, or P joins into A on
/// <c>a.k = p.k</c> or an equal column, through inner and semi joins), the rows of B whose <c>b.k</c> is not a
/// <c>p.k</c> can never match, so <c>B LEFT SEMI JOIN P' ON b.k = p'.k</c> (P' a copy of P with fresh ids) is placed
/// as deep in B as the key column can be followed: through projections, filters, the preserved side of joins, and
/// aggregates where it is a grouping column (a semi join on a grouping key keeps or drops whole groups, so it
/// commutes with the aggregate). TPC-H Q20's decorrelated sum per (part, supplier) over lineitem only sees the lines
/// of the few parts the query keeps, and Q7's customers only those of the two nations.
/// <para>
/// It only applies where it should pay, by estimates: P is a filtered scan (projections and filters over one leaf) of
/// at most <see cref="SizeThreshold"/> bytes (the broadcast threshold's default) and <see cref="MaxSourceRows"/> rows,
/// keeping at most half of its input's rows and fewer rows than the relation it filters; and the semi join lands below
/// a join of B or an aggregate on several keys (below nothing, the join itself does the same filtering; an aggregate on
/// one key costs about what the probe does, so Q17's average per part is left alone: measured slower). B's rows are
/// only dropped on a side whose unmatched rows the join drops (either for inner joins, the right of left outer and semi
/// joins, the left of right outer joins). A semi join never duplicates rows, and NULL keys match nothing on either
/// side, so results are unchanged. It runs once, after join reordering, so that it sees the final join tree.
/// </para>
/// </summary>
internal sealed class InjectSemiJoinReduction : IOptimizerRule
{
    /// <summary>The largest estimated P, in bytes: <c>spark.sql.autoBroadcastJoinThreshold</c>'s default.</summary>
    public const double SizeThreshold = 10L << 20;

    /// <summary>
    /// The most estimated rows P may have: the semi join probes every row of the relation it filters, which is only
    /// cheap while P's hash table stays in the cache. With more keys the probe costs about what the join it anticipates
    /// does (TPC-H Q5 and Q8 filtering lineitem by a year or two of orders got slower).
    /// </summary>
    public const double MaxSourceRows = 1 << 16;

    /// <summary>The largest fraction of its input rows P may keep to count as selective.</summary>
    public const double MaxSelectivity = 0.5;

    public string Name => nameof(InjectSemiJoinReduction);

    public LogicalPlan Rewrite(LogicalPlan plan) => Visit(plan);

    private static LogicalPlan Visit(LogicalPlan node)
    {
        if (node is Join join)
        {
            node = Reduce(join);
        }
        return node.MapChildren(Visit);
    }

    private static LogicalPlan Reduce(Join join)
    {
        if (join.Condition is null || join.JoinType is JoinType.FullOuter or JoinType.LeftAnti)
        {
            return join;
        }
        bool reduceLeft = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.RightOuter;
        bool reduceRight = join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.LeftSemi or JoinType.LeftOuter;
        var leftIds = PlanExpressions.Ids(join.Left.Output);
        var rightIds = PlanExpressions.Ids(join.Right.Output);
        var left = join.Left;
        var right = join.Right;
        foreach (var conjunct in PlanExpressions.SplitConjuncts(join.Condition))
        {
            if (conjunct is not Comparison { Operator: ComparisonOperator.Equal, Left: AttributeReference a, Right: AttributeReference b }
                || a.DataType != b.DataType)
            {
                continue;
            }
            var (l, r) = leftIds.Contains(a.ExprId) && rightIds.Contains(b.ExprId) ? (a, b)
                : leftIds.Contains(b.ExprId) && rightIds.Contains(a.ExprId) ? (b, a)
                : (null, null);
            if (l is null || r is null)
            {
                continue;
            }
            // Where the semi join would go is decided first, from the plan's shape alone: estimates are only computed
            // for joins that could be reduced.
            if (reduceRight && Place(right, r, null, false) is { } rightTarget
                && BestSource(left, l, rightTarget) is { } forRight && Place(right, r, forRight, false) is { } newRight)
            {
                right = newRight;
            }
            if (reduceLeft && Place(left, l, null, false) is { } leftTarget
                && BestSource(right, r, leftTarget) is { } forLeft && Place(left, l, forLeft, false) is { } newLeft)
            {
                left = newLeft;
            }
        }
        return ReferenceEquals(left, join.Left) && ReferenceEquals(right, join.Right) ? join : new Join(left, right, join.JoinType, join.Condition);
    }

    /// <summary>A relation and its column that every non-NULL value of a key column is drawn from.</summary>
    private sealed record Source(LogicalPlan Plan, AttributeReference Key);

    /// <summary>
    /// The smallest selective relation under the size threshold whose <see cref="Source.Key"/> restricts <paramref name="key"/>
    /// and that has fewer rows than <paramref name="target"/>, the relation it would filter (a semi join probes every
    /// row of the target and builds a table of the source: filtering a small relation by a bigger one does not pay); or null.
    /// </summary>
    private static Source? BestSource(LogicalPlan plan, AttributeReference key, LogicalPlan target)
    {
        var sources = new List<Source>();
        Sources(plan, key, sources);
        return sources
            .Where(s => s.Key.DataType == key.DataType && !SameTables(s.Plan, target) && IsSmallAndSelective(s) && s.Plan.Stats.RowCount < target.Stats.RowCount)
            .OrderBy(s => s.Plan.Stats.RowCount)
            .FirstOrDefault();
    }

    /// <summary>
    /// Whether both plans read the same tables: a relation filtered by (a copy of) itself, as when an earlier reduction's
    /// semi join is taken for a source, gains nothing.
    /// </summary>
    private static bool SameTables(LogicalPlan source, LogicalPlan target)
    {
        // A copy (Analyzer.NewInstance) shares its leaves' data: the scan's source, the local rows, the cached batches.
        static HashSet<object> Tables(LogicalPlan plan) =>
        [
            .. plan.Descendants().Where(n => n.Children.Count == 0).Select(n => n switch
            {
                Scan scan => scan.Source,
                LocalRelation local => local.Rows,
                InMemoryRelation cached => (object)cached.Data,
                _ => n,
            }),
        ];
        return Tables(source).SetEquals(Tables(target));
    }

    /// <summary>
    /// Whether <paramref name="plan"/> is deterministic projections, filters and aliases over one leaf that reads the same
    /// rows every time (a file scan, local or cached relation): the copy the semi join reads must keep the same keys as
    /// the original (a <c>rand()</c> filter, or an RDD recomputed with other values, would not).
    /// </summary>
    private static bool IsFilteredRelation(LogicalPlan plan) => plan switch
    {
        Project project => project.ProjectList.All(PlanExpressions.IsDeterministic) && IsFilteredRelation(project.Child),
        Filter filter => PlanExpressions.IsDeterministic(filter.Condition) && IsFilteredRelation(filter.Child),
        SubqueryAlias alias => IsFilteredRelation(alias.Child),
        Scan or LocalRelation or InMemoryRelation => true,
        _ => false,
    };

    private static bool IsSmallAndSelective(Source source)
    {
        var plan = source.Plan;
        var inputRows = plan.Descendants().Where(n => n.Children.Count == 0).Select(n => n.Stats.RowCount).DefaultIfEmpty(0).Max();
        var keys = new Project([source.Key], plan);
        return keys.Stats.SizeInBytes <= SizeThreshold && plan.Stats.RowCount <= MaxSourceRows && plan.Stats.RowCount <= MaxSelectivity * inputRows;
    }

    /// <summary>
    /// Collects the relations whose column constrains <paramref name="key"/> in <paramref name="plan"/>'s output: down
    /// through projections of the column, filters and aliases over joins, into the join side that outputs it, and across
    /// equalities of inner and semi join conditions to the other side's column. Where no join is left below, that
    /// subtree (a filtered scan, an aggregate, ...) is the relation.
    /// </summary>
    private static void Sources(LogicalPlan plan, AttributeReference key, List<Source> sources)
    {
        switch (plan)
        {
            case Join join:
            {
                bool inLeft = join.Left.Output.Any(o => o.ExprId == key.ExprId);
                Sources(inLeft ? join.Left : join.Right, key, sources);
                if (join.JoinType is not (JoinType.Inner or JoinType.Cross or JoinType.LeftSemi) || join.Condition is null)
                {
                    return;
                }
                var other = inLeft ? join.Right : join.Left;
                foreach (var conjunct in PlanExpressions.SplitConjuncts(join.Condition))
                {
                    if (conjunct is Comparison { Operator: ComparisonOperator.Equal, Left: AttributeReference a, Right: AttributeReference b })
                    {
                        var partner = a.ExprId == key.ExprId ? b : b.ExprId == key.ExprId ? a : null;
                        if (partner is not null && other.Output.Any(o => o.ExprId == partner.ExprId))
                        {
                            Sources(other, partner, sources);
                        }
                    }
                }
                return;
            }
            case Project or Filter or SubqueryAlias when plan.Descendants().Skip(1).Any(n => n is Join):
            {
                if (Below(plan, key) is { } inner)
                {
                    Sources(plan.Children[0], inner, sources);
                }
                return;
            }
            // Only a filtered relation is cheap enough to read twice: an aggregate or a join below stays where it is.
            case var _ when IsFilteredRelation(plan):
                sources.Add(new Source(plan, plan.Output.First(o => o.ExprId == key.ExprId)));
                return;
            default:
                return;
        }
    }

    /// <summary>
    /// The column of <paramref name="plan"/>'s only child that <paramref name="key"/> passes through unchanged
    /// (a Project's column or alias of a column, a Filter's or SubqueryAlias's own), or null.
    /// </summary>
    private static AttributeReference? Below(LogicalPlan plan, AttributeReference key) => plan switch
    {
        Project project => project.ProjectList.FirstOrDefault(e => PlanExpressions.ToAttribute(e).ExprId == key.ExprId) switch
        {
            AttributeReference a => a,
            NamedAlias { Child: AttributeReference a } => a,
            _ => null,
        },
        Aggregate aggregate => aggregate.AggregateExpressions.FirstOrDefault(e => PlanExpressions.ToAttribute(e).ExprId == key.ExprId) switch
        {
            AttributeReference a when aggregate.GroupingExpressions.Any(g => g is AttributeReference ga && ga.ExprId == a.ExprId) => a,
            NamedAlias { Child: AttributeReference a } when aggregate.GroupingExpressions.Any(g => g is AttributeReference ga && ga.ExprId == a.ExprId) => a,
            _ => null,
        },
        Filter or SubqueryAlias => plan.Children[0].Output.First(o => o.ExprId == key.ExprId),
        _ => null,
    };

    /// <summary>
    /// <paramref name="plan"/> with its rows whose <paramref name="key"/> is not in the source's keys removed, by a semi join
    /// placed as deep as the key can be followed; null when that place is not below an aggregate or a join
    /// (<paramref name="passed"/> says whether one was passed on the way), or already holds this reduction. Without a
    /// source, only finds the place: the relation the semi join would filter, or null.
    /// </summary>
    private static LogicalPlan? Place(LogicalPlan plan, AttributeReference key, Source? source, bool passed)
    {
        switch (plan)
        {
            case Join { JoinType: JoinType.LeftSemi, Condition: Comparison { Operator: ComparisonOperator.Equal, Left: AttributeReference a } } semi
                when source is not null && a.ExprId == key.ExprId && IsCopyOf(semi.Right, source):
                return null;
            case Join join when join.JoinType is not JoinType.FullOuter:
            {
                bool inLeft = join.Left.Output.Any(o => o.ExprId == key.ExprId);
                bool preserved = inLeft
                    ? join.JoinType is not JoinType.RightOuter
                    : join.JoinType is JoinType.Inner or JoinType.Cross or JoinType.RightOuter;
                if (preserved)
                {
                    var side = Place(inLeft ? join.Left : join.Right, key, source, true);
                    return side is null || source is null ? side : inLeft
                        ? new Join(side, join.Right, join.JoinType, join.Condition)
                        : new Join(join.Left, side, join.JoinType, join.Condition);
                }
                break;
            }
            // A filter over a leaf stays below the semi join: it is the cheaper one to run first.
            case Project or SubqueryAlias or Aggregate or Filter { Child.Children.Count: > 0 }:
                if (Below(plan, key) is { } inner)
                {
                    // An aggregate on one key costs per row about what the semi join's probe does, so shrinking its input
                    // alone does not pay (TPC-H Q17 and Q2 measured slower); on several keys it does (Q20).
                    var child = Place(plan.Children[0], inner, source, passed || plan is Aggregate { GroupingExpressions.Count: > 1 });
                    return child is null || source is null ? child : plan.WithChildren([child]);
                }
                break;
        }
        if (!passed || source is null)
        {
            return passed ? plan : null;
        }
        // A copy with fresh ids: the source stays where it is, and no attribute id appears twice in the plan.
        var copy = Analyzer.NewInstance(source.Plan);
        var copyKey = copy.Output[IndexOf(source.Plan.Output, source.Key)];
        var keys = new Project([copyKey], copy);
        return new Join(plan, keys, JoinType.LeftSemi, new Comparison(ComparisonOperator.Equal, key, copyKey));
    }

    private static int IndexOf(IReadOnlyList<AttributeReference> output, AttributeReference key)
    {
        for (int i = 0; i < output.Count; i++)
        {
            if (output[i].ExprId == key.ExprId)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"Column {key.Name}#{key.ExprId} is not in its relation's output.");
    }

    /// <summary>Whether <paramref name="keys"/> is this rule's projection of a copy of the source (same plan text, fresh ids).</summary>
    private static bool IsCopyOf(LogicalPlan keys, Source source) =>
        keys is Project { ProjectList: [AttributeReference k] } project && k.Name == source.Key.Name
        && project.Child.TreeString() == source.Plan.TreeString();
}
