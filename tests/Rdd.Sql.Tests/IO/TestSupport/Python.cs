using System.Diagnostics;

namespace Rdd.Sql.Tests.IO;

/// <summary>Runs a Python 3 script (an independent CSV implementation to check against); absent Python skips the test.</summary>
internal static class Python
{
    private static readonly Lazy<bool> s_available = new(() =>
    {
        try
        {
            return Run("import sys; print(sys.version_info[0])").Trim() == "3";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    });

    public static bool IsAvailable => s_available.Value;

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; returns stdout, throws with stderr on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("python3 did not finish within a minute.");
        }
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr.Result}");
    }
}

/// <summary>A fact that needs python3 on the PATH; skipped up front when it is missing (xunit 2 has no dynamic skip).</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!Python.IsAvailable)
        {
            Skip = "python3 is not on the PATH.";
        }
    }
}
