using Rdd.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Rdd.Core.Rdds;

namespace Rdd.Core.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the Rdd.Core package: shows an Rdd as its lineage (stages nested at shuffles) instead
/// of the kernel's property tree, <see cref="IterationTimings"/> as a per-iteration chart, and turns on the one progress display per cell that sums up the jobs the cell ran.
/// </summary>
public sealed class RddCoreKernelExtension : IKernelExtension
{
    private static int _progressInstalled;

    public Task OnLoadAsync(Kernel kernel)
    {
        Rdd.Interactive.ToStringFallback.Register(typeof(RddContext).Assembly);
        Formatter.Register(typeof(Rdd<>), (value, writer) => writer.Write(LineageHtml.Format((IRdd)value)), HtmlFormatter.MimeType);
        Formatter.Register(typeof(Rdd<>), (value, writer) => writer.Write(LineageHtml.Text((IRdd)value)), PlainTextFormatter.MimeType);
        Formatter.Register<JobSummary>((summary, writer) => writer.Write(summary.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<JobSummary>((summary, writer) => writer.Write(summary.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<RddContext>((context, writer) => writer.Write($"RddContext (parallelism {context.DefaultParallelism}, {context.Config.ExecutionMode})"), PlainTextFormatter.MimeType);
        Formatter.Register<RddContext>((context, writer) => writer.Write(Rdd.Interactive.Html.Encode($"RddContext (parallelism {context.DefaultParallelism}, {context.Config.ExecutionMode})")), HtmlFormatter.MimeType);
        Formatter.Register<CellView>((view, writer) => writer.Write(view.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<CellView>((view, writer) => writer.Write(view.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(CellView), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Rdd<>), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.Register<IterationTimings>((timings, writer) => writer.Write(TimingsView.Html(timings)), HtmlFormatter.MimeType);
        Formatter.Register<IterationTimings>((timings, writer) => writer.Write(TimingsView.Text(timings)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(IterationTimings), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(JobSummary), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(RddContext), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
        if (Interlocked.Exchange(ref _progressInstalled, 1) == 0)
        {
            RddContext.Created += context => context.AddListener(new NotebookProgress());
        }
        // Per kernel: when a command ends, its cell's display shows what thinned updates left out.
        kernel.AddMiddleware(async (command, context, next) =>
        {
            try
            {
                await next(command, context);
            }
            finally
            {
                CellProgress.Flush(context);
            }
        });
        return Task.CompletedTask;
    }
}
