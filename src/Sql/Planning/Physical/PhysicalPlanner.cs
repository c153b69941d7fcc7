using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

using Window = Rdd.Sql.Planning.Logical.Window;

/// <summary>
/// Turns an optimized logical plan into physical operators: one partial file per logical operator. Every
/// expression is bound to its child's output with <see cref="PlanExpressions.BindReferences"/> (attributes by
/// <see cref="ExprId"/> to ordinals), and every physical node's columns are in the order of the logical node's
/// <see cref="LogicalPlan.Output"/>. <see cref="SubqueryAlias"/> is transparent.
/// </summary>
internal static partial class PhysicalPlanner
{
    /// <summary>The physical plan of <paramref name="optimized"/> (analyzed and, normally, optimized).</summary>
    /// <param name="optimized">The plan.</param>
    /// <param name="context">The context the operators run on.</param>
    /// <param name="broadcastThreshold">Join sides estimated at most this many bytes are broadcast; negative: never (<c>spark.sql.autoBroadcastJoinThreshold</c>).</param>
    /// <exception cref="NotSupportedException">A node with no physical operator yet (outer joins without equi-keys).</exception>
    public static PhysicalPlan Plan(LogicalPlan optimized, RddContext context, long broadcastThreshold = RuntimeConfig.DefaultAutoBroadcastJoinThreshold)
    {
        ArgumentNullException.ThrowIfNull(optimized);
        ArgumentNullException.ThrowIfNull(context);
        return new Planner(context, broadcastThreshold).PlanNode(optimized);
    }

    /// <summary>The physical section of EXPLAIN: the operator tree, one node per line.</summary>
    public static string ExplainPhysical(PhysicalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.TreeString();
    }

    /// <summary>Binds <paramref name="expression"/> to the ordinals of <paramref name="input"/>.</summary>
    private static Expression Bind(Expression expression, IReadOnlyList<AttributeReference> input) =>
        PlanExpressions.BindReferences(expression, input);

    private static IReadOnlyList<Expression> Bind(IEnumerable<Expression> expressions, IReadOnlyList<AttributeReference> input) =>
        [.. expressions.Select(e => Bind(e, input))];

    private sealed partial class Planner(RddContext context, long broadcastThreshold)
    {
        public RddContext Context { get; } = context;

        /// <summary>The size in bytes up to which a join side is broadcast; negative: never.</summary>
        public long BroadcastThreshold { get; } = broadcastThreshold;

        public PhysicalPlan PlanNode(LogicalPlan plan) => plan switch
        {
            Scan scan => PlanScan(scan),
            LocalRelation local => PlanLocalRelation(local),
            InMemoryRelation cached => new InMemoryTableScanExec(cached.Schema, cached.Data),
            RddRelation rdd => new RddScanExec(rdd.Schema, rdd.Batches),
            Project project => PlanProject(project),
            Filter filter => PlanFilter(filter),
            Aggregate aggregate => PlanAggregate(aggregate),
            Join join => PlanJoin(join),
            Sort sort => PlanSort(sort),
            Limit limit => PlanLimit(limit),
            Offset offset => PlanOffset(offset),
            Union union => PlanUnion(union),
            Distinct distinct => PlanDistinct(distinct),
            SubqueryAlias alias => PlanNode(alias.Child),
            Window window => PlanWindow(window),
            Generate generate => PlanGenerate(generate),
            WindowGroupLimit limit => PlanWindowGroupLimit(limit),
            _ => throw new NotSupportedException($"No physical operator for the logical node '{plan.NodeString}' ({plan.GetType().Name})."),
        };
    }
}
