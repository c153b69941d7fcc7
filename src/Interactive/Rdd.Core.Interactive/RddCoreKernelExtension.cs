using Rdd.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Rdd.Core.Rdds;

namespace Rdd.Core.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the Rdd.Core package: shows an Rdd as its lineage (stages nested at shuffles) instead
/// of the kernel's property tree, <see cref="IterationTimings"/> as a per-iteration chart, and turns on the progress bar that every job run from a cell shows.
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
        Formatter.Register<JobProgress>((progress, writer) => writer.Write(progress.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<JobProgress>((progress, writer) => writer.Write(progress.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(JobProgress), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
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
        return Task.CompletedTask;
    }
}
