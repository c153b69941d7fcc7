namespace Rdd.Core.IO;

/// <summary>How a <see cref="StagedOutput"/> publishes a staged job output over an existing target.</summary>
internal enum StagedOutputKind
{
    /// <summary>The staged output replaces the target (Spark's <c>overwrite</c> save mode).</summary>
    Overwrite,

    /// <summary>The staged part files join the target's under names of their own (Spark's <c>append</c>).</summary>
    Append,
}
