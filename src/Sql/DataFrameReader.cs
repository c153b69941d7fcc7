using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.IO;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Json;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// Reads files into a <see cref="DataFrame"/> (Spark's <c>DataFrameReader</c>). A path is a file, a folder of part
/// files (names starting with <c>_</c> or <c>.</c> are skipped) or a glob. Options are Spark's
/// (<c>sep</c>, <c>quote</c>, <c>nullValue</c>, <c>dateFormat</c>, <c>mode</c>, …), set with <see cref="Option(string, string)"/>.
/// </summary>
public sealed class DataFrameReader
{
    private readonly SqlContext _sql;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    internal DataFrameReader(SqlContext sql) => _sql = sql;

    /// <summary>Sets a reader option; returns this reader.</summary>
    public DataFrameReader Option(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _options[key] = value;
        return this;
    }

    /// <summary>Sets a boolean reader option (<c>"true"</c>/<c>"false"</c>); returns this reader.</summary>
    public DataFrameReader Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>
    /// CSV files. With <paramref name="header"/> the first line names the columns; with
    /// <paramref name="inferSchema"/> the column types are inferred from the data (else every column is a string).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    public DataFrame Csv(string path, bool header = true, bool inferSchema = true)
    {
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        options.TryAdd("header", header ? "true" : "false");
        options.TryAdd("inferSchema", inferSchema ? "true" : "false");
        var files = Files(path);
        var schema = CsvSchemaInference.Infer(files, CsvOptions.FromDictionary(options));
        return Frame(DataSourceFormat.Csv, path, options, schema);
    }

    /// <summary>JSON lines files (one object per line); the schema is inferred from the data.</summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    public DataFrame Json(string path)
    {
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        var schema = JsonSchemaInference.Infer(Files(path), JsonOptions.FromDictionary(options));
        return Frame(DataSourceFormat.Json, path, options, schema);
    }

    /// <summary>Arrow IPC files (file or stream format); the schema is the first file's.</summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    public DataFrame Arrow(string path)
    {
        var files = Files(path);
        using var stream = File.OpenRead(files[0]);
        Span<byte> magic = stackalloc byte[6];
        int read = stream.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        stream.Position = 0;
        Arrow.Schema arrowSchema;
        if (read == 6 && magic.SequenceEqual("ARROW1"u8))
        {
            using var reader = new ArrowFileReader(stream);
            arrowSchema = reader.Schema;
        }
        else
        {
            using var reader = new ArrowStreamReader(stream);
            arrowSchema = reader.Schema;
        }
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        return Frame(DataSourceFormat.Arrow, path, options, ArrowTypeMapping.ToStructType(arrowSchema));
    }

    /// <summary>Text files: one row per line, in a string column <c>value</c>.</summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    public DataFrame Text(string path)
    {
        Files(path);
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        return Frame(DataSourceFormat.Text, path, options, new StructType(new StructField("value", DataTypes.String)));
    }

    private static IReadOnlyList<string> Files(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var files = FileSplit.ListFiles(path);
        return files.Count > 0 ? files : throw new FileNotFoundException($"Path does not exist: {path}", path);
    }

    private DataFrame Frame(DataSourceFormat format, string path, Dictionary<string, string> options, StructType schema) =>
        new(_sql, Scan.Create(new DataSource(format, [path], options, schema)));
}
