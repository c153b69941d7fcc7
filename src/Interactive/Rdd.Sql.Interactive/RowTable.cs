using System.Text;
using Rdd.Sql.Show;

namespace Rdd.Sql.Interactive;

/// <summary>Collected rows as a table; the column names come from the first row's schema, or are the positions.</summary>
internal static class RowTable
{
    private static IReadOnlyList<string> Columns(Row[] rows)
    {
        int width = rows.Length == 0 ? 0 : rows.Max(r => r.Length);
        var names = rows.FirstOrDefault()?.Schema?.FieldNames;
        return names is not null && names.Count == width ? names : Enumerable.Range(0, width).Select(i => $"_{i + 1}").ToList();
    }

    private static IReadOnlyList<IReadOnlyList<string>> Cells(Row[] rows, int width) =>
        rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, width).Select(i => i < r.Length ? DataFramePreview.Cut(ValueFormatter.Format(r[i])) : "").ToList()).ToList();

    public static string Html(Row[] rows)
    {
        var columns = Columns(rows);
        var html = new StringBuilder("<div class=\"rdd-rows\">");
        Rdd.Interactive.Html.Table(html, columns.Select(Rdd.Interactive.Html.Encode).ToList(), Cells(rows, columns.Count), $"{rows.Length} row{(rows.Length == 1 ? "" : "s")}");
        return html.Append("</div>").ToString();
    }

    public static string Text(Row[] rows)
    {
        var columns = Columns(rows);
        return ShowFormatter.Format(columns, rows, rows.Length, hasMore: false, truncate: 20);
    }
}
