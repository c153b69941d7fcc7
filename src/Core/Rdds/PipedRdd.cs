using System.Diagnostics;
using Rdd.Core.IO;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// Pipe: every partition (an empty one too) is streamed, one element per line, to the standard input of
/// its own process, and the process's output lines are the new elements. The command is split on
/// whitespace and started without a shell. A non-zero exit status fails the task.
/// </summary>
internal sealed class PipedRdd<T>(Rdd<T> parent, string command) : Rdd<string>(parent.Context, "Pipe")
{
    private readonly string[] _arguments = command.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private protected override Partition[] GetPartitions() => parent.Partitions;

    private protected override IReadOnlyList<Dependency> GetDependencies() => [new OneToOneDependency(parent)];

    private protected override IEnumerable<string> Compute(Partition split, TaskContext context)
    {
        var info = new ProcessStartInfo(_arguments[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in _arguments.Skip(1)) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Pipe: could not start '{command}'.");
        using var cancel = context.CancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        });
        var input = parent.Iterator(split, context);
        var taskContext = context;
        Exception? writeFailure = null;
        // Feed stdin from another thread so a process that writes before reading everything cannot deadlock us.
        var writer = new Thread(() =>
        {
            using var scope = taskContext.Enter();
            try
            {
                using var stdin = process.StandardInput;
                foreach (var item in input)
                    stdin.WriteLine(ElementFormatter.Format(item));
            }
            catch (IOException)
            {
                // The process closed its input early (e.g. `head`); its exit status decides the outcome.
            }
            catch (Exception e)
            {
                writeFailure = e;
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }) { IsBackground = true, Name = "rdd-pipe-writer" };
        writer.Start();
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null) yield return line;
        process.WaitForExit();
        writer.Join();
        context.CancellationToken.ThrowIfCancellationRequested();
        if (writeFailure is not null) throw writeFailure;
        if (process.ExitCode != 0)
            throw new IOException($"Pipe: '{command}' exited with status {process.ExitCode} on partition {split.Index}: {stderr.Result.Trim()}");
    }
}
