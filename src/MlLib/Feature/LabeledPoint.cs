using System.Runtime.Serialization;
using Rdd.Sql.Show;

namespace Rdd.MlLib;

/// <summary>
/// A label and its features, Spark ML's <c>LabeledPoint</c>; prints as <c>(1.0,[0.1,0.2])</c>. As DataFrame rows
/// the columns are <c>label</c> and <c>features</c>, the names Spark's estimators expect by default.
/// </summary>
public sealed record LabeledPoint(
    [property: DataMember(Name = "label")] double Label,
    [property: DataMember(Name = "features")] Vector Features)
{
    /// <summary>Spark's text: <c>(label,features)</c>.</summary>
    public override string ToString() => $"({ValueFormatter.Format(Label)},{Features})";
}
