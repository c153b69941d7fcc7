namespace Rdd.Sql.Tests.DataFrames;

[CollectionDefinition(nameof(ConsoleOutputTests), DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>Show and Explain print, as Spark's show() and explain() do; no other test redirects the console.</summary>
[Collection(nameof(ConsoleOutputTests))]
public sealed class ConsoleOutputTests : DataFrameTestBase
{
    private static string Printed(Action action)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
        }
        return writer.ToString();
    }

    [Fact]
    public void ExplainPrintsThePlansItsStringHolds()
    {
        var df = PeopleFrame().Where("Age > 26").Select("Name");
        Assert.Equal(df.ExplainString(), Printed(() => df.Explain()));
        string extended = Printed(() => df.Explain(extended: true));
        Assert.Contains("== Parsed Logical Plan ==", extended, StringComparison.Ordinal);
        Assert.Contains("== Physical Plan ==", extended, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowPrintsTheTable()
    {
        string text = Printed(() => PeopleFrame().Select("Id").Show(2));
        Assert.StartsWith("+---+\n| Id|\n+---+\n|  1|\n|  2|\n+---+\nonly showing top 2 rows\n", text, StringComparison.Ordinal);
    }
}
