using System.Globalization;
using System.Text;
using Rdd.Interactive;

namespace Rdd.MlLib.Interactive;

/// <summary>A logistic-regression model: one row per feature with its coefficient (per class when multinomial), then the intercept.</summary>
internal static class ModelView
{
    private static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Table(LogisticRegressionModel model)
    {
        var matrix = model.CoefficientMatrix;
        int classes = matrix.NumRows;
        var header = new List<string> { "feature" };
        header.AddRange(classes == 1 ? ["coefficient"] : Enumerable.Range(0, classes).Select(c => $"class {c}"));
        var rows = new List<IReadOnlyList<string>>();
        for (int j = 0; j < model.NumFeatures; j++)
        {
            var row = new List<string> { $"{model.FeaturesCol}[{j}]" };
            for (int c = 0; c < classes; c++) row.Add(F(matrix[c, j]));
            rows.Add(row);
        }
        var intercept = new List<string> { "intercept" };
        for (int c = 0; c < classes; c++) intercept.Add(F(model.InterceptVector[c]));
        rows.Add(intercept);
        return (header, rows);
    }

    private static string Title(LogisticRegressionModel model) =>
        $"LogisticRegressionModel: {model.NumFeatures} features, {(model.IsMultinomial ? $"multinomial, {model.CoefficientMatrix.NumRows} classes" : "binomial")}"
        + (model.HasSummary ? $", {model.Summary.TotalIterations} iterations" : "");

    public static string Html(LogisticRegressionModel model)
    {
        var (header, rows) = Table(model);
        var html = new StringBuilder("<div class=\"rdd-lr-model\"><b>").Append(Rdd.Interactive.Html.Encode(Title(model))).Append("</b>");
        Rdd.Interactive.Html.Table(html, header.Select(Rdd.Interactive.Html.Encode).ToList(), rows);
        return html.Append("</div>").ToString();
    }

    public static string Text(LogisticRegressionModel model)
    {
        var (header, rows) = Table(model);
        return Title(model) + Environment.NewLine + Rdd.Interactive.Html.TextTable(header, rows);
    }

    private static string F(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
