using System.Text;

namespace Rdd.Sql.Interactive;

/// <summary>A schema as a table of column, type and nullability.</summary>
internal static class SchemaTable
{
    public static string Html(StructType schema)
    {
        var html = new StringBuilder("<div class=\"rdd-schema\">");
        Rdd.Interactive.Html.Table(html, ["column", "type", "nullable"],
            schema.Fields.Select(f => (IReadOnlyList<string>)[f.Name, f.DataType.SimpleString, f.Nullable ? "true" : "false"]));
        return html.Append("</div>").ToString();
    }
}
