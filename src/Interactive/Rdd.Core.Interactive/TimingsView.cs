using System.Globalization;
using System.Text;
using Rdd.Interactive;

namespace Rdd.Core.Interactive;

/// <summary><see cref="IterationTimings"/> as a per-iteration line chart and a table of seconds, one column per series.</summary>
internal static class TimingsView
{
    private static (List<string> Header, List<IReadOnlyList<string>> Rows) Table(IterationTimings timings)
    {
        var series = timings.Series;
        var header = new List<string> { "iteration" };
        header.AddRange(series.Select(s => $"{s.Name} (s)"));
        int iterations = series.Count == 0 ? 0 : series.Max(s => s.Seconds.Count);
        var rows = new List<IReadOnlyList<string>>();
        for (int i = 0; i < iterations; i++)
        {
            var row = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            row.AddRange(series.Select(s => i < s.Seconds.Count ? s.Seconds[i].ToString("F3", CultureInfo.InvariantCulture) : ""));
            rows.Add(row);
        }
        return (header, rows);
    }

    public static string Html(IterationTimings timings)
    {
        var chart = SvgChart.Line(timings.Title, "iteration", "seconds",
            timings.Series.Select(s => new SvgChart.Series(s.Name, s.Seconds.Select((v, i) => ((double)(i + 1), v)).ToList())).ToList(),
            yRange: (0, Math.Max(1e-6, timings.Series.SelectMany(s => s.Seconds).DefaultIfEmpty(0).Max() * 1.1)));
        var (header, rows) = Table(timings);
        var html = new StringBuilder("<div class=\"rdd-timings\">").Append(chart);
        Rdd.Interactive.Html.Table(html, header.Select(Rdd.Interactive.Html.Encode).ToList(), rows);
        return html.Append("</div>").ToString();
    }

    public static string Text(IterationTimings timings)
    {
        var (header, rows) = Table(timings);
        return timings.Title + Environment.NewLine + Rdd.Interactive.Html.TextTable(header, rows);
    }
}
