using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        private PhysicalPlan PlanFilter(Filter filter)
        {
            var child = PlanNode(filter.Child);
            var condition = Bind(filter.Condition, filter.Child.Output);
            if (child is FileScanExec { Source.Format: DataSourceFormat.Parquet, DictionaryFilter: null } scan)
            {
                // The scan drops what the condition's one-column conjuncts reject before decoding dictionary columns.
                child = scan.WithFilterAbove(condition);
            }
            return new FilterExec(child, condition);
        }
    }
}
