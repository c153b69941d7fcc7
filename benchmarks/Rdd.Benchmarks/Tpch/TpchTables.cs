using System.Globalization;
using DuckDB.NET.Data;
using Rdd.Benchmarks.Data;
using Rdd.Sql;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Benchmarks.Tpch;

/// <summary>
/// The generated TPC-H tables as Rdd frames (in memory or read back from Parquet) and as DuckDB views over
/// <c>read_parquet</c>, under the same eight names, so one SQL text runs on both engines.
/// </summary>
internal static class TpchTables
{
    /// <summary>A frame over the generated batches, without a copy (as <see cref="SqlContext.Range"/> builds its own).</summary>
    public static DataFrame ToDataFrame(SqlContext sql, TpchGenerator.Table table)
    {
        var source = new DataSource(DataSourceFormat.Batches, [], new Dictionary<string, string>(), table.Schema, [.. table.Batches]);
        return new DataFrame(sql, Scan.Create(source));
    }

    /// <summary>Writes every table to <paramref name="folder"/>/&lt;table&gt; as Parquet (each output committed atomically by the writer).</summary>
    public static void WriteParquet(SqlContext sql, IReadOnlyList<TpchGenerator.Table> tables, string folder)
    {
        foreach (var table in tables) ToDataFrame(sql, table).Write.Mode("overwrite").Parquet(Path.Combine(folder, table.Name));
    }

    /// <summary>
    /// The Parquet copy of scale factor <paramref name="sf"/> under the temp folder, generated and written on first use;
    /// a <c>_complete</c> marker written last tells a finished copy from an interrupted one.
    /// </summary>
    public static (string Folder, bool Reused) EnsureParquet(SqlContext sql, double sf, ulong seed)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rdd-tpch-data", $"sf{sf.ToString(CultureInfo.InvariantCulture)}-seed{seed}");
        var marker = Path.Combine(folder, "_complete");
        if (File.Exists(marker)) return (folder, true);
        Directory.CreateDirectory(folder);
        WriteParquet(sql, TpchGenerator.Generate(sf, seed), folder);
        File.WriteAllText(marker, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return (folder, false);
    }

    public static void RegisterParquet(SqlContext sql, string folder)
    {
        foreach (var name in TpchGenerator.TableNames) sql.Read.Parquet(Path.Combine(folder, name)).CreateOrReplaceTempView(name);
    }

    public static void RegisterParquet(DuckDBConnection duck, string folder)
    {
        foreach (var name in TpchGenerator.TableNames)
        {
            var glob = Path.Combine(folder, name, "*.parquet").Replace("'", "''", StringComparison.Ordinal);
            using var command = duck.CreateCommand();
            command.CommandText = $"create or replace view {name} as select * from read_parquet('{glob}')";
            command.ExecuteNonQuery();
        }
    }

    public static List<object?[]> RunDuckDb(DuckDBConnection duck, string query)
    {
        using var command = duck.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static List<object?[]> RunRdd(SqlContext sql, string query) => [.. sql.Sql(query).Collect().Select(r => r.Values)];
}
