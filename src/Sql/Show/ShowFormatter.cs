using System.Text;

namespace Rdd.Sql.Show;

/// <summary>Spark's <c>Dataset.showString</c> layout: <c>+---+</c> borders, padded cells, an "only showing top N rows" footer.</summary>
internal static class ShowFormatter
{
    private const int MinimumColumnWidth = 3;

    /// <summary>
    /// The table of <paramref name="rows"/> (at most <paramref name="numRows"/> are shown; <paramref name="hasMore"/>
    /// adds the footer). With <paramref name="truncate"/> &gt; 0 cells longer than it are cut to
    /// <c>truncate - 3</c> characters plus "..." and cells are right-aligned; with 0 they are left-aligned.
    /// </summary>
    public static string Format(IReadOnlyList<string> columns, IReadOnlyList<Row> rows, int numRows, bool hasMore, int truncate)
    {
        var cells = new List<string[]>(rows.Count + 1);
        cells.Add([.. columns.Select(c => Cut(c, truncate))]);
        foreach (var row in rows)
        {
            cells.Add([.. Enumerable.Range(0, columns.Count).Select(i => Cut(ValueFormatter.Format(row[i]), truncate))]);
        }
        var widths = new int[columns.Count];
        for (int i = 0; i < widths.Length; i++)
        {
            widths[i] = Math.Max(MinimumColumnWidth, cells.Max(r => r[i].Length));
        }
        var sb = new StringBuilder();
        string separator = "+" + string.Concat(widths.Select(w => new string('-', w) + "+")) + "\n";
        sb.Append(separator);
        AppendRow(sb, cells[0], widths, truncate);
        sb.Append(separator);
        foreach (var row in cells.Skip(1))
        {
            AppendRow(sb, row, widths, truncate);
        }
        sb.Append(separator);
        if (hasMore)
        {
            sb.Append("only showing top ").Append(numRows).Append(numRows == 1 ? " row\n" : " rows\n");
        }
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths, int truncate)
    {
        sb.Append('|');
        for (int i = 0; i < cells.Length; i++)
        {
            sb.Append(truncate > 0 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append('|');
        }
        sb.Append('\n');
    }

    private static string Cut(string text, int truncate)
    {
        if (truncate <= 0 || text.Length <= truncate)
        {
            return text;
        }
        return truncate < 4 ? text[..truncate] : text[..(truncate - 3)] + "...";
    }
}
