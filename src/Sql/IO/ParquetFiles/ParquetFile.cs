using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// One Parquet file opened by Apache Arrow's C++ reader (ParquetSharp): its footer (schema, row groups,
/// statistics) and the SQL schema it reads as, by Spark's rules. Arrow's Parquet schema conversion does most of
/// the mapping (INT32 with an INT(8|16) annotation → int8/int16, STRING → utf8, DATE → date32, TIMESTAMP →
/// timestamp with <c>tz=UTC</c> when <c>isAdjustedToUTC</c>, naive otherwise, unsigned annotations → unsigned
/// types), and <see cref="ArrowTypeMapping"/> decides each Arrow type's SQL type, so a type the engine learns
/// (decimal, nested) becomes readable here without change. INT96 columns (Impala's and old Spark's timestamps) are
/// read as microseconds and are UTC instants: <c>timestamp</c>, as Spark reads them.
/// </summary>
internal sealed class ParquetFile : IDisposable
{
    /// <summary>
    /// Rows per batch the reader decodes: big enough to amortise per-batch work (a join or an exchange handles each
    /// batch as a unit), small enough to keep a batch's columns near the cache. 128 Ki rather than 64 Ki took TPC-H
    /// SF 1 Q7 from ~2.09 s to ~1.7-1.85 s, Q1, Q6 and Q19 unchanged.
    /// </summary>
    public const int BatchRows = 128 * 1024;

    private readonly FileReader _reader;
    private readonly ParquetFileReader _parquetReader;
    private StructType? _schema;
    // Each read of FileReader.Schema imports the schema through the C data interface anew, and each read of
    // SchemaManifest.SchemaFields builds new wrappers: both are read once per open file (column lookups call them
    // per column, per split).
    private Schema? _arrowSchema;
    private IReadOnlyList<SchemaField>? _schemaFields;

    private ParquetFile(string path, FileReader reader)
    {
        Path = path;
        _reader = reader;
        _parquetReader = reader.ParquetReader;
        MetaData = _parquetReader.FileMetaData;
    }

    public string Path { get; }

    /// <summary>The file's Arrow schema as Arrow's reader produces it (INT96 columns as naive microseconds).</summary>
    public Schema ArrowSchema => _arrowSchema ??= _reader.Schema;

    private IReadOnlyList<SchemaField> SchemaFields => _schemaFields ??= _reader.SchemaManifest.SchemaFields;

    public FileMetaData MetaData { get; }

    public int RowGroupCount => _reader.NumRowGroups;

    /// <summary>Opens <paramref name="path"/> and reads its footer.</summary>
    /// <exception cref="InvalidDataException">The file is not Parquet, or is truncated or damaged; the message names it.</exception>
    public static ParquetFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var properties = ReadProperties();
        try
        {
            return new ParquetFile(path, new FileReader(path, arrowProperties: properties));
        }
        catch (ParquetException e)
        {
            throw Damaged(path, e);
        }
    }

    private static ArrowReaderProperties ReadProperties()
    {
        var properties = ArrowReaderProperties.GetDefault();
        properties.CoerceInt96TimestampUnit = ArrowTypes.TimeUnit.Microsecond;
        properties.BatchSize = BatchRows;
        // Tasks already run in parallel; the reader decodes one batch on the calling thread.
        properties.UseThreads = false;
        return properties;
    }

    /// <summary>Spark's error for a file that is not Parquet or is damaged, naming the file.</summary>
    public static InvalidDataException Damaged(string path, Exception cause) =>
        new($"The file '{path}' is not a Parquet file or is damaged (truncated?): {cause.Message}", cause);

    /// <summary>The SQL schema of the file, columns nullable as the file says (optional) and required otherwise.</summary>
    /// <exception cref="NotSupportedException">A column has no SQL type; the message names the file, the column and its Parquet type.</exception>
    public StructType Schema => _schema ??= ReadSchema();

    /// <summary>The SQL type of top-level column <paramref name="field"/> (an index into <see cref="ArrowSchema"/>).</summary>
    /// <exception cref="NotSupportedException">The column has no SQL type; the message names the file, the column and its Parquet type.</exception>
    public DataType ColumnType(int field)
    {
        if (IsInt96(field))
        {
            return TimestampType.Instance;
        }
        var arrowField = ArrowSchema.GetFieldByIndex(field);
        try
        {
            return ArrowTypeMapping.ToDataType(arrowField);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException(
                $"The Parquet file '{Path}' has column '{arrowField.Name}' of Parquet type {DescribeParquetType(field)} (Arrow {ArrowTypeMapping.Describe(arrowField.DataType)}), which has no SQL type in this engine: {e.Message}", e);
        }
    }

    /// <summary>Whether top-level column <paramref name="field"/> is stored as INT96.</summary>
    public bool IsInt96(int field)
    {
        var manifest = SchemaFields[field];
        return manifest.ColumnIndex >= 0 && Descriptor(manifest.ColumnIndex).PhysicalType == PhysicalType.Int96;
    }

    /// <summary>The leaf column indices that store top-level column <paramref name="field"/>.</summary>
    public int[] LeafColumns(int field)
    {
        var leaves = new List<int>();
        Collect(SchemaFields[field], leaves);
        return [.. leaves];

        static void Collect(SchemaField node, List<int> into)
        {
            if (node.ColumnIndex >= 0)
            {
                into.Add(node.ColumnIndex);
            }
            foreach (var child in node.Children)
            {
                Collect(child, into);
            }
        }
    }

    /// <summary>The index of the column named <paramref name="name"/>: exact match first, then ignoring case (Spark's default resolution); -1 if none.</summary>
    public int IndexOf(string name)
    {
        var fields = ArrowSchema.FieldsList;
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return i;
            }
        }
        for (int i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    public ColumnDescriptor Descriptor(int leafColumn) => MetaData.Schema.Column(leafColumn);

    /// <summary>The row group's reader; its <see cref="RowGroupReader.MetaData"/> lives as long as it does.</summary>
    public RowGroupReader RowGroup(int index) => _parquetReader.RowGroup(index);

    /// <summary>
    /// The batches of <paramref name="rowGroups"/> of the file at <paramref name="path"/>, with only the leaf columns
    /// <paramref name="leafColumns"/>, those in <paramref name="dictionaryLeaves"/> read as Arrow dictionaries
    /// (<see cref="DictionaryReads"/>: Arrow's reader fixes that choice when it opens), from a reader of its own that
    /// the stream closes.
    /// </summary>
    /// <exception cref="ParquetException">The file cannot be opened or read.</exception>
    public static Apache.Arrow.Ipc.IArrowArrayStream ReadBatches(string path, int[] rowGroups, int[] leafColumns, int[] dictionaryLeaves)
    {
        using var properties = ReadProperties();
        foreach (int leaf in dictionaryLeaves)
        {
            properties.SetReadDictionary(leaf, true);
        }
        var reader = new FileReader(path, arrowProperties: properties);
        try
        {
            return new OwningStream(reader.GetRecordBatchReader(rowGroups, leafColumns), reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Parquet's spelling of a column's stored type, for messages: <c>INT64 (Decimal(precision=18, scale=2))</c>, <c>group (List)</c>.</summary>
    public string DescribeParquetType(int field)
    {
        var manifest = SchemaFields[field];
        if (manifest.ColumnIndex >= 0)
        {
            var descriptor = Descriptor(manifest.ColumnIndex);
            var physical = descriptor.PhysicalType.ToString().ToUpperInvariant();
            using var logical = descriptor.LogicalType;
            return logical.Type == LogicalTypeEnum.None ? physical : $"{physical} ({logical})";
        }
        // A nested column: the annotation of its top-level group (LIST, MAP, or none for a struct).
        int[] leaves = LeafColumns(field);
        if (leaves.Length == 0)
        {
            return "group";
        }
        using var node = MetaData.Schema.ColumnRoot(leaves[0]);
        using var groupLogical = node.LogicalType;
        return groupLogical.Type == LogicalTypeEnum.None ? "group" : $"group ({groupLogical})";
    }

    private StructType ReadSchema()
    {
        var fields = ArrowSchema.FieldsList;
        return new StructType(fields.Select((f, i) => new StructField(f.Name, ColumnType(i), f.IsNullable)));
    }

    public void Dispose()
    {
        MetaData.Dispose();
        _parquetReader.Dispose();
        _reader.Dispose();
    }

    /// <summary>A batch stream that closes the reader it comes from when it is disposed.</summary>
    private sealed class OwningStream(Apache.Arrow.Ipc.IArrowArrayStream inner, FileReader reader) : Apache.Arrow.Ipc.IArrowArrayStream
    {
        public Schema Schema => inner.Schema;

        public ValueTask<RecordBatch?> ReadNextRecordBatchAsync(CancellationToken cancellationToken = default) =>
            inner.ReadNextRecordBatchAsync(cancellationToken);

        public void Dispose()
        {
            inner.Dispose();
            reader.Dispose();
        }
    }
}
