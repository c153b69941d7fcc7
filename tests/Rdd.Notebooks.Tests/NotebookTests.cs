namespace Rdd.Notebooks.Tests;

public sealed class NotebookTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebookRunner.NotebooksFolder(), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunAllCells_CompletesWithoutError(string notebook)
    {
        var path = Path.Combine(NotebookRunner.NotebooksFolder(), notebook);
        await NotebookRunner.RunAsync(path, typeof(Rdd.Core.RddContext).Assembly, typeof(Rdd.Sql.DataFrame).Assembly, typeof(Rdd.MlLib.LogisticRegression).Assembly);
    }

    [Fact]
    public async Task NotebookRunner_CellThatThrows_ReportsCellNumber()
    {
        var path = Path.Combine(Path.GetTempPath(), $"failing-{Guid.NewGuid():N}.ipynb");
        await File.WriteAllTextAsync(path, """
            {"cells": [
              {"cell_type": "code", "source": ["var x = 1;"]},
              {"cell_type": "markdown", "source": ["text"]},
              {"cell_type": "code", "source": ["throw new System.Exception(\"boom\");"]}
            ]}
            """);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NotebookRunner.RunAsync(path));
            Assert.Contains("code cell 2", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
