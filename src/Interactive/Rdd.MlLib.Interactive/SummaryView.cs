using System.Globalization;
using System.Text;
using Rdd.Interactive;

namespace Rdd.MlLib.Interactive;

/// <summary>
/// A training summary: the headline metrics, the objective after each iteration, and (binary models) the ROC curve.
/// The ROC points come from <see cref="LogisticRegressionTrainingSummary.Roc"/>, computed once per formatting.
/// </summary>
internal static class SummaryView
{
    private static string Metrics(LogisticRegressionTrainingSummary summary, bool binary) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{summary.TotalIterations} iterations ({summary.ConvergenceReason}); objective {summary.ObjectiveHistory[0]:F6} → {summary.ObjectiveHistory[^1]:F6}; accuracy {summary.Accuracy:F4}")
        + (binary ? string.Create(CultureInfo.InvariantCulture, $"; area under ROC {summary.AreaUnderRoc:F4}") : "");

    private static bool IsBinary(LogisticRegressionTrainingSummary summary)
    {
        try
        {
            _ = summary.AreaUnderRoc;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;   // multinomial: no ROC
        }
    }

    private static List<(double X, double Y)> Roc(LogisticRegressionTrainingSummary summary) =>
        summary.Roc.Collect().Select(r => (Convert.ToDouble(r[0], CultureInfo.InvariantCulture), Convert.ToDouble(r[1], CultureInfo.InvariantCulture))).ToList();

    public static string Html(LogisticRegressionTrainingSummary summary)
    {
        bool binary = IsBinary(summary);
        var html = new StringBuilder("<div class=\"rdd-lr-summary\"><p>").Append(Rdd.Interactive.Html.Encode(Metrics(summary, binary))).Append("</p>");
        var history = summary.ObjectiveHistory.Select((v, i) => ((double)i, v)).ToList();
        html.Append(SvgChart.Line("Objective history", "iteration", "objective", [new SvgChart.Series("objective", history)]));
        if (binary)
        {
            html.Append(SvgChart.Line("ROC curve", "false positive rate", "true positive rate",
                [new SvgChart.Series(string.Create(CultureInfo.InvariantCulture, $"AUC {summary.AreaUnderRoc:F3}"), Roc(summary))],
                xRange: (0, 1), yRange: (0, 1), diagonal: true));
        }
        return html.Append("</div>").ToString();
    }

    public static string Text(LogisticRegressionTrainingSummary summary)
    {
        bool binary = IsBinary(summary);
        var text = new StringBuilder(Metrics(summary, binary)).AppendLine().AppendLine("objective history:");
        for (int i = 0; i < summary.ObjectiveHistory.Length; i++)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {i,3}  {summary.ObjectiveHistory[i]:F6}"));
        }
        return text.ToString();
    }
}
