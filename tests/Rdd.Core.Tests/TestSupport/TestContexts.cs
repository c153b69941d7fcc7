namespace Rdd.Core.Tests.TestSupport;

/// <summary>
/// Creates small local <see cref="RddContext"/>s for tests: a fixed parallelism (so partition counts do not
/// depend on the machine) and a private temporary LocalDir that is deleted with the context.
/// </summary>
internal static class TestContexts
{
    /// <summary>A context with <paramref name="parallelism"/> workers and <paramref name="maxTaskAttempts"/> attempts per task.</summary>
    public static RddContext Create(int parallelism = 2, int maxTaskAttempts = 4) =>
        new(new RddConfig
        {
            Parallelism = parallelism,
            MaxTaskAttempts = maxTaskAttempts,
            LocalDir = Path.Combine(Path.GetTempPath(), "rdd-core-tests"),
            StorageMemoryBytes = 64L << 20,
            ShuffleMemoryBytes = 16L << 20,
        });
}

/// <summary>
/// A context owned by one test: <c>using var local = new LocalContext(3);</c> then <c>local.Context</c>.
/// Disposing it stops the workers and removes the context's local files.
/// </summary>
internal sealed class LocalContext : IDisposable
{
    public LocalContext(int parallelism = 2, int maxTaskAttempts = 4) =>
        Context = TestContexts.Create(parallelism, maxTaskAttempts);

    public RddContext Context { get; }

    public void Dispose() => Context.Dispose();
}

/// <summary>A fresh temporary folder, deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("rdd-core-test-").FullName;

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    /// <summary>An absolute path under the folder ('/' separates segments on every platform); nothing is created.</summary>
    public string PathOf(string relative) =>
        System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a file under the folder and returns its path.</summary>
    public string WriteText(string relative, string content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new System.Text.UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes raw bytes to a file under the folder and returns its path.</summary>
    public string WriteBytes(string relative, byte[] content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open somewhere must not fail a test that already ran.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
