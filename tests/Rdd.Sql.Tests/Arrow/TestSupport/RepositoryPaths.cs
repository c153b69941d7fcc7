namespace Rdd.Sql.Tests.Arrow;

/// <summary>Folders the tests find relative to the repository root (the folder holding tests/interop).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string InteropDirectory => Path.Combine(Root, "tests", "interop");

    /// <summary>
    /// Arrow's integration golden files: CI clones them next to the repository, at ../shared/arrow-testing.
    /// Null when absent, so the golden tests can skip with a message.
    /// </summary>
    public static string? ArrowTestingDirectory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(Root, "..", "shared", "arrow-testing"));
            return System.IO.Directory.Exists(directory) ? directory : null;
        }
    }

    private static string FindRoot()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "tests", "interop", "package.json")))
            {
                return current.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"No tests/interop/package.json found above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
