using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>A stage that turns a frame into another one, usually by adding columns (Spark ML's <c>Transformer</c>).</summary>
public abstract class Transformer : PipelineStage
{
    /// <inheritdoc />
    protected Transformer(string uidPrefix)
        : base(uidPrefix)
    {
    }

    /// <summary>The frame with this stage's output columns added; lazy, like any DataFrame transformation.</summary>
    /// <exception cref="ArgumentException">An input column is missing or of the wrong type, or an output column exists already.</exception>
    public abstract DataFrame Transform(DataFrame dataset);
}
