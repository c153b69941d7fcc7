namespace Rdd.MlLib.Optimization;

/// <summary>
/// A step that could not be taken, Breeze's <c>FirstOrderException</c> family (<c>LineSearchFailed</c>,
/// <c>StepSizeUnderflow</c>, <c>StepSizeOverflow</c>, <c>NaNHistory</c>): the minimizer answers the first by
/// forgetting its curvature history and the second in a row by stopping with <see cref="ConvergenceReason.SearchFailed"/>.
/// </summary>
/// <remarks>Never escapes a minimizer; errors of the objective itself are other exception types and do escape.</remarks>
internal sealed class StepFailedException(string message) : Exception(message);
