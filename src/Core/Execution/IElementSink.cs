namespace Rdd.Core.Execution;

/// <summary>
/// The push side of a fused pipeline. Narrow operators wrap the sink they are given in a struct sink of
/// their own and push their parent's partition through it, so that a chain such as
/// <c>Range.Map.Filter.Count</c> runs as one loop: generic struct sinks let the JIT inline every step,
/// and nothing is allocated per element.
/// </summary>
internal interface IElementSink<T>
{
    /// <summary>Consumes one element; returns false to stop the producer early (Take, First).</summary>
    bool Accept(T item);
}
