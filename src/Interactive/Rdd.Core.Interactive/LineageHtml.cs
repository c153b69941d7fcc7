using Rdd.Interactive;
using System.Text;
using Rdd.Core.Rdds;

namespace Rdd.Core.Interactive;

/// <summary>
/// An Rdd's lineage as nested lists: the Rdds of one stage are siblings, and each shuffle dependency opens a nested list
/// for the parent stage it starts - the structure <see cref="Rdd{T}.ToDebugString"/> draws with <c>|</c> and <c>+-</c>.
/// </summary>
internal static class LineageHtml
{
    public static string Format(IRdd rdd)
    {
        var html = new StringBuilder("<div class=\"rdd-lineage\"><b>");
        html.Append(Html.Encode($"{rdd.Kind}[{rdd.Id}]")).Append("</b>: lineage, one nested list per stage (shuffle boundaries nest)<ul>");
        Stage(rdd, html);
        html.Append("</ul></div>");
        return html.ToString();
    }

    /// <summary>The text fallback is Spark's layout.</summary>
    public static string Text(IRdd rdd) =>
        (string)rdd.GetType().GetMethod(nameof(Rdd<int>.ToDebugString))!.Invoke(rdd, null)!;

    private static void Stage(IRdd rdd, StringBuilder html)
    {
        // One stage: this Rdd and its narrow ancestors, in lineage order; shuffle parents nest below the Rdd that reads them.
        html.Append("<li>").Append(Html.Encode(Describe(rdd)));
        var shuffles = rdd.Dependencies.Where(d => d is ShuffleDependency).ToList();
        if (shuffles.Count > 0)
        {
            html.Append("<ul>");
            foreach (var dep in shuffles)
            {
                html.Append("<li><i>shuffle ").Append(((ShuffleDependency)dep).ShuffleId).Append(": stage boundary</i><ul>");
                Stage(dep.Rdd, html);
                html.Append("</ul></li>");
            }
            html.Append("</ul>");
        }
        html.Append("</li>");
        foreach (var dep in rdd.Dependencies.Where(d => d is not ShuffleDependency)) Stage(dep.Rdd, html);
    }

    private static string Describe(IRdd rdd)
    {
        var text = $"({rdd.Partitions.Length}) {rdd.Kind}[{rdd.Id}] at {rdd.Operation}";
        if (rdd.StorageLevel != StorageLevel.None)
        {
            text += $" [{rdd.StorageLevel}, {rdd.Context.Storage.PartitionsOf(rdd.Id).Count}/{rdd.Partitions.Length} cached]";
        }
        if (rdd.IsCheckpointed) text += " [checkpointed]";
        return text;
    }
}
