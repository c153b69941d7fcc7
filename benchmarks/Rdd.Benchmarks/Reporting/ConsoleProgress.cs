using Rdd.Core;

namespace Rdd.Benchmarks.Reporting;

/// <summary>
/// Whether the commands' contexts show Rdd's console progress bars (<see cref="RddConfig.ShowConsoleProgress"/>):
/// on by default when standard error is a terminal, <c>--progress</c> forces it on (plain lines when standard
/// error is redirected), <c>--no-progress</c> off. The bars go to standard error and are erased when a job ends,
/// so the tables on standard output stay clean.
/// </summary>
internal static class ConsoleProgress
{
    public const string Usage = "--progress / --no-progress (any command): stage progress bars on stderr (default: on when stderr is a terminal)";

    public static bool Enabled { get; private set; } = !Console.IsErrorRedirected;

    /// <summary>Takes the progress options out of <paramref name="args"/>, wherever they are, so commands never see them.</summary>
    public static string[] TakeOptions(string[] args)
    {
        foreach (var arg in args)
        {
            if (arg.Equals("--progress", StringComparison.OrdinalIgnoreCase)) Enabled = true;
            else if (arg.Equals("--no-progress", StringComparison.OrdinalIgnoreCase)) Enabled = false;
        }
        return args.Where(a => !a.Equals("--progress", StringComparison.OrdinalIgnoreCase) && !a.Equals("--no-progress", StringComparison.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>A context with the given settings (defaults when null) and the progress display as chosen.</summary>
    /// <param name="config">The context's settings; null for the defaults.</param>
    /// <param name="commandHasLiveDisplay">
    /// True when the command draws its own Spectre live display on the terminal while the context runs jobs: two
    /// displays redrawing one terminal garble each other, so the stage bars stay off then.
    /// </param>
    public static RddContext NewContext(RddConfig? config = null, bool commandHasLiveDisplay = false)
    {
        config ??= new RddConfig();
        config.ShowConsoleProgress = Enabled && !(commandHasLiveDisplay && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive);
        return new RddContext(config);
    }
}
