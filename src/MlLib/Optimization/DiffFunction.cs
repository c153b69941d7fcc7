namespace Rdd.MlLib.Optimization;

/// <summary>
/// A differentiable objective, Breeze's <c>DiffFunction.calculate</c>: returns f(<paramref name="x"/>) and writes
/// ∇f(<paramref name="x"/>) into <paramref name="gradient"/>, which arrives zeroed and has the length of x.
/// </summary>
/// <remarks>
/// One call may be a whole distributed job (Spark's <c>RDDLossFunction</c>), so the minimizers count calls and never
/// repeat one at the point of the previous call. A NaN value or gradient entry is reported as an
/// <see cref="InvalidOperationException"/>; +∞ is a legal value that line searches back away from.
/// </remarks>
internal delegate double DiffFunction(ReadOnlySpan<double> x, Span<double> gradient);
