using System.Text;

namespace Rdd.Benchmarks.Reporting;

/// <summary>A plain-text table: numeric columns right-aligned, text left-aligned, widths fitted to the content.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var widths = new int[headers.Length];
        foreach (var row in _rows.Prepend(headers))
            for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        var numeric = new bool[headers.Length];
        for (int c = 0; c < numeric.Length; c++) numeric[c] = _rows.Count > 0 && _rows.All(r => IsNumeric(r[c]));
        var text = new StringBuilder();
        Line(headers);
        text.Append("  ").AppendJoin("  ", widths.Select(w => new string('-', w))).AppendLine();
        foreach (var row in _rows) Line(row);
        return text.ToString();

        void Line(string[] cells)
        {
            text.Append("  ");
            for (int c = 0; c < cells.Length; c++)
            {
                if (c > 0) text.Append("  ");
                text.Append(numeric[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
            }
            text.AppendLine();
        }
    }

    private static bool IsNumeric(string cell) =>
        cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || (cell.Length > 1 && cell[0] is '-' or '+' && char.IsAsciiDigit(cell[1])));
}
