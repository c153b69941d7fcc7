using System.Runtime;
using System.Runtime.InteropServices;

namespace Rdd.Benchmarks.Reporting;

/// <summary>What the numbers were measured on: printed at the top of every report.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        string cpu = TryRead("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? RuntimeInformation.ProcessArchitecture.ToString();
        string gc = (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? " concurrent" : "");
        long memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{RuntimeInformation.OSDescription}; {cpu}; {Environment.ProcessorCount} logical cores; {memory / (1L << 30)} GiB available; "
            + $"{RuntimeInformation.FrameworkDescription}; {gc} GC; load average {LoadAverage()}";
    }

    /// <summary>The 1-minute load average (Linux), showing how busy the machine was with other work.</summary>
    public static string LoadAverage() => TryRead("/proc/loadavg")?.Split(' ')[0] ?? "n/a";

    private static string? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
