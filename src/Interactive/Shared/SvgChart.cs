using System.Globalization;
using System.Text;

namespace Rdd.Interactive;

/// <summary>
/// A line chart as inline SVG (polylines over linear axes with min/max ticks): enough for objective histories, ROC
/// curves and per-iteration timings, and it renders in any notebook front end and on GitHub without scripts.
/// </summary>
internal static class SvgChart
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        (double Min, double Max)? xRange = null, (double Min, double Max)? yRange = null, bool diagonal = false)
    {
        const int width = 420, height = 260, left = 60, right = 120, top = 28, bottom = 40;
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var (x0, x1) = xRange ?? (all.Count == 0 ? (0, 1) : (all.Min(p => p.X), all.Max(p => p.X)));
        var (y0, y1) = yRange ?? (all.Count == 0 ? (0, 1) : (all.Min(p => p.Y), all.Max(p => p.Y)));
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + Math.Max(Math.Abs(y0) * 0.1, 1e-9);
        double plotW = width - left - right, plotH = height - top - bottom;
        string X(double x) => F(left + (x - x0) / (x1 - x0) * plotW);
        string Y(double y) => F(top + plotH - (y - y0) / (y1 - y0) * plotH);

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<text x=\"{width / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\">{Html.Encode(title)}</text>");
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{F(plotW)}\" height=\"{F(plotH)}\" fill=\"none\" stroke=\"#888\"/>");
        svg.Append($"<text x=\"{left}\" y=\"{F(top + plotH + 14)}\" text-anchor=\"middle\">{Html.Number(x0, "G4")}</text>");
        svg.Append($"<text x=\"{F(left + plotW)}\" y=\"{F(top + plotH + 14)}\" text-anchor=\"middle\">{Html.Number(x1, "G4")}</text>");
        svg.Append($"<text x=\"{F(left + plotW / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\">{Html.Encode(xLabel)}</text>");
        svg.Append($"<text x=\"{left - 4}\" y=\"{F(top + plotH)}\" text-anchor=\"end\">{Html.Number(y0, "G4")}</text>");
        svg.Append($"<text x=\"{left - 4}\" y=\"{top + 8}\" text-anchor=\"end\">{Html.Number(y1, "G4")}</text>");
        svg.Append($"<text transform=\"translate(14,{F(top + plotH / 2)}) rotate(-90)\" text-anchor=\"middle\">{Html.Encode(yLabel)}</text>");
        if (diagonal) svg.Append($"<line x1=\"{X(x0)}\" y1=\"{Y(y0)}\" x2=\"{X(x1)}\" y2=\"{Y(y1)}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>");
        for (int s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var points = string.Join(" ", series[s].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).Select(p => $"{X(p.X)},{Y(p.Y)}"));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{points}\"/>");
            svg.Append($"<line x1=\"{width - right + 10}\" y1=\"{top + 10 + s * 16}\" x2=\"{width - right + 28}\" y2=\"{top + 10 + s * 16}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            svg.Append($"<text x=\"{width - right + 32}\" y=\"{top + 14 + s * 16}\">{Html.Encode(series[s].Name)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
