using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.Notebooks.Tests;

/// <summary>A code cell failed: <see cref="Exception.Message"/> names the notebook and the cell (1-based, code cells counted).</summary>
public sealed class NotebookCellFailedException(string notebook, int cell, string message)
    : Exception($"{notebook}: code cell {cell} failed: {message}")
{
    public string Notebook { get; } = notebook;
    public int Cell { get; } = cell;
}

/// <summary>
/// Runs every code cell of a notebook in order in a fresh <see cref="NotebookKernel"/>, and collects what each cell
/// produced as the outputs a notebook front end would store: displayed values (updated in place when the kernel says so),
/// the return value, and standard output and error.
/// </summary>
internal static class NotebookRunner
{
    public static InteractiveDocument Read(string path) => Notebook.Parse(File.ReadAllText(path));

    public static IReadOnlyList<InteractiveDocumentElement> CodeCells(InteractiveDocument document) =>
        document.Elements.Where(e => e.KernelName is null or "csharp" or "C#" or "c#").ToList();

    /// <summary>Runs the notebook; returns, for each code cell in order, the outputs it produced.</summary>
    /// <exception cref="NotebookCellFailedException">A cell did not compile, threw, or a directive failed.</exception>
    public static async Task<IReadOnlyList<List<InteractiveDocumentOutputElement>>> RunAsync(string path)
    {
        var name = Path.GetFileName(path);
        var cells = CodeCells(Read(path));
        // Formatter registrations are process-wide: start every notebook from the defaults, as a new kernel process would.
        Formatter.ResetToDefault();
        using var kernel = NotebookKernel.Create();
        var results = new List<List<InteractiveDocumentOutputElement>>();
        for (int i = 0; i < cells.Count; i++)
        {
            var result = await kernel.SendAsync(new SubmitCode(cells[i].Contents));
            if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            {
                throw new NotebookCellFailedException(name, i + 1, failed.Exception?.ToString() ?? failed.Message);
            }
            results.Add(Outputs(result.Events));
        }
        return results;
    }

    private static List<InteractiveDocumentOutputElement> Outputs(IEnumerable<KernelEvent> events)
    {
        var outputs = new List<InteractiveDocumentOutputElement>();
        var displays = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            switch (e)
            {
                case ReturnValueProduced value:
                    var returned = new ReturnValueElement();
                    foreach (var (mime, text) in Data(value)) returned.Data[mime] = text;
                    outputs.Add(returned);
                    break;
                case DisplayedValueUpdated update when update.ValueId is not null && displays.TryGetValue(update.ValueId, out var at):
                    outputs[at] = new DisplayElement(Data(update));
                    break;
                case DisplayedValueProduced display:
                    if (display.ValueId is not null) displays[display.ValueId] = outputs.Count;
                    outputs.Add(new DisplayElement(Data(display)));
                    break;
                case StandardOutputValueProduced stdout:
                    outputs.Add(new TextElement(Text(stdout), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Add(new TextElement(Text(stderr), "stderr"));
                    break;
            }
        }
        return outputs;
    }

    private static Dictionary<string, object> Data(DisplayEvent e) =>
        e.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value, StringComparer.Ordinal);

    private static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault()?.Value ?? "";

    /// <summary>Replaces the stored outputs of the notebook's code cells with <paramref name="outputs"/> and writes it back.</summary>
    public static void WriteOutputs(string path, IReadOnlyList<List<InteractiveDocumentOutputElement>> outputs)
    {
        var document = Read(path);
        var cells = CodeCells(document);
        for (int i = 0; i < cells.Count; i++)
        {
            cells[i].Outputs.Clear();
            cells[i].Outputs.AddRange(outputs[i]);
            cells[i].ExecutionOrder = i + 1;
        }
        File.WriteAllText(path, document.ToJupyterJson() + "\n");
    }
}
