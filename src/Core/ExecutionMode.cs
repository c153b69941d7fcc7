namespace Rdd.Core;

/// <summary>How a job's intermediate data is kept between stages.</summary>
public enum ExecutionMode
{
    /// <summary>Spark's model: cached partitions and shuffle outputs stay in memory where they fit.</summary>
    InMemory,

    /// <summary>Hadoop MapReduce's model: every stage writes its whole output to files and caching is ignored.</summary>
    MapReduce,
}
