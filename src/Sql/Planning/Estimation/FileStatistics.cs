using System.Runtime.CompilerServices;
using Rdd.Sql.IO;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

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
    private readonly Dictionary<string, (long Min, long Max)> _integerRanges;

    private FileStatistics(long fileBytes, long? rowCount, Dictionary<string, long> columnBytes, Dictionary<string, (long Min, long Max)> integerRanges)
    {
        FileBytes = fileBytes;
        RowCount = rowCount;
        _columnBytes = columnBytes;
        _integerRanges = integerRanges;
    }

    /// <summary>The total size of the files.</summary>
    public long FileBytes { get; }

    /// <summary>The number of rows, when the format records it (Parquet).</summary>
    public long? RowCount { get; }

    /// <summary>The uncompressed bytes of a top-level column over all files, when the format records it.</summary>
    public long? ColumnBytes(string column) => _columnBytes.TryGetValue(column, out long bytes) ? bytes : null;

    /// <summary>
    /// The smallest and largest value of an integer or date column over all files, when every row group records them:
    /// <c>max - min + 1</c> bounds its number of distinct values, which tells a key (as many values as rows) from a
    /// low-cardinality column such as a nation key.
    /// </summary>
    public (long Min, long Max)? IntegerRange(string column) => _integerRanges.TryGetValue(column, out var range) ? range : null;

    /// <summary>The statistics of <paramref name="source"/>'s files (read on first use, then cached).</summary>
    public static FileStatistics Of(DataSource source) => Cache.GetValue(source, Read);

    /// <summary>The column's SQL type, or null for a type the engine cannot read (the scan fails on it only if it reads it).</summary>
    private static DataType? TypeOrNull(ParquetFile file, int field)
    {
        try
        {
            return file.ColumnType(field);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static FileStatistics Read(DataSource source)
    {
        var files = source.Paths.SelectMany(FileSplit.ListFiles).ToList();
        long fileBytes = files.Sum(f => new FileInfo(f).Length);
        if (source.Format != DataSourceFormat.Parquet)
        {
            return new FileStatistics(fileBytes, null, [], []);
        }
        long rows = 0;
        var columnBytes = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var ranges = new Dictionary<string, (long Min, long Max)?>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in files)
        {
            using var file = ParquetFile.Open(path);
            rows += file.MetaData.NumRows;
            for (int field = 0; field < file.ArrowSchema.FieldsList.Count; field++)
            {
                string name = file.ArrowSchema.FieldsList[field].Name;
                long bytes = 0;
                var leaves = file.LeafColumns(field);
                var type = leaves.Length == 1 && !file.IsInt96(field) ? TypeOrNull(file, field) : null;
                bool integer = type is ByteType or ShortType or IntegerType or LongType or DateType;
                (long Min, long Max)? range = integer && (!ranges.TryGetValue(name, out var known) || known is not null)
                    ? known ?? (long.MaxValue, long.MinValue)
                    : null;
                foreach (int leaf in leaves)
                {
                    for (int g = 0; g < file.RowGroupCount; g++)
                    {
                        using var rowGroup = file.RowGroup(g);
                        var metaData = rowGroup.MetaData;
                        using var chunk = metaData.GetColumnChunkMetaData(leaf);
                        bytes += chunk.TotalUncompressedSize;
                        if (range is { } r)
                        {
                            range = ColumnRange.Read(metaData, file.Descriptor(leaf), leaf, type!) is { Min: long min, Max: long max }
                                ? (Math.Min(r.Min, min), Math.Max(r.Max, max))
                                : null;
                        }
                    }
                }
                columnBytes[name] = columnBytes.GetValueOrDefault(name) + bytes;
                if (integer)
                {
                    ranges[name] = range;
                }
            }
        }
        var integerRanges = ranges.Where(p => p.Value is { } r && r.Min <= r.Max).ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.OrdinalIgnoreCase);
        return new FileStatistics(fileBytes, rows, columnBytes, integerRanges);
    }
}
