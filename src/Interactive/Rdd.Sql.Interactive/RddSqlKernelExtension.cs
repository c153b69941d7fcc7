using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.Sql.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the Rdd.Sql package: a DataFrame shows as a table of its first rows (column types in
/// the header, long values cut, the total row count), rows and schemas as tables, each with a plain-text twin, instead
/// of the kernel's property tree that walks DataFrame → SqlContext → RddContext → BlockStore.
/// </summary>
public sealed class RddSqlKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        Rdd.Interactive.ToStringFallback.Register(typeof(DataFrame).Assembly);
        Register<DataFrame>(df => DataFramePreview.For(df).ToHtml(), df => DataFramePreview.For(df).ToString());
        Register<Row[]>(rows => RowTable.Html(rows), rows => RowTable.Text(rows));
        Register<Row>(row => RowTable.Html([row]), row => RowTable.Text([row]));
        Register<StructType>(SchemaTable.Html, schema => schema.TreeString());
        Register<SqlContext>(_ => "SqlContext", _ => "SqlContext");
        return Task.CompletedTask;
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
