using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Tests.Parquet;

/// <summary>A frame with a column of every SQL type Parquet holds, with nulls, and helpers to compare rows.</summary>
internal static class ParquetTestData
{
    public static readonly StructType AllTypesSchema = new(
        new StructField("id", DataTypes.Integer, Nullable: false),
        new StructField("b", DataTypes.Byte),
        new StructField("s", DataTypes.Short),
        new StructField("i", DataTypes.Integer),
        new StructField("l", DataTypes.Long),
        new StructField("f", DataTypes.Float),
        new StructField("d", DataTypes.Double),
        new StructField("bool", DataTypes.Boolean),
        new StructField("str", DataTypes.String),
        new StructField("bin", DataTypes.Binary),
        new StructField("date", DataTypes.Date),
        new StructField("ts", DataTypes.Timestamp),
        new StructField("ts_ntz", DataTypes.TimestampNtz));

    /// <summary><paramref name="count"/> rows; column c of row r is null when (r + c) % 4 == 3 (id never).</summary>
    public static List<object?[]> AllTypesRows(int count)
    {
        var rows = new List<object?[]>(count);
        for (int r = 0; r < count; r++)
        {
            object?[] row =
            [
                r,
                (sbyte)(r % 256 - 128),
                (short)(r * 37 % 65536 - 32768),
                r * 1_000_003 - 500_000_000,
                (long)r * 9_000_000_000_013L - 4_000_000_000_000_000_000L,
                r * 0.5f - 3.25f,
                r == 1 ? double.NaN : r * 1e-3 - 7.0,
                r % 2 == 0,
                r % 5 == 0 ? "" : $"héllo {r} 漢字",
                new byte[] { (byte)r, 0, 255, (byte)(r >> 8) },
                new DateOnly(1969, 12, 31).AddDays(r * 97 - 5000),
                new DateTime(2024, 2, 29, 12, 34, 56, DateTimeKind.Utc).AddTicks(r * 12_345_670L - 99_999_990L),
                new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified).AddTicks(r * 7_654_320L),
            ];
            for (int c = 1; c < row.Length; c++)
            {
                if ((r + c) % 4 == 3)
                {
                    row[c] = null;
                }
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A frame over <paramref name="rows"/> in <paramref name="slices"/> partitions.</summary>
    public static DataFrame Frame(SqlContext sql, StructType schema, IReadOnlyList<object?[]> rows, int slices) =>
        new(sql, DataFrame.LocalScan(schema, rows, slices));

    /// <summary>Rows as comparable text (binary as hex, floats round-trip exact), sorted.</summary>
    public static List<string> Canonical(IEnumerable<Row> rows) =>
        [.. rows.Select(r => string.Join("|", r.Values.Select(Format))).Order(StringComparer.Ordinal)];

    public static string Format(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
