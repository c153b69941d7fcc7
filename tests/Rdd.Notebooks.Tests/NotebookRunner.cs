using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// Runs the C# code cells of a Jupyter notebook in order, in one scripting session, the way .NET
/// Interactive does. A cell's <c>#r "…Rdd.Core.dll"</c> line is satisfied by the assembly under test, so
/// the notebook runs against exactly the code this build produced.
/// </summary>
internal static class NotebookRunner
{
    public static IReadOnlyList<string> CodeCells(string notebookPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var cells = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var source = cell.GetProperty("source");
            cells.Add(source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? "");
        }
        return cells;
    }

    /// <summary>Runs every code cell; throws with the cell number when one fails to compile or throws.</summary>
    public static async Task RunAsync(string notebookPath, params Assembly[] references)
    {
        var options = ScriptOptions.Default
            .AddReferences(references)
            .AddReferences(typeof(Enumerable).Assembly)
            .AddImports("System", "System.Linq", "System.Collections.Generic");
        ScriptState<object>? state = null;
        int number = 0;
        foreach (var cell in CodeCells(notebookPath))
        {
            number++;
            var code = string.Join('\n', cell.Split('\n').Where(line => !line.TrimStart().StartsWith("#r ", StringComparison.Ordinal)));
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options)
                    : await state.ContinueWithAsync(code, options);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(notebookPath)}: code cell {number} failed: {e.Message}", e);
            }
        }
    }

    public static string NotebooksFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rdd.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Rdd.sln not found above the test folder."), "notebooks");
    }
}
