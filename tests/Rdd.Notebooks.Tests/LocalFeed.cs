using System.Diagnostics;

namespace Rdd.Notebooks.Tests;

/// <summary>
/// Packs Rdd.Core, Rdd.Sql and Rdd.MlLib into <see cref="FeedFolder"/> (what <c>eng/pack.sh</c> does, but from the Release
/// build this test project's build already made: <c>--no-build</c> packs in seconds where a pack that builds takes minutes
/// on a loaded machine), the local feed the notebooks'
/// and makes the kernel's restores extract packages into a private folder.
/// <para>
/// Why a private folder: NuGet never re-extracts an id and version it already holds, so with the shared
/// <c>~/.nuget/packages</c> a notebook would keep loading the first Rdd 0.1.0 ever restored, not the code under test.
/// The kernel restores by running <c>dotnet</c>, which inherits <c>NUGET_PACKAGES</c>; pointing it at
/// <c>artifacts/notebook-packages</c> and deleting the Rdd folders there first makes every run extract the packages just
/// packed, while the third-party packages stay extracted between runs. The notebooks keep the version a user types.
/// </para>
/// </summary>
public sealed class LocalFeed
{
    public LocalFeed()
    {
        Root = RepositoryRoot();
        Notebooks = Path.Combine(Root, "notebooks");
        Feed = FeedFolder;
        var packages = Path.Combine(Root, "artifacts", "notebook-packages");
        Directory.CreateDirectory(packages);
        foreach (var stale in Directory.GetDirectories(packages, "rdd.*")) Directory.Delete(stale, recursive: true);
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", packages);
        ForgetCachedRddResolutions();

        var watch = Stopwatch.StartNew();
        foreach (var project in new[] { "src/Core/Rdd.Core.csproj", "src/Sql/Rdd.Sql.csproj", "src/MlLib/Rdd.MlLib.csproj" })
        {
            Run("dotnet", "pack", Path.Combine(Root, project), "-c", "Release", "--no-build", "--nologo", "-o", Feed);
        }
        PackSeconds = watch.Elapsed.TotalSeconds;

        // A kernel resolves relative paths against the process's working directory; a notebook front end starts the
        // kernel in the notebook's folder.
        Directory.SetCurrentDirectory(Notebooks);
    }

    /// <summary>
    /// The feed the notebooks name in <c>#i "nuget:/tmp/rdd-feed"</c>. The kernel's <c>#i</c> takes only an absolute path or
    /// URL (a relative one fails with "Invalid URI"), so the notebooks name a fixed folder, the one
    /// <c>eng/pack.sh /tmp/rdd-feed</c> fills for a reader who runs them.
    /// </summary>
    public const string FeedFolder = "/tmp/rdd-feed";

    public string Root { get; }
    public string Notebooks { get; }
    public string Feed { get; }
    public double PackSeconds { get; }

    /// <summary>
    /// The kernel's package manager (F#'s DependencyManager.Nuget) also keeps each <c>#r "nuget:…"</c> resolution, keyed by
    /// the package list alone, in <c>~/.packagemanagement/nuget/Cache</c>, and reuses it without restoring: a resolution
    /// made by an earlier run, or by another checkout of the repository, names the Rdd assemblies that run extracted, not
    /// the ones just packed (NUGET_PACKAGES is not part of the key). Those naming an Rdd package are dropped.
    /// </summary>
    private static void ForgetCachedRddResolutions()
    {
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".packagemanagement", "nuget", "Cache");
        if (!Directory.Exists(cache)) return;
        foreach (var paths in Directory.GetFiles(cache, "*.resolvedReferences.paths"))
        {
            try
            {
                if (!File.ReadAllText(paths).Contains("/rdd.core/", StringComparison.Ordinal)) continue;
                File.Delete(paths);
                File.Delete(Path.Combine(cache, Path.GetFileName(paths).Replace(".resolvedReferences.paths", ".csx", StringComparison.Ordinal)));
            }
            catch (IOException)
            {
                // Another test run dropped or rewrote it meanwhile: it is no longer this run's stale entry to remove.
            }
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rdd.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException($"Rdd.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class NotebookCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "notebooks";
}
