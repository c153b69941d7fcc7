namespace Rdd.Core.Storage;

/// <summary>
/// An object that knows the heap bytes it holds better and cheaper than <see cref="SizeEstimator"/>'s reflective
/// walk: a columnar batch sums its buffers' lengths instead of having every field of its schema, arrays and
/// buffers visited. The estimator takes the figure as the size of the object and everything under it, and does
/// not walk further.
/// </summary>
internal interface IReportsHeapSize
{
    /// <summary>Bytes this object and the objects it owns take on the heap.</summary>
    long HeapBytes { get; }
}
