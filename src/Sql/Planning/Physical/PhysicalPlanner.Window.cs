using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

using Window = Rdd.Sql.Planning.Logical.Window;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        /// <summary>
        /// A <see cref="WindowExec"/>: the child's columns, then one per window expression (the logical node's output
        /// order). Over a <see cref="WindowGroupLimit"/> with the same partitioning, the window reuses the limit's
        /// exchange: its input is already partitioned by the window's keys and trimmed to the rows it keeps. Filters
        /// in between (pushed below the window) keep rows in their partitions, so they do not change that.
        /// </summary>
        private PhysicalPlan PlanWindow(Window window)
        {
            var input = window.Child.Output;
            var below = window.Child;
            while (below is Filter filter)
            {
                below = filter.Child;
            }
            bool overGroupLimit = below is WindowGroupLimit limit && SamePartitioning(window, limit);
            var child = PlanNode(window.Child);
            return new WindowExec(
                child,
                Bind(window.WindowExpressions, input),
                Bind(window.PartitionSpec, input),
                [.. window.OrderSpec.Select(o => (SortOrder)Bind(o, input))],
                childPartitioned: overGroupLimit);
        }

        /// <summary>
        /// Spark's plan for a window group limit: <see cref="WindowGroupLimitExec"/> in partial mode on each input
        /// partition, an <see cref="ExchangeExec"/> by the partition keys (the default parallelism's partition count,
        /// or one partition without keys), and the final <see cref="WindowGroupLimitExec"/> on each window partition.
        /// </summary>
        private PhysicalPlan PlanWindowGroupLimit(WindowGroupLimit limit)
        {
            var child = PlanNode(limit.Child);
            var input = limit.Child.Output;
            var partitionSpec = Bind(limit.PartitionSpec, input);
            IReadOnlyList<SortOrder> orderSpec = [.. limit.OrderSpec.Select(o => (SortOrder)Bind(o, input))];
            var partial = new WindowGroupLimitExec(child, partitionSpec, orderSpec, limit.RankLikeFunction.Kind, limit.Limit, WindowGroupLimitMode.Partial);
            var exchange = new ExchangeExec(partial, partitionSpec, Math.Max(1, Context.DefaultParallelism));
            return new WindowGroupLimitExec(exchange, partitionSpec, orderSpec, limit.RankLikeFunction.Kind, limit.Limit, WindowGroupLimitMode.Final);
        }

        private static bool SamePartitioning(Window window, WindowGroupLimit limit) =>
            window.PartitionSpec.Count == limit.PartitionSpec.Count
            && window.PartitionSpec.Zip(limit.PartitionSpec).All(p => PlanExpressions.SemanticEquals(p.First, p.Second));
    }
}
