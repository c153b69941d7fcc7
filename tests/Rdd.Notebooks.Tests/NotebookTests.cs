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
        // Values vary (timings, paths); what must not be missing is the output itself, in every format this run made.
        var stored = NotebookRunner.CodeCells(NotebookRunner.Read(path));
        for (int i = 0; i < outputs.Count; i++)
        {
            var fresh = Formats(outputs[i]);
            var kept = Formats(stored[i].Outputs);
            var missing = fresh.Except(kept).ToList();
            Assert.True(missing.Count == 0,
                $"{notebook}: code cell {i + 1} is stored without its {string.Join(", ", missing)} output; "
                + "run `dotnet test tests/Rdd.Notebooks.Tests -c Release -e RDD_REWRITE_NOTEBOOKS=1` and commit the notebooks.");
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
