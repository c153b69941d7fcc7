using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        /// <summary>
        /// GROUP BY: a <see cref="HashAggregateExec"/> computing the grouping keys and each distinct aggregate
        /// function once (its output: keys, then functions), then a <see cref="ProjectExec"/> computing the logical
        /// aggregate list over that output (aggregates inside expressions such as <c>sum(a) + 1</c>, grouping
        /// expressions reused in the select list), skipped when it would be the identity.
        /// </summary>
        private PhysicalPlan PlanAggregate(Aggregate aggregate)
        {
            var child = PlanNode(aggregate.Child);
            var input = aggregate.Child.Output;

            // Stand-in attributes for the hash aggregate's output columns.
            var grouping = aggregate.GroupingExpressions;
            var groupingAttributes = grouping
                .Select((g, i) => g is AttributeReference a ? a : AttributeReference.Create($"_groupingexpression{i}", g.DataType, g.Nullable))
                .ToList();
            var functions = new List<AggregateFunction>();
            var functionAttributes = new List<AttributeReference>();

            Expression Rewrite(Expression expression) => expression.TransformDown(e =>
            {
                for (int i = 0; i < grouping.Count; i++)
                {
                    if (grouping[i] is not AttributeReference && e is not NamedAlias && PlanExpressions.SemanticEquals(e, grouping[i]))
                    {
                        return groupingAttributes[i];
                    }
                }
                if (e is AggregateFunction function)
                {
                    int index = functions.FindIndex(f => PlanExpressions.SemanticEquals(f, function));
                    if (index < 0)
                    {
                        index = functions.Count;
                        functions.Add(function);
                        functionAttributes.Add(AttributeReference.Create($"_agg{index}", function.DataType, function.Nullable));
                    }
                    return functionAttributes[index];
                }
                return e;
            });

            var resultList = aggregate.AggregateExpressions.Select(Rewrite).ToList();
            var hashAggregate = new HashAggregateExec(
                child,
                Bind(grouping, input),
                [.. functions.Select((f, i) => (Expression)new Alias(Bind(f, input), functionAttributes[i].Name))],
                numPartitions: null);
            IReadOnlyList<AttributeReference> aggregateOutput = [.. groupingAttributes, .. functionAttributes];
            var projections = Bind(resultList, aggregateOutput);
            bool identity = projections.Count == aggregateOutput.Count
                && projections.Select((p, i) => p is BoundReference r && r.Ordinal == i && r.Name == hashAggregate.Schema[i].Name).All(x => x);
            return identity ? hashAggregate : new ProjectExec(hashAggregate, projections);
        }
    }
}
