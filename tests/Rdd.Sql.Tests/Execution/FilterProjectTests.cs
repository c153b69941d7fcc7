using Rdd.Sql.Execution.Operators;
using Rdd.Sql.Expressions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Execution;

public sealed class FilterProjectTests : ExecutionTestBase
{
    [Fact]
    public void Filter_passes_a_batch_through_when_every_row_matches()
    {
        var batch = Make(("a", Ints(1, 2, 3)));
        var filter = new FilterExec(Source([batch]), new Comparison(ComparisonOperator.GreaterThan, Col("a"), Lit(0)));

        var output = Assert.Single(filter.Execute().Collect());

        Assert.Same(batch, output);
    }

    [Fact]
    public void Filter_selects_rows_treats_null_as_false_and_drops_empty_batches()
    {
        var source = Source(
            [Make(("a", Ints(1, null, 5, 7)), ("b", Strings("x", "y", null, "z")))],
            [],
            [Make(("a", Ints(0, -1)), ("b", Strings("p", "q"))), Make(("a", Ints(9)), ("b", Strings((string?)null)))]);
        var filter = new FilterExec(source, new Comparison(ComparisonOperator.GreaterThan, Col("a"), Lit(2)));

        var batches = filter.Execute().Collect();

        Assert.All(batches, b => Assert.True(b.Length > 0));
        Assert.Equal(["5|null", "7|z", "9|null"], Canonical(Rows(filter)));
    }

    [Fact]
    public void Project_evaluates_expressions_and_names_columns()
    {
        var source = Source([Make(("a", Ints(1, null))), Make(("a", Ints(3)))], [Make(("a", Ints(4)))]);
        var project = new ProjectExec(source, [Col("a"), new Alias(new Arithmetic(ArithmeticOperator.Add, Col("a"), Lit(1)), "next")]);

        Assert.Equal(["a", "next"], project.Schema.FieldNames);
        Assert.Equal(["1|2", "3|4", "4|5", "null|null"], Canonical(Rows(project)));
    }

    [Fact]
    public void Limit_union_and_distinct()
    {
        var left = Source([Make(("a", Ints(1, 2, 2)))], [], [Make(("a", Ints(3, null)))]);
        var right = Source([Make(("b", Ints(2, null, 4)))]);

        var union = new UnionExec([left, right]);
        Assert.Equal(["a"], union.Schema.FieldNames);
        Assert.Equal(8, Rows(union).Count);

        Assert.Equal(3, Rows(new LimitExec(union, 3)).Count);
        Assert.Equal(8, Rows(new LimitExec(union, 100)).Count);
        Assert.Empty(Rows(new LimitExec(union, 0)));

        Assert.Equal(["1", "2", "3", "4", "null"], Canonical(Rows(new DistinctExec(union))));
    }

    [Fact]
    public void Describe_prints_the_tree()
    {
        var plan = new LimitExec(new FilterExec(Source([Make(("a", Ints(1)))]), new Comparison(ComparisonOperator.GreaterThan, Col("a"), Lit(0))), 5);
        var text = plan.TreeString();
        Assert.StartsWith("Limit 5\n   +- Filter (a > 0)\n", text);
        Assert.Contains("BatchSource [a]", text);
    }
}
