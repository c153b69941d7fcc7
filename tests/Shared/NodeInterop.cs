using System.Diagnostics;
using System.Text;

namespace Rdd.Tests.Shared;

/// <summary>
/// Runs the node scripts in tests/interop against the official JavaScript implementations. Installs the
/// locked npm packages (npm ci) on first use when node_modules is missing, once per process and guarded
/// by a lock file across processes (every test assembly that needs node shares this file, linked from
/// tests/Shared), so a fresh clone passes <c>dotnet test</c>.
/// </summary>
internal static class NodeInterop
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<string> s_directory = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The tests/interop folder, with its packages installed.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>Runs <c>node script args...</c> in the interop folder and returns its stdout.</summary>
    public static string RunScript(string script, params string[] arguments) =>
        Run("node", [script, .. arguments], ScriptTimeout);

    private static string Prepare()
    {
        var directory = FindInteropDirectory();
        if (IsInstalled(directory))
        {
            return directory;
        }
        // Another test process (a second test assembly) may be installing at the same time.
        var lockPath = Path.Combine(Path.GetTempPath(), $"rdd-interop-npm-{(uint)directory.GetHashCode(StringComparison.Ordinal):x8}.lock");
        using var installLock = AcquireLock(lockPath);
        if (!IsInstalled(directory))
        {
            Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], InstallTimeout, directory);
        }
        return directory;
    }

    private static bool IsInstalled(string directory) =>
        File.Exists(Path.Combine(directory, "node_modules", ".package-lock.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "@msgpack", "msgpack", "package.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "apache-arrow", "package.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "lz4js", "package.json"))
        && File.Exists(Path.Combine(directory, "node_modules", "@bokuweb", "zstd-wasm", "package.json"));

    private static string FindInteropDirectory()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            var candidate = Path.Combine(current.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"No tests/interop/package.json found above {AppContext.BaseDirectory}; run the tests from the repository.");
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    private static string Run(string fileName, string[] arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var commandLine = $"{fileName} {string.Join(' ', arguments)}";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' did not finish within {timeout}.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{commandLine}' exited with code {process.ExitCode}:\n{stderr.Result}");
        }
        return stdout.Result;
    }
}
