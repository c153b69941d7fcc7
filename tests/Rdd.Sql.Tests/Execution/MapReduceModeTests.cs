using Rdd.Core;
using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

/// <summary>Exchanges write batches as Arrow IPC bytes when the shuffle goes through files, so operators also run in MapReduce mode.</summary>
public sealed class MapReduceModeTests : IDisposable
{
    private readonly RddContext _context = new(new RddConfig
    {
        Parallelism = 2,
        ExecutionMode = ExecutionMode.MapReduce,
        LocalDir = Path.Combine(Path.GetTempPath(), "rdd-sql-execution-tests", Guid.NewGuid().ToString("N")),
    });

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Aggregate_and_join_shuffle_through_files()
    {
        var batch = Make(("a", Ints(1, 2, 1, null)), ("s", Strings("x", "y", "z", "w")));
        var source = new BatchSourceExec(_context, SchemaOf(batch), [[batch], [], [batch]]);

        var aggregate = new HashAggregateExec(source, [new ColumnReference("a")], [new AggregateFunction(AggregateKind.Count, Literal.Create(1))]);
        var counts = aggregate.Execute().Collect().Sum(b => b.Length);
        Assert.Equal(3, counts);

        var join = new HashJoinExec(source, source, JoinType.Inner, [new ColumnReference("a")], [new ColumnReference("a")]);
        Assert.Equal(4 * 4 + 2 * 2, join.Execute().Collect().Sum(b => b.Length));
    }
}
