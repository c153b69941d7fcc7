namespace Rdd.Sql.Tests.SqlText;

/// <summary>
/// Every query of <see cref="SqlCases"/> run by Rdd (<see cref="SqlContext.Sql"/>) and by DuckDB over the same
/// tables (<see cref="SqlTestTables"/>), results compared by <see cref="ResultComparer"/>.
/// </summary>
public sealed class SqlComparisonTests(SqlTestTables tables) : IClassFixture<SqlTestTables>
{
    /// <summary>The queries (the test's display name); the case is found again by its text.</summary>
    public static TheoryData<string> Cases => [.. SqlCases.All.Select(c => c.Query)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_MatchesDuckDb(string query)
    {
        var test = SqlCases.All.First(c => c.Query == query);
        var actual = tables.Sql.Sql(test.Query).Collect().Select(r => r.Values).ToList();
        var expected = tables.QueryDuck(test.DuckQuery ?? test.Query);
        bool ordered = test.Ordered ?? test.Query.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase) && !test.Query.Contains("OVER", StringComparison.OrdinalIgnoreCase);
        var difference = ResultComparer.Difference(actual, expected, ordered);
        Assert.True(difference is null, $"{test.Query}\n{difference}");
    }

    [Fact]
    public void Cases_AreMany_AndDistinct()
    {
        Assert.True(SqlCases.All.Count >= 400, $"{SqlCases.All.Count} cases");
        Assert.Equal(SqlCases.All.Count, SqlCases.All.Select(c => c.Query).Distinct().Count());
    }

    [Fact]
    public void Comparer_CatchesDifferences()
    {
        Assert.NotNull(ResultComparer.Difference([[1, "a"]], [[1L, "b"]], ordered: false));
        Assert.NotNull(ResultComparer.Difference([[1], [2]], [[2], [1]], ordered: true));
        Assert.NotNull(ResultComparer.Difference([[null]], [[0]], ordered: false));
        Assert.NotNull(ResultComparer.Difference([[1.0]], [[1.001]], ordered: false));
        Assert.Null(ResultComparer.Difference([[1], [2]], [[2L], [1m]], ordered: false));
        Assert.Null(ResultComparer.Difference([[new DateOnly(2024, 1, 2)]], [[new DateTime(2024, 1, 2)]], ordered: false));
    }
}
