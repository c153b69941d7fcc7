using BenchmarkDotNet.Running;
using Rdd.Benchmarks.Commands;

namespace Rdd.Benchmarks;

/// <summary>
/// <c>lr</c>, the default when no command is given: the main job, SparkLR in memory and as MapReduce against its
/// floors (the RDD paper's Figure 7), then Rdd.MlLib's LogisticRegression in both modes. <c>lr-compare</c>: Rdd.MlLib
/// against ML.NET and scikit-learn on regularized logistic regression. <c>wordcount</c>: word count over generated text (top words, stages, lineage). <c>compare</c>: the issue's
/// comparisons against their baselines in one process. <c>tpch</c>: the 22 TPC-H queries as SQL text on Rdd and DuckDB. <c>cachesize</c>, <c>spill</c>, <c>serialization</c>: storage, spilling
/// and serialization measurements. <c>bdn</c>: the BenchmarkDotNet suites in Suites/.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help" or "help")
        {
            PrintUsage();
            return 0;
        }
        WarnIfNotOptimized();
        args = Reporting.ConsoleProgress.TakeOptions(args);
        try
        {
            // No command, or options straight away, runs the main job.
            if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) return LrCommand.Run(args);
            return args[0] switch
            {
                "lr" => LrCommand.Run(args[1..]),
                "lr-compare" => LrCompareCommand.Run(args[1..]),
                "wordcount" => WordCountCommand.Run(args[1..]),
                "compare" => CompareCommand.Run(args[1..]),
                "cachesize" => CacheSizeCommand.Run(args[1..]),
                "spill" => SpillCommand.Run(args[1..]),
                "serialization" => SerializationCommand.Run(args[1..]),
                "groupby" => GroupByCommand.Run(args[1..]),
                "tpch" => TpchCommand.Run(args[1..]),
                "bdn" => RunBenchmarkDotNet(args[1..]),
                _ => Unknown(args[0]),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            PrintUsage();
            return 2;
        }
        catch (Lr.PointFileException e)
        {
            // A bad input file: the message names the file, line and column.
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int RunBenchmarkDotNet(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }

    /// <summary>Numbers from a Debug build of the engine mean nothing; say so loudly.</summary>
    private static void WarnIfNotOptimized()
    {
        foreach (var assembly in new[] { typeof(Program).Assembly, typeof(Rdd.Core.RddContext).Assembly })
            if (assembly.GetCustomAttributes(typeof(System.Diagnostics.DebuggableAttribute), false) is [System.Diagnostics.DebuggableAttribute { IsJITOptimizerDisabled: true }, ..])
                Console.Error.WriteLine($"WARNING: {assembly.GetName().Name} is a Debug build; run with -c Release for meaningful times.");
    }

    private static int Unknown(string command)
    {
        Console.Error.WriteLine($"Unknown command '{command}'.");
        PrintUsage();
        return 2;
    }

    private static void PrintUsage()
    {
        Console.WriteLine("usage: dotnet run -c Release --project benchmarks/Rdd.Benchmarks [-- <command>]");
        Console.WriteLine("  with no command (or only options): lr, the main job");
        Console.WriteLine($"  {LrCommand.Usage}");
        Console.WriteLine($"  {LrCompareCommand.Usage}");
        Console.WriteLine($"  {WordCountCommand.Usage}");
        Console.WriteLine($"  {CompareCommand.Usage}");
        Console.WriteLine($"  {CacheSizeCommand.Usage}");
        Console.WriteLine($"  {SpillCommand.Usage}");
        Console.WriteLine($"  {SerializationCommand.Usage}");
        Console.WriteLine($"  {GroupByCommand.Usage}");
        Console.WriteLine($"  {TpchCommand.Usage}");
        Console.WriteLine($"  {Reporting.ConsoleProgress.Usage}");
        Console.WriteLine("  bdn [BenchmarkDotNet arguments, e.g. --filter '*WordCount*' or --list flat]");
    }
}
