using Rdd.Sql.Arrow;

namespace Rdd.Sql.Planning.Logical;

/// <summary>The formats a <see cref="Scan"/> reads.</summary>
internal enum DataSourceFormat
{
    Csv,
    Json,
    Arrow,
    Text,
    /// <summary>Record batches already in memory (<see cref="DataSource.Batches"/>).</summary>
    Batches,
}

/// <summary>
/// What a <see cref="Scan"/> reads: format, paths, reader options, the full schema, and for in-memory data the
/// batches. <see cref="ExactFilters"/> says whether the reader applies pushed filters exactly (drops every
/// non-matching row); when false the optimizer keeps the Filter above the scan and pushed filters only let
/// the reader skip work.
/// </summary>
internal sealed record DataSource(
    DataSourceFormat Format,
    IReadOnlyList<string> Paths,
    IReadOnlyDictionary<string, string> Options,
    StructType Schema,
    IReadOnlyList<RecordBatch>? Batches = null,
    bool ExactFilters = false)
{
    /// <summary>A file source with no options.</summary>
    public static DataSource Files(DataSourceFormat format, StructType schema, params string[] paths) =>
        new(format, paths, new Dictionary<string, string>(), schema);

    /// <summary>Spark's lower-case format name: csv, json, arrow, text, batches.</summary>
    public string FormatName => Format.ToString().ToLowerInvariant();
}
