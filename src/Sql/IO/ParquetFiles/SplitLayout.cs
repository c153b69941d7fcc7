using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// What reading a <see cref="RowGroupSplit"/> needs from its file's footer: where the scan's columns are, their
/// leaf columns, which are INT96, which to read as dictionaries (<see cref="DictionaryReads"/>). Kept per file
/// version (path, length, last write time), scan columns and row groups, so a split read again (the next query over
/// the same table, the second run of a benchmark, a retried task) opens its file once, for the batches, instead of
/// a second time for the footer: ParquetSharp's reader cannot be handed metadata parsed before.
/// </summary>
/// <param name="Fields">The file's top-level field of each scan column.</param>
/// <param name="Names">Those fields' names in the file.</param>
/// <param name="Int96">Whether each is stored as INT96.</param>
/// <param name="Leaves">The leaf columns to decode, ascending.</param>
/// <param name="DictionaryLeaves">The leaf columns to read as dictionaries.</param>
internal sealed record SplitLayout(int[] Fields, string[] Names, bool[] Int96, int[] Leaves, int[] DictionaryLeaves)
{
    /// <summary>Enough for the splits of many tables; the cache is cleared when it is full (layouts are small and cheap to rebuild).</summary>
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, SplitLayout> s_cache = new(StringComparer.Ordinal);

    /// <summary>The layout of <paramref name="split"/> for <paramref name="columns"/> of <paramref name="schema"/>, from the cache or from the footer of the file (opened and closed here).</summary>
    /// <exception cref="InvalidDataException">The file is not Parquet, is damaged, or lacks a column or has it with another type; the message names it.</exception>
    public static SplitLayout Of(RowGroupSplit split, StructType schema, IReadOnlyList<int> columns)
    {
        string? key = Key(split, schema, columns);
        if (key is not null && s_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        SplitLayout layout;
        using (var file = ParquetFile.Open(split.Path))
        {
            layout = Read(file, split.RowGroups, schema, columns);
        }
        if (key is not null)
        {
            if (s_cache.Count >= Capacity)
            {
                s_cache.Clear();
            }
            s_cache[key] = layout;
        }
        return layout;
    }

    /// <summary>The layout read from an open file's footer.</summary>
    public static SplitLayout Read(ParquetFile file, int[] rowGroups, StructType schema, IReadOnlyList<int> columns)
    {
        var fields = columns.Select(c => ParquetColumns.Resolve(file, schema, c)).ToArray();
        return new SplitLayout(
            fields,
            [.. fields.Select(f => file.ArrowSchema.GetFieldByIndex(f).Name)],
            [.. fields.Select(file.IsInt96)],
            [.. fields.SelectMany(file.LeafColumns).Distinct().Order()],
            fields.Length == 0 ? [] : DictionaryReads.Choose(file, rowGroups, fields));
    }

    /// <summary>The file's version, the columns asked for (name, type) and the row groups; null when the file cannot be looked at (the open then says why).</summary>
    private static string? Key(RowGroupSplit split, StructType schema, IReadOnlyList<int> columns)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(split.Path);
            if (!info.Exists)
            {
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        var key = new StringBuilder(split.Path).Append('\0')
            .Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('\0')
            .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\0');
        foreach (int column in columns)
        {
            var field = schema[column];
            key.Append(field.Name).Append('\u0001').Append(field.DataType.SimpleString).Append('\0');
        }
        foreach (int group in split.RowGroups)
        {
            key.Append(group.ToString(CultureInfo.InvariantCulture)).Append(',');
        }
        return key.ToString();
    }
}
