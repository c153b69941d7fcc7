using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// <c>explode</c>: per batch, two selection vectors (the row of each item, and the item itself) gather the input
/// columns and the array's items, so every column type is repeated by the take kernel; rows whose array is NULL or
/// empty produce nothing, and batches left empty are dropped.
/// </summary>
internal sealed class GenerateExec : PhysicalPlan
{
    public GenerateExec(PhysicalPlan child, Expression generator, string itemName, bool itemNullable)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(generator);
        Child = child;
        Generator = generator.Bind(child.Schema);
        var array = Generator.DataType as Types.ArrayType
            ?? throw new ArgumentException($"explode needs an array, not {Generator.DataType.SimpleString}.", nameof(generator));
        Schema = child.Schema.Add(new StructField(itemName, array.ElementType, itemNullable));
    }

    public PhysicalPlan Child { get; }

    /// <summary>The array expression, bound to the child's schema.</summary>
    public Expression Generator { get; }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var generator = Generator;
        var schema = Batches.ArrowSchema(Schema);
        return Child.Execute().MapPartitions(batches => Explode(batches, generator, schema));
    }

    private static IEnumerable<RecordBatch> Explode(IEnumerable<RecordBatch> batches, Expression generator, Schema schema)
    {
        foreach (var batch in batches)
        {
            var lists = (ListArray)generator.Evaluate(batch);
            var offsets = lists.ValueOffsets;
            int total = 0;
            for (int i = 0; i < lists.Length; i++)
            {
                total += lists.IsValid(i) ? offsets[i + 1] - offsets[i] : 0;
            }
            if (total == 0)
            {
                continue;
            }
            var rows = new int[total];
            var items = new int[total];
            int next = 0;
            for (int i = 0; i < lists.Length; i++)
            {
                if (!lists.IsValid(i)) continue;
                for (int item = offsets[i]; item < offsets[i + 1]; item++)
                {
                    rows[next] = i;
                    items[next++] = item;
                }
            }
            var columns = new IArrowArray[batch.ColumnCount + 1];
            for (int c = 0; c < batch.ColumnCount; c++)
            {
                columns[c] = TakeKernel.Take(batch.Columns[c], rows);
            }
            columns[^1] = TakeKernel.Take((ArrowArray)lists.Values, items);
            yield return new RecordBatch(schema, columns, total);
        }
    }

    public override string Describe() => $"Generate explode({Generator})";
}
