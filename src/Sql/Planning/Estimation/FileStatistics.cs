using System.Runtime.CompilerServices;
using Rdd.Sql.IO;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Estimation;

/// <summary>
/// What a file source's metadata says about its size, read once per <see cref="DataSource"/> (a view keeps its
/// source, so a query planned again reuses it): Parquet footers give the row count and each column's uncompressed
/// bytes; other formats only their file sizes. Planning reads footers only, never data.
/// </summary>
internal sealed class FileStatistics
{
    private static readonly ConditionalWeakTable<DataSource, FileStatistics> Cache = new();

    private readonly Dictionary<string, long> _columnBytes;

    private FileStatistics(long fileBytes, long? rowCount, Dictionary<string, long> columnBytes)
    {
        FileBytes = fileBytes;
        RowCount = rowCount;
        _columnBytes = columnBytes;
    }

    /// <summary>The total size of the files.</summary>
    public long FileBytes { get; }

    /// <summary>The number of rows, when the format records it (Parquet).</summary>
    public long? RowCount { get; }

    /// <summary>The uncompressed bytes of a top-level column over all files, when the format records it.</summary>
    public long? ColumnBytes(string column) => _columnBytes.TryGetValue(column, out long bytes) ? bytes : null;

    /// <summary>The statistics of <paramref name="source"/>'s files (read on first use, then cached).</summary>
    public static FileStatistics Of(DataSource source) => Cache.GetValue(source, Read);

    private static FileStatistics Read(DataSource source)
    {
        var files = source.Paths.SelectMany(FileSplit.ListFiles).ToList();
        long fileBytes = files.Sum(f => new FileInfo(f).Length);
        if (source.Format != DataSourceFormat.Parquet)
        {
            return new FileStatistics(fileBytes, null, []);
        }
        long rows = 0;
        var columnBytes = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in files)
        {
            using var file = ParquetFile.Open(path);
            rows += file.MetaData.NumRows;
            for (int field = 0; field < file.ArrowSchema.FieldsList.Count; field++)
            {
                string name = file.ArrowSchema.FieldsList[field].Name;
                long bytes = 0;
                foreach (int leaf in file.LeafColumns(field))
                {
                    for (int g = 0; g < file.RowGroupCount; g++)
                    {
                        using var rowGroup = file.RowGroup(g);
                        using var chunk = rowGroup.MetaData.GetColumnChunkMetaData(leaf);
                        bytes += chunk.TotalUncompressedSize;
                    }
                }
                columnBytes[name] = columnBytes.GetValueOrDefault(name) + bytes;
            }
        }
        return new FileStatistics(fileBytes, rows, columnBytes);
    }
}
