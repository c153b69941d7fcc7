namespace Rdd.Docs.Tests;

/// <summary>
/// A fenced <c>```csharp</c> block of a Markdown file. The words after <c>csharp</c> on the fence line say how the
/// test treats it: none - a whole program, compiled and run; <c>continued</c> - appended to the program of the block
/// before it (the README's later examples reuse the earlier ones' variables); <c>no-run</c> - compiled only (it needs
/// files or folders the reader brings); <c>fragment</c> - an excerpt that is not a program, neither compiled nor run.
/// </summary>
/// <param name="File">The Markdown file's path relative to the repository, e.g. <c>README.md</c>.</param>
/// <param name="Line">The 1-based line of the block's first code line (the one after the fence).</param>
/// <param name="Flags">The words after <c>csharp</c>.</param>
/// <param name="Lines">The code, without the fences.</param>
public sealed record CodeBlock(string File, int Line, IReadOnlyList<string> Flags, IReadOnlyList<string> Lines)
{
    public bool IsFragment => Flags.Contains("fragment");

    public bool Continues => Flags.Contains("continued");

    public bool Runs => !Flags.Contains("no-run");

    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Finds the fenced C# blocks of a Markdown file.</summary>
public static class MarkdownCodeBlocks
{
    public static readonly string[] KnownFlags = ["fragment", "continued", "no-run"];

    /// <param name="markdown">The file's text.</param>
    /// <param name="relativePath">Shown in messages and diagnostics.</param>
    public static List<CodeBlock> Parse(string markdown, string relativePath)
    {
        var blocks = new List<CodeBlock>();
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }
            var info = fence[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                end++;
            }
            if (end == lines.Length)
            {
                throw new InvalidDataException($"{relativePath}:{i + 1}: the code block opened here is never closed.");
            }
            if (info.Length > 0 && info[0] is "csharp" or "cs" or "c#")
            {
                var unknown = info.Skip(1).Except(KnownFlags).ToArray();
                if (unknown.Length > 0)
                {
                    throw new InvalidDataException(
                        $"{relativePath}:{i + 1}: unknown code block flag(s) {string.Join(", ", unknown)}; known: {string.Join(", ", KnownFlags)}.");
                }
                blocks.Add(new CodeBlock(relativePath, i + 2, info.Skip(1).ToArray(), lines[(i + 1)..end]));
            }
            i = end;
        }
        return blocks;
    }
}
