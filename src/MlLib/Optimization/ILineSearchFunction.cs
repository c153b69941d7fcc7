namespace Rdd.MlLib.Optimization;

/// <summary>
/// The objective restricted to a search line, φ(α) = f(x + α·d) (projected onto an orthant by OWL-QN), with its
/// directional derivative: what Breeze's line searches take as a <c>DiffFunction[Double]</c>.
/// </summary>
internal interface ILineSearchFunction
{
    /// <summary>φ(<paramref name="alpha"/>), with φ'(<paramref name="alpha"/>) in <paramref name="derivative"/>.</summary>
    double Evaluate(double alpha, out double derivative);
}
