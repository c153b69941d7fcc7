using System.Globalization;
using System.Net;
using System.Text;

namespace Rdd.Interactive;

/// <summary>The small HTML vocabulary the formatters share: encoded text and plain tables that notebook styles dress.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Number(double value, string format = "G6") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A table: <paramref name="header"/> cells are HTML already (they may carry a type line); body cells are text.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        html.Append("<table>");
        if (caption is not null) html.Append("<caption style=\"caption-side:bottom;text-align:left\">").Append(Encode(caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (var cell in header) html.Append("<th>").Append(cell).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    /// <summary>Plain-text columns, left-aligned and padded, for the text/plain fallback.</summary>
    public static string TextTable(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
            for (int i = 0; i < widths.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return text.ToString();
    }
}
