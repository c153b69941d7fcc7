using Rdd.Sql.Show;

namespace Rdd.MlLib;

/// <summary>A label and its features, Spark ML's <c>LabeledPoint</c>; prints as <c>(1.0,[0.1,0.2])</c>.</summary>
public sealed record LabeledPoint(double Label, Vector Features)
{
    /// <summary>Spark's text: <c>(label,features)</c>.</summary>
    public override string ToString() => $"({ValueFormatter.Format(Label)},{Features})";
}
