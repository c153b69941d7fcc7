using System.Globalization;
using System.Text;
using Microsoft.DotNet.Interactive;
using Rdd.Interactive;
using Rdd.Sql.Show;

namespace Rdd.Sql.Interactive;

/// <summary>
/// The first <see cref="MaxRows"/> rows of a DataFrame and its row count, as Spark's notebook display shows a Dataset.
/// It runs <c>Limit(MaxRows + 1)</c>, so a large plan stops early, and counts all rows only when there are more than it
/// shows. The kernel formats a value once per MIME type (HTML and plain text): the preview of the last frame formatted
/// is kept for the same kernel command, so the second format does not run the jobs again.
/// </summary>
internal sealed class DataFramePreview
{
    public const int MaxRows = 20;
    private const int Truncate = 20;

    private static readonly Lock Gate = new();
    private static (DataFrame Frame, object? Command, DataFramePreview Preview)? _last;

    private DataFramePreview(StructType schema, Row[] rows, long total)
    {
        Schema = schema;
        Rows = rows;
        Total = total;
    }

    public StructType Schema { get; }
    public Row[] Rows { get; }
    public long Total { get; }

    public static DataFramePreview For(DataFrame frame)
    {
        var command = KernelInvocationContext.Current?.Command;
        lock (Gate)
        {
            if (_last is { } last && ReferenceEquals(last.Frame, frame) && command is not null && ReferenceEquals(last.Command, command))
            {
                return last.Preview;
            }
        }
        var rows = frame.Limit(MaxRows + 1).Collect();
        long total = rows.Length <= MaxRows ? rows.Length : frame.Count();
        var preview = new DataFramePreview(frame.Schema, rows.Length <= MaxRows ? rows : rows[..MaxRows], total);
        lock (Gate) _last = (frame, command, preview);
        return preview;
    }

    private string Footer => Total > Rows.Length
        ? string.Create(CultureInfo.InvariantCulture, $"showing the first {Rows.Length} of {Total:N0} rows")
        : string.Create(CultureInfo.InvariantCulture, $"{Total:N0} row{(Total == 1 ? "" : "s")}");

    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"rdd-dataframe\">");
        var header = Schema.Fields.Select(f => $"{Html.Encode(f.Name)}<br/><small>{Html.Encode(f.DataType.SimpleString)}</small>").ToList();
        Html.Table(html, header, Rows.Select(r => (IReadOnlyList<string>)Enumerable.Range(0, Schema.Count).Select(i => Cut(ValueFormatter.Format(r[i]))).ToList()), Footer);
        return html.Append("</div>").ToString();
    }

    public override string ToString() =>
        ShowFormatter.Format(Schema.FieldNames, Rows, Rows.Length, hasMore: false, Truncate) + Footer + "\n";

    internal static string Cut(string value) => value.Length > Truncate ? value[..(Truncate - 3)] + "..." : value;
}
