using Rdd.Core.IO;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.IO;

/// <summary>
/// Refuses, before anything runs, to overwrite a path that the query being written reads: the overwrite would
/// replace the query's own input while the query still needs it (Spark's <c>DDLUtils.verifyNotReadPath</c>, which
/// throws <c>UNSUPPORTED_OVERWRITE.PATH</c>). Every file source of the logical plan counts, inside cached frames
/// too, since a lost cached partition is recomputed from the files. Paths are compared absolute, without trailing
/// separators, with symbolic links resolved, and ignoring case where the file system usually does (Windows,
/// macOS). The target conflicts with an input when either one is or contains the other; a glob input stands for
/// what it matches now and for the folder before its first wildcard (a target containing that folder holds
/// every file the glob could match).
/// </summary>
/// <remarks>Spark compares only equal root paths; containment is refused here too because replacing a folder
/// replaces everything in it.</remarks>
internal static class ReadPathCheck
{
    private const int MaxLinkDepth = 40;

    private static readonly char[] s_separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Throws when <paramref name="outputPath"/> overlaps a file input of <paramref name="query"/>.</summary>
    /// <exception cref="AnalysisException"><c>[UNSUPPORTED_OVERWRITE.PATH]</c>, naming the target.</exception>
    public static void VerifyNotReadPath(LogicalPlan query, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(query);
        string target = Canonical(outputPath, 0);
        foreach (string input in InputPaths(query))
        {
            if (Overlaps(target, input))
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_OVERWRITE.PATH] Can't overwrite the target that is also being read from. The target path is {Path.GetFullPath(outputPath)}.");
            }
        }
    }

    /// <summary>The paths (files, folders, globs) of every file source under <paramref name="query"/>.</summary>
    private static IEnumerable<string> InputPaths(LogicalPlan query)
    {
        var pending = new Stack<LogicalPlan>();
        pending.Push(query);
        while (pending.TryPop(out var plan))
        {
            foreach (var node in plan.Descendants())
            {
                switch (node)
                {
                    case Scan { Source.Format: not DataSourceFormat.Batches } scan:
                        foreach (string path in scan.Source.Paths)
                        {
                            yield return path;
                        }
                        break;
                    case InMemoryRelation cached:
                        pending.Push(cached.CachedPlan);
                        break;
                }
            }
        }
    }

    private static bool Overlaps(string target, string input)
    {
        string literal = PathGlob.LiteralBase(input);
        if (string.Equals(literal, Path.GetFullPath(input), StringComparison.Ordinal))
        {
            return Related(target, Canonical(input, 0));
        }
        return IsSameOrUnder(Canonical(literal, 0), target)
            || PathGlob.Roots(input).Any(match => Related(target, Canonical(match, 0)));
    }

    private static bool Related(string a, string b) => IsSameOrUnder(a, b) || IsSameOrUnder(b, a);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it.</summary>
    private static bool IsSameOrUnder(string path, string folder)
    {
        var comparison = Comparison;
        if (string.Equals(path, folder, comparison)) return true;
        return path.StartsWith(folder, comparison)
            && (folder.EndsWith(Path.DirectorySeparatorChar) || Array.IndexOf(s_separators, path[folder.Length]) >= 0);
    }

    /// <summary>The absolute path without trailing separator, each existing symbolic link on the way resolved.</summary>
    private static string Canonical(string path, int depth)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string current = root;
        foreach (string segment in full[root.Length..].Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Join(current, segment);
            var info = new FileInfo(current);
            if (depth < MaxLinkDepth && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } resolved)
            {
                // The link's target may itself sit under a link.
                current = Canonical(resolved.FullName, depth + 1);
            }
        }
        return current;
    }
}
