using System.Globalization;
using ScottPlot;

namespace Rdd.Benchmarks.Reporting;

/// <summary>A PNG line chart of seconds per iteration, one line per contender, on a logarithmic time axis (ScottPlot, headless).</summary>
internal static class IterationChart
{
    public static void SavePng(string path, string title, IReadOnlyList<(string Name, double[] Seconds)> series, int width = 1100, int height = 620)
    {
        var plot = new Plot();
        // A sans-serif face present on Debian images; SkiaSharp falls back to the system default where it is missing.
        plot.Font.Set("DejaVu Sans");
        foreach (var (name, seconds) in series)
        {
            double[] xs = Enumerable.Range(1, seconds.Length).Select(i => (double)i).ToArray();
            // ScottPlot draws log scales as log10 of the data with log-spaced minor ticks.
            double[] ys = seconds.Select(s => Math.Log10(Math.Max(s, 1e-6))).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = name;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Seconds(Math.Pow(10, y)),
        };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        plot.Title(title);
        plot.Axes.Title.Label.FontSize = 15;
        plot.XLabel("iteration");
        plot.YLabel("time per iteration (log scale)");
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, width, height);
    }

    private static string Seconds(double s) => s switch
    {
        >= 1 => s.ToString("0.#", CultureInfo.InvariantCulture) + " s",
        >= 1e-3 => (s * 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        _ => (s * 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " µs",
    };
}
