using Rdd.Sql.Expressions;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// One partition of a Parquet scan: consecutive row groups of one file. Planned on the driver from the files'
/// footers (<see cref="Plan"/>): row groups whose statistics exclude a pushed filter are left out
/// (<see cref="RowGroupPruning"/>), and the rest are packed, in file order, into splits of at most Spark's split
/// size (<see cref="FileSplit.MaxSplitBytes"/>, by compressed bytes), so a big file becomes several partitions and a
/// row group is never cut.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="RowGroups">Indices of the row groups to read, ascending.</param>
/// <param name="Rows">Rows in those row groups.</param>
/// <param name="Bytes">Their compressed size.</param>
internal sealed record RowGroupSplit(string Path, int[] RowGroups, long Rows, long Bytes)
{
    /// <summary>The splits of <paramref name="files"/>, and how many row groups the filters let the scan skip.</summary>
    /// <param name="files">The input files, in the order their splits should come.</param>
    /// <param name="schema">The scan's schema; every file must have each of <paramref name="columns"/> with its type.</param>
    /// <param name="columns">Schema indices the scan reads (output and filter columns).</param>
    /// <param name="filters">Pushed filters bound to <paramref name="schema"/>, used only to skip row groups.</param>
    /// <param name="parallelism">The default parallelism (Spark's leafNodeDefaultParallelism).</param>
    /// <param name="maxPartitionBytes">Spark's spark.sql.files.maxPartitionBytes.</param>
    /// <param name="openCostInBytes">Spark's spark.sql.files.openCostInBytes.</param>
    /// <exception cref="InvalidDataException">A file is not Parquet, is damaged, or lacks a column or has it with another type; the message names the file.</exception>
    public static (IReadOnlyList<RowGroupSplit> Splits, int SkippedRowGroups) Plan(IReadOnlyList<string> files, StructType schema,
        IReadOnlyList<int> columns, IReadOnlyList<Expression> filters, int parallelism, long maxPartitionBytes, long openCostInBytes)
    {
        var lengths = files.Select(f => new FileInfo(f).Length).ToArray();
        long splitBytes = FileSplit.MaxSplitBytes(lengths, parallelism, maxPartitionBytes, openCostInBytes);
        var filterColumns = filters.SelectMany(BoundOrdinals).Distinct().ToArray();
        var splits = new List<RowGroupSplit>();
        int skipped = 0;
        foreach (string path in files)
        {
            using var file = ParquetFile.Open(path);
            foreach (int column in columns)
            {
                ParquetColumns.Resolve(file, schema, column);
            }
            // The leaf column of each filter column: only flat columns have statistics the engine reads.
            var leaves = new Dictionary<int, int>();
            foreach (int column in filterColumns)
            {
                int field = ParquetColumns.Resolve(file, schema, column);
                if (file.LeafColumns(field) is [int leaf] && !file.IsInt96(field))
                {
                    leaves[column] = leaf;
                }
            }
            var pending = new List<int>();
            long pendingRows = 0, pendingBytes = 0;
            for (int g = 0; g < file.RowGroupCount; g++)
            {
                using var rowGroup = file.RowGroup(g);
                var metaData = rowGroup.MetaData;
                long rows = metaData.NumRows;
                if (rows == 0)
                {
                    continue;
                }
                if (filters.Count > 0)
                {
                    var ranges = new Dictionary<int, ColumnRange?>();
                    ColumnRange? RangeOf(int column)
                    {
                        if (!ranges.TryGetValue(column, out var range))
                        {
                            range = leaves.TryGetValue(column, out int leaf)
                                ? ColumnRange.Read(metaData, file.Descriptor(leaf), leaf, schema[column].DataType)
                                : null;
                            ranges[column] = range;
                        }
                        return range;
                    }
                    if (!filters.All(f => RowGroupPruning.MightMatch(f, RangeOf)))
                    {
                        skipped++;
                        continue;
                    }
                }
                long bytes = 0;
                for (int c = 0; c < metaData.NumColumns; c++)
                {
                    using var chunk = metaData.GetColumnChunkMetaData(c);
                    bytes += chunk.TotalCompressedSize;
                }
                if (pending.Count > 0 && pendingBytes + bytes > splitBytes)
                {
                    splits.Add(new RowGroupSplit(path, [.. pending], pendingRows, pendingBytes));
                    pending.Clear();
                    (pendingRows, pendingBytes) = (0, 0);
                }
                pending.Add(g);
                pendingRows += rows;
                pendingBytes += bytes;
            }
            if (pending.Count > 0)
            {
                splits.Add(new RowGroupSplit(path, [.. pending], pendingRows, pendingBytes));
            }
        }
        return (splits, skipped);
    }

    private static IEnumerable<int> BoundOrdinals(Expression expression) =>
        expression is BoundReference reference ? [reference.Ordinal] : expression.Children.SelectMany(BoundOrdinals);

    /// <summary><c>path [row groups]</c>.</summary>
    public override string ToString() => $"{Path} [{string.Join(", ", RowGroups)}]";
}
