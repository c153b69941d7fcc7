using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace Rdd.MlLib.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the Rdd.MlLib package: a logistic-regression model shows its coefficients table, its
/// training summary the objective history and the ROC curve as inline SVG charts, each with a plain-text twin.
/// </summary>
public sealed class RddMlLibKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        Rdd.Interactive.ToStringFallback.Register(typeof(LogisticRegression).Assembly);
        Register<LogisticRegressionModel>(ModelView.Html, ModelView.Text);
        Register<LogisticRegressionTrainingSummary>(SummaryView.Html, SummaryView.Text);
        return Task.CompletedTask;
    }

    private static void Register<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }
}
