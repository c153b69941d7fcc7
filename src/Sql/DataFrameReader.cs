using Rdd.Core.IO;
using Rdd.Sql.IO;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Json;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Parsing;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// Reads files into a <see cref="DataFrame"/> (Spark's <c>DataFrameReader</c>). A path is a file, a folder of part
/// files (names starting with <c>_</c> or <c>.</c> are skipped) or a glob. Options are Spark's
/// (<c>sep</c>, <c>quote</c>, <c>nullValue</c>, <c>dateFormat</c>, <c>mode</c>, …), set with <see cref="Option(string, string)"/>.
/// A <see cref="Schema(StructType)"/> given first replaces schema inference. Reading a path that a write interrupted
/// by a dead process left half replaced first completes that write (see <see cref="DataFrameWriter"/>).
/// </summary>
public sealed class DataFrameReader
{
    private readonly SqlContext _sql;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private StructType? _schema;

    internal DataFrameReader(SqlContext sql) => _sql = sql;

    /// <summary>
    /// The schema to read with (Spark's <c>schema</c>): CSV and JSON reads then make no inference pass over the
    /// data. CSV columns are taken by position, whether or not the files have a header (with <c>header</c> the
    /// first line is skipped; with the option <c>enforceSchema=false</c> it must name the columns in order, as in
    /// Spark, whose default is true); JSON fields are matched by name. A value that does not parse as its column's
    /// type is null in the default <c>PERMISSIVE</c> mode, drops its row under <c>DROPMALFORMED</c>, and fails the
    /// read under <c>FAILFAST</c> with a <see cref="MalformedRecordException"/> naming file, line and column. Arrow
    /// reads check the names and types against every file. As in Spark, the columns read from files are nullable
    /// whatever the schema says.
    /// </summary>
    /// <exception cref="AnalysisException">Two columns share a name (ignoring case).</exception>
    public DataFrameReader Schema(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in schema)
        {
            if (!seen.Add(field.Name))
            {
                throw new AnalysisException(
                    $"[COLUMN_ALREADY_EXISTS] The column `{field.Name.ToLowerInvariant()}` already exists. Choose another name or rename the existing column.");
            }
        }
        _schema = schema;
        return this;
    }

    /// <summary>
    /// The schema to read with, in Spark's DDL: <c>"a INT, b STRING, c DOUBLE NOT NULL"</c> (names may be
    /// back-quoted, a column may end with <c>COMMENT 'text'</c>), or <c>"struct&lt;a:int,b:string&gt;"</c>. Type names
    /// are those of <see cref="DataType.ParseSimpleString"/>, plus <c>char(n)</c>/<c>varchar(n)</c> read as string.
    /// See <see cref="Schema(StructType)"/>.
    /// </summary>
    /// <exception cref="ParseException">Malformed text or a type this engine does not have (<c>UNSUPPORTED_DATATYPE</c>).</exception>
    /// <exception cref="AnalysisException">Two columns share a name (ignoring case).</exception>
    public DataFrameReader Schema(string ddl) => Schema(SchemaParser.Parse(ddl));

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
    /// With a <see cref="Schema(StructType)"/>, it is the schema and <paramref name="inferSchema"/> is ignored.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    /// <exception cref="AnalysisException">The schema has a type CSV cannot hold (binary, vector), naming the column.</exception>
    public DataFrame Csv(string path, bool header = true, bool inferSchema = true)
    {
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        options.TryAdd("header", header ? "true" : "false");
        options.TryAdd("inferSchema", inferSchema ? "true" : "false");
        var csvOptions = CsvOptions.FromDictionary(options);
        if (_schema is not null)
        {
            RequireSupported("CSV", _schema, type => type is not (BinaryType or UserDefinedType or ArrayType or StructType));
        }
        var files = Files(path);
        var schema = _schema is null ? CsvSchemaInference.Infer(files, csvOptions) : AsNullable(_schema);
        return Frame(DataSourceFormat.Csv, path, options, schema);
    }

    /// <summary>
    /// JSON lines files (one object per line); the schema is inferred from the data, unless a
    /// <see cref="Schema(StructType)"/> was given (fields are then matched by name; others are ignored, missing ones null).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    public DataFrame Json(string path)
    {
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        var jsonOptions = JsonOptions.FromDictionary(options);
        var files = Files(path);
        var schema = _schema is null ? JsonSchemaInference.Infer(files, jsonOptions) : AsNullable(_schema);
        return Frame(DataSourceFormat.Json, path, options, schema);
    }

    /// <summary>
    /// Arrow IPC files (file or stream format, bodies uncompressed or LZ4_FRAME / ZSTD compressed), read by Apache.Arrow;
    /// the schema is the first file's. Columns written by other tools read as Spark types: unsigned integers as the
    /// next wider signed type (uint64 as bigint, a larger value failing the read naming its column and row), float16
    /// as float, large and view strings and binaries, date64, timestamps of any unit and zone (zoned: UTC
    /// <c>timestamp</c>, naive: <c>timestamp_ntz</c>), dictionary-encoded strings, decimal128 as <c>decimal(p,s)</c>,
    /// lists, large lists and fixed-size lists as <c>array</c> and structs as <c>struct</c>, nested to any depth. With a
    /// <see cref="Schema(StructType)"/>, its columns (any subset, in any order) are read by name, and every file must
    /// have each of them with the same type.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    /// <exception cref="AnalysisException">A file lacks a column of the schema, or has it with another type; the message names both.</exception>
    /// <exception cref="NotSupportedException">
    /// A column to read has an Arrow type with no SQL type (decimal256, time, interval, map, union ...); the
    /// message names the column and its type.
    /// </exception>
    public DataFrame Arrow(string path)
    {
        var files = Files(path);
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        if (_schema is null)
        {
            return Frame(DataSourceFormat.Arrow, path, options, ArrowTypeMapping.ToStructType(ArrowIpc.ReadSchema(files[0])));
        }
        foreach (string file in files)
        {
            var fileSchema = ArrowIpc.ReadSchema(file);
            foreach (var field in _schema)
            {
                int index = fileSchema.IndexOf(field.Name);
                if (index < 0)
                {
                    throw new AnalysisException(
                        $"The Arrow file {file} has no column `{field.Name}` of the schema (its columns: {string.Join(", ", fileSchema.FieldsList.Select(f => f.Name))}).");
                }
                var fileType = ArrowTypeMapping.ToDataType(fileSchema.GetFieldByIndex(index));
                if (fileType != field.DataType)
                {
                    throw new AnalysisException(
                        $"Column `{field.Name}` of the Arrow file {file} is {fileType.SimpleString}, not {field.DataType.SimpleString} as the schema says.");
                }
            }
        }
        return Frame(DataSourceFormat.Arrow, path, options, AsNullable(_schema));
    }

    /// <summary>
    /// Parquet files (any codec), read by Apache Arrow's C++ reader. The schema is the first file's (as Spark, which
    /// merges no schemas by default): every other file must have its columns with the same types, or the read fails
    /// naming the file. Types read as Spark reads them: INT32 with INT(8|16) annotations as tinyint/smallint, INT32
    /// int, INT64 bigint, FLOAT, DOUBLE, BOOLEAN, STRING (and unannotated BYTE_ARRAY as binary), DATE, TIMESTAMP
    /// with <c>isAdjustedToUTC</c> as <c>timestamp</c> and without as <c>timestamp_ntz</c> (millis, micros or nanos),
    /// INT96 as <c>timestamp</c>, unsigned integers widened (UINT64 as bigint, a larger value failing the read);
    /// required columns are not nullable; MlLib vector columns written by this engine read back as vectors (their
    /// extension name is in the Arrow schema the footer stores). Only the selected columns are decoded; row groups whose min/max/null-count
    /// statistics exclude a filter (<c>x &gt; 5</c>, <c>s = 'a'</c>, <c>x IS NULL</c>, IN, AND, OR) are skipped, the
    /// filter still applying to the rows read; each partition is a run of row groups of one file, of up to
    /// Spark's split size. With a <see cref="Schema(StructType)"/>, its columns are read by name from every file.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The first file is not Parquet or is damaged; the message names it.</exception>
    /// <exception cref="NotSupportedException">
    /// A column has a Parquet type with no SQL type yet (DECIMAL, lists, structs, maps ...); the message names the
    /// file, the column and its Parquet type.
    /// </exception>
    /// <exception cref="AnalysisException">With a schema: a file lacks one of its columns, or has it with another type.</exception>
    public DataFrame Parquet(string path)
    {
        var files = Files(path);
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        if (_schema is null)
        {
            using var first = ParquetFile.Open(files[0]);
            return Frame(DataSourceFormat.Parquet, path, options, first.Schema);
        }
        foreach (string file in files)
        {
            using var parquet = ParquetFile.Open(file);
            foreach (var field in _schema)
            {
                int index = parquet.IndexOf(field.Name);
                if (index < 0)
                {
                    throw new AnalysisException(
                        $"The Parquet file {file} has no column `{field.Name}` of the schema (its columns: {string.Join(", ", parquet.ArrowSchema.FieldsList.Select(f => f.Name))}).");
                }
                var fileType = parquet.ColumnType(index);
                if (fileType != field.DataType)
                {
                    throw new AnalysisException(
                        $"Column `{field.Name}` of the Parquet file {file} is {fileType.SimpleString}, not {field.DataType.SimpleString} as the schema says.");
                }
            }
        }
        return Frame(DataSourceFormat.Parquet, path, options, AsNullable(_schema));
    }

    /// <summary>
    /// Text files: one row per line, in a string column <c>value</c> (or the one string column of a
    /// <see cref="Schema(StructType)"/>, named as it says).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing matches <paramref name="path"/>.</exception>
    /// <exception cref="AnalysisException">The schema has more than one column, or one that is not a string.</exception>
    public DataFrame Text(string path)
    {
        var schema = new StructType(new StructField("value", DataTypes.String));
        if (_schema is not null)
        {
            if (_schema.Count != 1)
            {
                throw new AnalysisException($"Text data source supports only a single column, and you have {_schema.Count} columns.");
            }
            RequireSupported("Text", _schema, type => type is StringType);
            schema = AsNullable(_schema);
        }
        Files(path);
        var options = new Dictionary<string, string>(_options, StringComparer.OrdinalIgnoreCase);
        return Frame(DataSourceFormat.Text, path, options, schema);
    }

    private static IReadOnlyList<string> Files(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (string.Equals(PathGlob.LiteralBase(path), Path.GetFullPath(path), StringComparison.Ordinal))
        {
            // A write whose process died may have left this path half replaced.
            StagedOutput.Recover(path);
        }
        var files = FileSplit.ListFiles(path);
        return files.Count > 0 ? files : throw new FileNotFoundException($"Path does not exist: {path}", path);
    }

    /// <summary>Spark's <c>UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE</c> for the first column whose type <paramref name="holds"/> refuses.</summary>
    private static void RequireSupported(string format, StructType schema, Func<DataType, bool> holds)
    {
        foreach (var field in schema)
        {
            if (!holds(field.DataType))
            {
                throw new AnalysisException(
                    $"[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The {format} datasource doesn't support the column `{field.Name}` of the type \"{field.DataType.SimpleString.ToUpperInvariant()}\".");
            }
        }
    }

    /// <summary>File sources read every column as nullable, as Spark's do (its <c>dataSchema.asNullable</c>).</summary>
    private static StructType AsNullable(StructType schema) => new(schema.Select(f => f with { Nullable = true }));

    private DataFrame Frame(DataSourceFormat format, string path, Dictionary<string, string> options, StructType schema) =>
        new(_sql, Scan.Create(new DataSource(format, [path], options, schema)));
}
