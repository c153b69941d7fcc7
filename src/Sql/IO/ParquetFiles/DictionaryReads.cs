using ParquetSharp;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Picks the string and binary columns worth asking Arrow's reader for as dictionaries: those whose chunks are
/// low-cardinality dictionary pages (TPC-H's flags, modes, segments, clerks ...). Decoding such a column to a
/// dense utf8 array in C++ copies every value's bytes out of the dictionary; read as a dictionary, only the small
/// dictionary and one index per row are decoded, and <see cref="ArrowArrayNormalizer"/> expands them once, keeping the
/// indices as <see cref="Execution.Caching.DictionaryCodes"/> that grouping, joins and exchanges hash instead of
/// the bytes.
/// </summary>
/// <remarks>
/// The footer does not say how many distinct values a chunk holds, nor whether the writer fell back from
/// dictionary to plain pages (the encodings list reads the same either way). The size does: a dictionary index
/// takes at most a couple of bytes per row (bit-packed), a plain string at least its 4-byte length. A chunk of at
/// most <see cref="MaxBytesPerValue"/> uncompressed bytes per value therefore holds a small dictionary and almost
/// no plain values; anything larger (comments, names) is decoded densely, where asking for a dictionary would make
/// Arrow build one with a hash table. The choice only changes speed: the values read are the same.
/// </remarks>
internal static class DictionaryReads
{
    /// <summary>About 12 bits per row: up to a few thousand distinct values, page and level overhead included.</summary>
    public const double MaxBytesPerValue = 1.5;

    /// <summary>The leaf columns, among those of <paramref name="fields"/> (top-level columns), to read as dictionaries in <paramref name="rowGroups"/>.</summary>
    public static int[] Choose(ParquetFile file, IReadOnlyList<int> rowGroups, IReadOnlyList<int> fields)
    {
        var chosen = new List<int>();
        foreach (int field in fields)
        {
            if (file.LeafColumns(field) is not [int leaf] || !IsBinary(file, field, leaf) || rowGroups.Count == 0)
            {
                continue;
            }
            if (rowGroups.All(g => IsSmallDictionary(file, g, leaf)))
            {
                chosen.Add(leaf);
            }
        }
        return [.. chosen.Distinct()];
    }

    private static bool IsBinary(ParquetFile file, int field, int leaf)
    {
        // A top-level utf8 or binary column as Arrow's reader types it (not a struct's only child, not a decimal
        // or a fixed-size binary): those are what the engine keeps as utf8/binary arrays with dictionary codes.
        return file.ArrowSchema.GetFieldByIndex(field).DataType is Apache.Arrow.Types.StringType or Apache.Arrow.Types.BinaryType
            && file.Descriptor(leaf).PhysicalType == PhysicalType.ByteArray;
    }

    private static bool IsSmallDictionary(ParquetFile file, int rowGroup, int leaf)
    {
        using var reader = file.RowGroup(rowGroup);
        using var chunk = reader.MetaData.GetColumnChunkMetaData(leaf);
        long values = chunk.NumValues;
        if (values == 0 || !chunk.Encodings.Any(e => e is Encoding.RleDictionary or Encoding.PlainDictionary))
        {
            return false;
        }
        return chunk.TotalUncompressedSize <= MaxBytesPerValue * values;
    }
}
