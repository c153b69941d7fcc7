namespace Rdd.Sql.IO;

/// <summary>Which schema columns a reader materialises (projection pruning), validated once per reader.</summary>
internal static class ColumnSelection
{
    /// <summary>
    /// The schema indices to produce, in output order: <paramref name="columns"/> checked for range and
    /// repeats, or every column when it is null.
    /// </summary>
    public static int[] Resolve(StructType schema, IReadOnlyList<int>? columns)
    {
        if (columns is null)
        {
            return [.. Enumerable.Range(0, schema.Count)];
        }
        var seen = new bool[schema.Count];
        var selected = new int[columns.Count];
        for (int i = 0; i < selected.Length; i++)
        {
            int column = columns[i];
            if ((uint)column >= (uint)schema.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(columns), $"Column index {column} is outside a schema of {schema.Count} fields.");
            }
            if (seen[column])
            {
                throw new ArgumentException($"Column index {column} is requested twice.", nameof(columns));
            }
            seen[column] = true;
            selected[i] = column;
        }
        return selected;
    }
}
