using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.Execution.Caching;

/// <summary>
/// Prepares one partition's batches for <see cref="DataFrame.Cache"/>: every string or binary column with few
/// distinct values (at most one per <see cref="MinRowsPerValue"/> rows of the partition) gets
/// <see cref="DictionaryCodes"/> into one dictionary shared by all the partition's batches. Spark's columnar cache
/// dictionary-encodes such columns too; here the decoded values stay as they are (every kernel keeps working) and
/// grouping, joining and partitioning by the column read the codes, paying the hash and the comparison of a
/// value once per dictionary entry instead of once per row. The encoding pass runs once, when the cache is
/// built, inside the tasks that build it.
/// </summary>
internal static class CachedPartitionEncoder
{
    /// <summary>A column is encoded when it has at most one distinct value per this many rows.</summary>
    public const int MinRowsPerValue = 2;

    public static List<RecordBatch> Encode(IEnumerable<RecordBatch> batches)
    {
        var list = batches.ToList();
        if (list.Count == 0)
        {
            return list;
        }
        long rows = list.Sum(b => (long)b.Length);
        var columns = list.Select(b => b.Columns.ToArray()).ToArray();
        bool changed = false;
        for (int c = 0; c < list[0].ColumnCount; c++)
        {
            if (list[0].Columns[c].Data.DataType.TypeId is not (ArrowTypeId.String or ArrowTypeId.Binary))
            {
                continue;
            }
            changed |= EncodeColumn(columns, c, rows / MinRowsPerValue);
        }
        return changed ? [.. list.Select((b, i) => new RecordBatch(b.Schema, columns[i], b.Length))] : list;
    }

    private static bool EncodeColumn(ArrowArray[][] columns, int column, long maxDistinct)
    {
        var interner = new ByteStringInterner();
        var codes = new int[columns.Length][];
        for (int b = 0; b < columns.Length; b++)
        {
            var strings = (BinaryArray)columns[b][column];
            var offsets = strings.ValueOffsets;
            var data = strings.ValueBuffer.Span;
            bool hasNulls = strings.NullCount > 0;
            var batchCodes = codes[b] = new int[strings.Length];
            for (int i = 0; i < batchCodes.Length; i++)
            {
                if (hasNulls && strings.IsNull(i)) continue;
                batchCodes[i] = interner.Intern(data[offsets[i]..offsets[i + 1]]);
            }
            if (interner.Count > maxDistinct)
            {
                return false;
            }
        }
        if (interner.Count == 0)
        {
            return false; // all null: nothing to code
        }
        var dictionary = BuildDictionary(columns[0][column].Data.DataType, interner);
        for (int b = 0; b < columns.Length; b++)
        {
            columns[b][column] = DictionaryCodes.Attach((BinaryArray)columns[b][column], new DictionaryCodes(dictionary, codes[b]));
        }
        return true;
    }

    private static BinaryArray BuildDictionary(IArrowType type, ByteStringInterner interner)
    {
        if (type.TypeId == ArrowTypeId.String)
        {
            using var strings = new StringArrayBuilder(interner.Count);
            for (int id = 0; id < interner.Count; id++) strings.Append(interner[id]);
            return strings.Build();
        }
        using var binary = new BinaryArrayBuilder(interner.Count);
        for (int id = 0; id < interner.Count; id++) binary.Append(interner[id]);
        return binary.Build();
    }
}
