using Microsoft.DotNet.Interactive.Documents;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// Every notebook in notebooks/ runs, cell by cell, in the real .NET Interactive C# kernel against the packages in the
/// local feed, and is stored with outputs. <c>RDD_REWRITE_NOTEBOOKS=1</c> stores this run's outputs into the notebooks.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class NotebookTests(LocalFeed feed)
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        var folder = Path.Combine(LocalFeed.RepositoryRoot(), "notebooks");
        foreach (var path in Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunAllCells_SucceedsAndMatchesStoredOutputs(string notebook)
    {
        var path = Path.Combine(feed.Notebooks, notebook);
        var outputs = await NotebookRunner.RunAsync(path);
        if (Environment.GetEnvironmentVariable("RDD_REWRITE_NOTEBOOKS") == "1")
        {
            NotebookRunner.WriteOutputs(path, outputs);
            return;
        }
        var missing = MissingOutputs(notebook, outputs, NotebookRunner.CodeCells(NotebookRunner.Read(path)));
        Assert.True(missing.Count == 0, string.Join("\n", missing)
            + "\nrun `dotnet test tests/Rdd.Notebooks.Tests -c Release -e RDD_REWRITE_NOTEBOOKS=1` and commit the notebooks.");
    }

    /// <summary>
    /// Each code cell whose run produced output must be stored with output in every format the run made. Values vary
    /// (timings, paths), so only the formats are compared.
    /// </summary>
    internal static List<string> MissingOutputs(string notebook, IReadOnlyList<List<InteractiveDocumentOutputElement>> fresh, IReadOnlyList<InteractiveDocumentElement> stored)
    {
        var problems = new List<string>();
        for (int i = 0; i < fresh.Count; i++)
        {
            var missing = Formats(fresh[i]).Except(Formats(stored[i].Outputs)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0) problems.Add($"{notebook}: code cell {i + 1} is stored without its {string.Join(", ", missing)} output");
        }
        return problems;
    }

    [Fact]
    public async Task MissingOutputs_CellStoredWithoutItsOutput_IsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"unstored-{Guid.NewGuid():N}.ipynb");
        await File.WriteAllTextAsync(path, """
            {"cells": [
              {"cell_type": "code", "source": ["var x = 1;"], "metadata": {}, "outputs": []},
              {"cell_type": "code", "source": ["Console.WriteLine(x); x + 1"], "metadata": {}, "outputs": []}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);
        try
        {
            var fresh = await NotebookRunner.RunAsync(path);
            var problem = Assert.Single(MissingOutputs("n.ipynb", fresh, NotebookRunner.CodeCells(NotebookRunner.Read(path))));
            Assert.StartsWith("n.ipynb: code cell 2 is stored without its ", problem);
            Assert.Contains("stdout", problem);
            Assert.Contains("text/html", problem);   // the return value x + 1

            NotebookRunner.WriteOutputs(path, fresh);
            Assert.Empty(MissingOutputs("n.ipynb", fresh, NotebookRunner.CodeCells(NotebookRunner.Read(path))));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_CellThatThrows_NamesNotebookAndCell()
    {
        var path = Path.Combine(Path.GetTempPath(), $"failing-{Guid.NewGuid():N}.ipynb");
        await File.WriteAllTextAsync(path, """
            {"cells": [
              {"cell_type": "code", "source": ["var x = 1;"], "metadata": {}, "outputs": []},
              {"cell_type": "markdown", "source": ["text"], "metadata": {}},
              {"cell_type": "code", "source": ["throw new System.Exception(\"boom\");"], "metadata": {}, "outputs": []},
              {"cell_type": "code", "source": ["x"], "metadata": {}, "outputs": []}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);
        try
        {
            var error = await Assert.ThrowsAsync<NotebookCellFailedException>(() => NotebookRunner.RunAsync(path));
            Assert.Equal(2, error.Cell);
            Assert.StartsWith($"{Path.GetFileName(path)}: code cell 2 failed", error.Message);
            Assert.Contains("boom", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_CellThatDoesNotCompile_NamesNotebookAndCell()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.ipynb");
        await File.WriteAllTextAsync(path, """
            {"cells": [
              {"cell_type": "code", "source": ["Console.WriteLine(1);"], "metadata": {}, "outputs": []},
              {"cell_type": "code", "source": ["int y = \"text\";"], "metadata": {}, "outputs": []}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);
        try
        {
            var error = await Assert.ThrowsAsync<NotebookCellFailedException>(() => NotebookRunner.RunAsync(path));
            Assert.Equal(2, error.Cell);
            Assert.Contains("CS0029", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HashSet<string> Formats(IEnumerable<InteractiveDocumentOutputElement> outputs)
    {
        var formats = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            switch (output)
            {
                case DisplayElement d: formats.UnionWith(d.Data.Keys); break;
                case ReturnValueElement r: formats.UnionWith(r.Data.Keys); break;
                case TextElement t: formats.Add(t.Name); break;
            }
        }
        return formats;
    }
}
