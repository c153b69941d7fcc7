using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Planning.Physical;

internal static partial class PhysicalPlanner
{
    private sealed partial class Planner
    {
        /// <summary>
        /// A scan. Files become a <see cref="FileScanExec"/> reading only the required columns; in-memory batches a
        /// <see cref="BatchSourceExec"/> (the source's partitions as they are) with a projection when columns were pruned.
        /// Pushed filters are evaluated in the scan only when the source promises exact filtering
        /// (<see cref="DataSource.ExactFilters"/>, the optimizer then drops the Filter above); otherwise the Filter
        /// stays above the scan and the pushed filters are ignored here, as they are only a hint.
        /// </summary>
        private PhysicalPlan PlanScan(Scan scan)
        {
            var source = scan.Source;
            var output = scan.Output;
            var filters = source.ExactFilters ? scan.PushedFilters : [];

            // Columns to read: the output in its order, then the columns only the filters read.
            var outputIds = PlanExpressions.Ids(output);
            var read = output.Concat(PlanExpressions.References(filters).Where(a => !outputIds.Contains(a.ExprId))).ToList();
            var ordinals = read.Select(a => FullOutputOrdinal(scan, a)).ToList();

            if (source.Format == DataSourceFormat.Batches)
            {
                PhysicalPlan plan = new BatchSourceExec(Context, source.Schema, source.BatchPartitions ?? []);
                if (filters.Count > 0)
                {
                    plan = new FilterExec(plan, Bind(PlanExpressions.And(filters)!, scan.FullOutput));
                }
                bool identity = output.Count == scan.FullOutput.Count && ordinals.Take(output.Count).Select((o, i) => o == i).All(x => x);
                return identity ? plan : new ProjectExec(plan, Bind(output, scan.FullOutput));
            }

            // Parquet skips row groups by the pushed filters' statistics even though the Filter above still runs.
            var pruning = source.Format == DataSourceFormat.Parquet ? Bind(scan.PushedFilters, scan.FullOutput) : null;
            return new FileScanExec(Context, source, ordinals, output.Count, Bind(filters, read), pruningFilters: pruning);
        }

        private static int FullOutputOrdinal(Scan scan, AttributeReference attribute)
        {
            for (int i = 0; i < scan.FullOutput.Count; i++)
            {
                if (scan.FullOutput[i].ExprId == attribute.ExprId)
                {
                    return i;
                }
            }
            throw new InvalidOperationException($"Column {attribute.Name}#{attribute.ExprId} is not a column of the scan of {scan.Source.FormatName}.");
        }

        /// <summary>The rows of a local relation as batches, spread over up to the default parallelism partitions.</summary>
        private PhysicalPlan PlanLocalRelation(LocalRelation local)
        {
            var schema = new StructType(local.Output.Select(a => new StructField(a.Name, a.DataType, a.Nullable)));
            var arrowSchema = ArrowTypeMapping.ToArrowSchema(schema);
            var rows = local.Rows;
            int partitions = Math.Max(1, Math.Min(Context.DefaultParallelism, rows.Count));
            int perPartition = (rows.Count + partitions - 1) / partitions;
            var result = new List<IReadOnlyList<RecordBatch>>(partitions);
            for (int p = 0; p < partitions; p++)
            {
                var slice = rows.Skip(p * perPartition).Take(perPartition).ToList();
                result.Add(slice.Count == 0 ? [] : [ToBatch(arrowSchema, schema, slice)]);
            }
            return new BatchSourceExec(Context, schema, result);
        }

        private static RecordBatch ToBatch(Schema arrowSchema, StructType schema, IReadOnlyList<object?[]> rows)
        {
            var perRow = rows.Select(row =>
            {
                if (row.Length != schema.Count)
                {
                    throw new ArgumentException($"A local row has {row.Length} values for {schema.Count} columns.", nameof(rows));
                }
                return new RecordBatch(arrowSchema, schema.Fields.Select((f, c) => KernelArrays.Constant(f.DataType, row[c], 1)), 1);
            }).ToList();
            return Batches.Concat(arrowSchema, perRow);
        }
    }
}
