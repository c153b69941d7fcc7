using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using Rdd.Sql.Tests.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Execution;

/// <summary>A two-worker context and helpers to build sources and read operator output as rows.</summary>
public abstract class ExecutionTestBase : IDisposable
{
    private protected ExecutionTestBase()
    {
        Context = new RddContext(new RddConfig
        {
            Parallelism = 2,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-sql-execution-tests", Guid.NewGuid().ToString("N")),
        });
    }

    private protected RddContext Context { get; }

    public void Dispose()
    {
        Context.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A source over <paramref name="partitions"/> (each a list of batches with the same columns).</summary>
    private protected BatchSourceExec Source(params RecordBatch[][] partitions)
    {
        var schema = TestBatches.SchemaOf(partitions.SelectMany(p => p).First());
        return new BatchSourceExec(Context, schema, partitions);
    }

    /// <summary>The output rows of <paramref name="plan"/>, in the order the partitions give them.</summary>
    private protected static List<object?[]> Rows(PhysicalPlan plan)
    {
        var rows = new List<object?[]>();
        foreach (var batch in plan.Execute().Collect())
        {
            Assert.Equal(plan.ArrowSchema.FieldCount, batch.ColumnCount);
            for (int c = 0; c < batch.ColumnCount; c++)
            {
                var field = plan.ArrowSchema.GetFieldByIndex(c);
                Assert.True(ArrowTypeMapping.SameType(field.DataType, batch.Columns[c].Data.DataType),
                    $"Column '{field.Name}' is {ArrowTypeMapping.Describe(batch.Columns[c].Data.DataType)} but its field says {ArrowTypeMapping.Describe(field.DataType)}.");
            }
            var columns = batch.Columns.Select(ArrayValues.ToList).ToArray();
            for (int r = 0; r < batch.Length; r++)
            {
                rows.Add([.. columns.Select(c => c[r])]);
            }
        }
        return rows;
    }

    /// <summary>Rows as comparable text, sorted, so results can be compared as multisets.</summary>
    private protected static List<string> Canonical(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(Format))).Order(StringComparer.Ordinal)];

    private protected static string Format(object? value) => value switch
    {
        null => "null",
        double d => Math.Round(d, 9).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private protected static Expression Col(string name) => new ColumnReference(name);

    private protected static Expression Lit(object? value) => Literal.Create(value);

    private protected static Expression Agg(AggregateKind kind, Expression child, string name) => new Alias(new AggregateFunction(kind, child), name);
}
