using Apache.Arrow;

namespace Rdd.Sql.Planning.Logical;

/// <summary>The formats a <see cref="Scan"/> reads.</summary>
internal enum DataSourceFormat
{
    Csv,
    Json,
    Arrow,
    Parquet,
    Text,
    /// <summary>Record batches already in memory (<see cref="DataSource.BatchPartitions"/>).</summary>
    Batches,
}

/// <summary>
/// What a <see cref="Scan"/> reads: format, paths, reader options, the full schema, and for in-memory data the
/// batches of each partition (a cached frame keeps the partitioning of the query it ran). <see cref="ExactFilters"/> says whether the reader applies pushed filters exactly (drops every
/// non-matching row); when false the optimizer keeps the Filter above the scan and pushed filters only let
/// the reader skip work.
/// </summary>
internal sealed record DataSource(
    DataSourceFormat Format,
    IReadOnlyList<string> Paths,
    IReadOnlyDictionary<string, string> Options,
    StructType Schema,
    IReadOnlyList<IReadOnlyList<RecordBatch>>? BatchPartitions = null,
    bool ExactFilters = false)
{
    /// <summary>In-memory batches, each batch a partition of its own.</summary>
    public DataSource(
        DataSourceFormat format,
        IReadOnlyList<string> paths,
        IReadOnlyDictionary<string, string> options,
        StructType schema,
        IReadOnlyList<RecordBatch>? batches,
        bool exactFilters = false)
        : this(format, paths, options, schema, OnePerPartition(batches), exactFilters)
    {
    }

    /// <summary>Every in-memory batch, partition after partition; null for files.</summary>
    public IReadOnlyList<RecordBatch>? Batches => BatchPartitions is null ? null : [.. BatchPartitions.SelectMany(p => p)];

    /// <summary>The number of in-memory rows; 0 for files.</summary>
    public long BatchRowCount
    {
        get
        {
            long rows = 0;
            foreach (var partition in BatchPartitions ?? [])
            {
                foreach (var batch in partition)
                {
                    rows += batch.Length;
                }
            }
            return rows;
        }
    }

    /// <summary>A file source with no options.</summary>
    public static DataSource Files(DataSourceFormat format, StructType schema, params string[] paths) =>
        new(format, paths, new Dictionary<string, string>(), schema);

    /// <summary>Spark's lower-case format name: csv, json, arrow, parquet, text, batches.</summary>
    public string FormatName => Format.ToString().ToLowerInvariant();

    private static IReadOnlyList<IReadOnlyList<RecordBatch>>? OnePerPartition(IReadOnlyList<RecordBatch>? batches)
    {
        if (batches is null)
        {
            return null;
        }
        var partitions = new IReadOnlyList<RecordBatch>[batches.Count];
        for (int i = 0; i < partitions.Length; i++)
        {
            partitions[i] = [batches[i]];
        }
        return partitions;
    }
}
