using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.IO;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Json;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.IO.Text;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Reads CSV, JSON-lines, text or Arrow IPC files. Text formats are split by Spark SQL's size rule
/// (<see cref="FileSplit.PlanBySize"/>: pieces of min(<see cref="MaxPartitionBytes"/>, max(open cost, total bytes /
/// <see cref="MinPartitions"/>)), cut at line boundaries) and each split is one partition; an Arrow file is one partition (file or stream format, told apart by the
/// <c>ARROW1</c> magic); Parquet files are split by row groups (<see cref="RowGroupSplit"/>), skipping those whose
/// statistics exclude one of <see cref="PruningFilters"/>. Readers materialise only <see cref="ReadColumns"/>: the output columns first, then any
/// column only <see cref="Filters"/> read. Filters (the pushed filters when the source applies them exactly) are
/// evaluated per batch, then the extra columns are dropped. Files are listed when <see cref="Execute"/> runs.
/// </summary>
internal sealed class FileScanExec : PhysicalPlan
{
    private readonly RddContext _context;

    /// <param name="context">The context the Rdd is created in.</param>
    /// <param name="source">The files, format and options; <see cref="DataSource.Schema"/> is the files' full schema.</param>
    /// <param name="readColumns">Indices into the source schema to read: the output columns, in output order, then filter-only columns.</param>
    /// <param name="outputColumnCount">How many of <paramref name="readColumns"/> (the first ones) are output.</param>
    /// <param name="filters">Predicates over the read columns (bound or by name), applied to every batch; none by default.</param>
    /// <param name="minPartitions">The parallelism text formats are spread over (Spark's leafNodeDefaultParallelism); the context's default parallelism by default.</param>
    /// <param name="maxPartitionBytes">The largest split of a text file (Spark's spark.sql.files.maxPartitionBytes, 128 MiB by default).</param>
    /// <param name="openCostInBytes">The cost of opening a file, in bytes (Spark's spark.sql.files.openCostInBytes, 4 MiB by default).</param>
    /// <param name="pruningFilters">Pushed filters (bound or by name, over the source schema) a Parquet scan uses to skip row groups; the rows are still filtered above.</param>
    /// <param name="filterAbove">
    /// The condition of the Filter right above a Parquet scan (bound to its output): rows its one-column conjuncts
    /// reject are dropped before dictionary-read columns are decoded (<see cref="DictionaryFilter"/>); the Filter
    /// still evaluates it all.
    /// </param>
    public FileScanExec(RddContext context, DataSource source, IReadOnlyList<int> readColumns, int outputColumnCount,
        IReadOnlyList<Expression>? filters = null, int? minPartitions = null,
        long maxPartitionBytes = FileSplit.DefaultMaxPartitionBytes, long openCostInBytes = FileSplit.DefaultOpenCostInBytes,
        IReadOnlyList<Expression>? pruningFilters = null, Expression? filterAbove = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(readColumns);
        if (source.Format == DataSourceFormat.Batches)
        {
            throw new ArgumentException("In-memory batches are scanned by BatchSourceExec, not FileScanExec.", nameof(source));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(outputColumnCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputColumnCount, readColumns.Count);
        _context = context;
        Source = source;
        ReadColumns = ColumnSelection.Resolve(source.Schema, readColumns);
        OutputColumnCount = outputColumnCount;
        ReadSchema = new StructType(ReadColumns.Select(c => source.Schema[c]));
        Schema = new StructType(ReadColumns.Take(outputColumnCount).Select(c => source.Schema[c]));
        Filters = [.. (filters ?? []).Select(f => f.Bind(ReadSchema))];
        foreach (var filter in Filters)
        {
            if (filter.DataType is not BooleanType)
            {
                throw new ArgumentException($"A scan filter must be boolean, not {filter.DataType.SimpleString}: {filter}.", nameof(filters));
            }
        }
        PruningFilters = [.. (pruningFilters ?? []).Select(f => f.Bind(source.Schema))];
        MinPartitions = minPartitions ?? context.DefaultParallelism;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPartitionBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(openCostInBytes);
        MaxPartitionBytes = maxPartitionBytes;
        OpenCostInBytes = openCostInBytes;
        DictionaryFilter = source.Format == DataSourceFormat.Parquet && filterAbove is not null
            ? DictionaryFilter.Applicable(filterAbove.Bind(Schema))
            : null;
    }

    /// <summary>This scan, dropping the rows the one-column conjuncts of <paramref name="condition"/> (the Filter above, bound to <see cref="Schema"/>) reject on dictionary-read columns before decoding them.</summary>
    public FileScanExec WithFilterAbove(Expression condition) =>
        new(_context, Source, ReadColumns, OutputColumnCount, Filters, MinPartitions, MaxPartitionBytes, OpenCostInBytes, PruningFilters, condition);

    /// <summary>Conjuncts of the Filter above that the Parquet reader applies to dictionary-read columns before decoding them; null if none.</summary>
    public DictionaryFilter? DictionaryFilter { get; }

    public DataSource Source { get; }

    /// <summary>Indices into the source schema the readers materialise.</summary>
    public IReadOnlyList<int> ReadColumns { get; }

    /// <summary>The first <see cref="OutputColumnCount"/> read columns are this node's output.</summary>
    public int OutputColumnCount { get; }

    /// <summary>The names of the output columns (what column pruning left to read).</summary>
    public IReadOnlyList<string> RequiredColumnNames => [.. Schema.FieldNames];

    /// <summary>The schema of the batches as read (before the filter-only columns are dropped).</summary>
    public StructType ReadSchema { get; }

    /// <summary>Predicates bound to <see cref="ReadSchema"/>, applied inside the scan.</summary>
    public IReadOnlyList<Expression> Filters { get; }

    /// <summary>Predicates bound to the source schema that let a Parquet scan skip row groups by their statistics.</summary>
    public IReadOnlyList<Expression> PruningFilters { get; }

    /// <summary>The parallelism the bytes of text files are spread over when sizing splits.</summary>
    public int MinPartitions { get; }

    /// <summary>The largest split of a text file.</summary>
    public long MaxPartitionBytes { get; }

    /// <summary>The cost of opening a file, in bytes: the smallest split size, and each file's weight in the total.</summary>
    public long OpenCostInBytes { get; }

    /// <summary>The splits of the text files, one per partition.</summary>
    public IReadOnlyList<FileSplit> PlanSplits() => FileSplit.PlanBySize(ListFiles(), MinPartitions, MaxPartitionBytes, OpenCostInBytes);

    /// <summary>
    /// The partitions of a Parquet scan (reads the files' footers): row groups packed by size, those whose
    /// statistics exclude a <see cref="PruningFilters"/> left out and counted.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not Parquet or does not have the scan's columns; the message names it.</exception>
    public (IReadOnlyList<RowGroupSplit> Splits, int SkippedRowGroups) PlanRowGroups() =>
        RowGroupSplit.Plan(ListFiles(), Source.Schema, [.. ReadColumns, .. PruningColumns()], PruningFilters, MinPartitions, MaxPartitionBytes, OpenCostInBytes);

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [];

    /// <summary>The input files, sorted, in path order.</summary>
    public IReadOnlyList<string> ListFiles() => [.. Source.Paths.SelectMany(FileSplit.ListFiles)];

    public override Rdd<RecordBatch> Execute()
    {
        var files = ListFiles();
        var read = Read;
        if (Source.Format == DataSourceFormat.Arrow)
        {
            return _context.Parallelize(files, Math.Max(1, files.Count))
                .MapPartitions(paths => paths.SelectMany(p => read(ReadArrow(p))));
        }
        if (Source.Format == DataSourceFormat.Parquet)
        {
            var rowGroups = PlanRowGroups().Splits;
            var schema = Source.Schema;
            int[] columns = [.. ReadColumns];
            var dictionaryFilter = DictionaryFilter;
            return _context.Parallelize(rowGroups, Math.Max(1, rowGroups.Count))
                .MapPartitions(parts => parts.SelectMany(s => read(ParquetSplitReader.Read(s, schema, columns, dictionaryFilter))));
        }
        var splits = FileSplit.PlanBySize(files, MinPartitions, MaxPartitionBytes, OpenCostInBytes);
        var reader = TextReader();
        return _context.Parallelize(splits, Math.Max(1, splits.Count))
            .MapPartitions(parts => parts.SelectMany(s => read(reader(s))));
    }

    /// <summary>Source columns only the pruning filters read (their files are checked too).</summary>
    private IEnumerable<int> PruningColumns()
    {
        var columns = new HashSet<int>();
        foreach (var filter in PruningFilters)
        {
            Collect(filter);
        }
        return columns.Except(ReadColumns).Order();

        void Collect(Expression e)
        {
            if (e is BoundReference reference)
            {
                columns.Add(reference.Ordinal);
            }
            foreach (var child in e.Children)
            {
                Collect(child);
            }
        }
    }

    /// <summary>The batches of one split, as read (columns <see cref="ReadColumns"/>).</summary>
    private Func<FileSplit, IEnumerable<RecordBatch>> TextReader()
    {
        var schema = Source.Schema;
        int[] columns = [.. ReadColumns];
        switch (Source.Format)
        {
            case DataSourceFormat.Csv:
            {
                var options = CsvOptions.FromDictionary(Source.Options);
                return split => CsvReader.Read(split, schema, options, columns);
            }
            case DataSourceFormat.Json:
            {
                var options = JsonOptions.FromDictionary(Source.Options);
                return split => JsonReader.Read(split, schema, options, columns);
            }
            case DataSourceFormat.Text:
            {
                bool includeValue = columns.Length > 0;
                return split => TextFileReader.Read(split, includeValue);
            }
            default:
                throw new NotSupportedException($"FileScanExec cannot read {Source.FormatName} files.");
        }
    }

    /// <summary>
    /// The batches of an Arrow IPC file (file or stream format, compressed or not), projected to
    /// <see cref="ReadColumns"/> by field name and normalized to the canonical layout of their SQL types
    /// (<see cref="ArrowArrayNormalizer"/>: unsigned integers, other timestamp units and zones, dictionaries ...).
    /// </summary>
    private IEnumerable<RecordBatch> ReadArrow(string path)
    {
        var readSchema = ArrowTypeMapping.ToArrowSchema(ReadSchema);
        int[]? ordinals = null;
        Schema? fileSchema = null;
        long firstRow = 0;
        using var reader = ArrowIpc.ReadBatches(path).GetEnumerator();
        while (true)
        {
            RecordBatch batch;
            try
            {
                if (!reader.MoveNext())
                {
                    break;
                }
                batch = reader.Current;
            }
            catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
            {
                // A malformed file fails inside Apache.Arrow with whatever its decoder threw: say which file.
                throw new InvalidDataException($"The Arrow file '{path}' could not be read: {e.Message}", e);
            }
            if (ordinals is null)
            {
                ordinals = [.. ReadColumns.Select(c => ArrowOrdinal(batch.Schema, c, path))];
                fileSchema = new Schema(ordinals.Select(batch.Schema.GetFieldByIndex), batch.Schema.Metadata);
            }
            var projected = new RecordBatch(fileSchema!, ordinals.Select(batch.Column), batch.Length);
            RecordBatch normalized;
            try
            {
                ArrowBufferCheck.Validate(projected);
                normalized = ArrowArrayNormalizer.Normalize(projected, firstRow);
            }
            catch (Exception e) when (e is OverflowException or InvalidDataException)
            {
                throw new InvalidDataException($"The Arrow file '{path}': {e.Message}", e);
            }
            var canonical = new RecordBatch(readSchema, normalized.Arrays, normalized.Length);
            ValidateUserDefinedTypes(canonical, path);
            firstRow += batch.Length;
            yield return canonical;
        }
    }

    /// <summary>
    /// Checks the stored values of user-defined-type columns (a sparse vector's indices, say), since another
    /// writer may have produced them: a bad value fails the read naming the file, column and row.
    /// </summary>
    private void ValidateUserDefinedTypes(RecordBatch batch, string path)
    {
        for (int c = 0; c < ReadSchema.Count; c++)
        {
            if (ReadSchema[c].DataType is UserDefinedType udt)
            {
                try
                {
                    udt.Validate((StructArray)batch.Column(c));
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"The Arrow file '{path}', column '{ReadSchema[c].Name}': {e.Message}", e);
                }
            }
        }
    }

    /// <summary>
    /// The file's column for source column <paramref name="column"/>: by name, else by position when the file has
    /// as many columns as the source. Its type must be the source's (a file written later may differ).
    /// </summary>
    private int ArrowOrdinal(Schema fileSchema, int column, string path)
    {
        var field = Source.Schema[column];
        int index = fileSchema.IndexOf(field.Name);
        if (index < 0 && fileSchema.FieldCount == Source.Schema.Count)
        {
            index = column;
        }
        if (index < 0)
        {
            throw new InvalidOperationException($"The Arrow file '{path}' has no column '{field.Name}' (its columns: {string.Join(", ", fileSchema.FieldsList.Select(f => f.Name))}).");
        }
        var fileType = ArrowTypeMapping.ToDataType(fileSchema.GetFieldByIndex(index));
        return fileType == field.DataType
            ? index
            : throw new InvalidDataException(
                $"Column '{field.Name}' of the Arrow file '{path}' is {fileType.SimpleString}, not {field.DataType.SimpleString} as the schema says.");
    }

    /// <summary>Filters one split's batches and drops the filter-only columns.</summary>
    private IEnumerable<RecordBatch> Read(IEnumerable<RecordBatch> batches)
    {
        var filters = Filters;
        int outputCount = OutputColumnCount;
        bool project = outputCount != ReadColumns.Count;
        var schema = ArrowSchema;
        foreach (var read in batches)
        {
            var batch = read;
            foreach (var filter in filters)
            {
                if (batch.Length == 0) break;
                var selection = FilterKernel.Select((BooleanArray)filter.Evaluate(batch));
                if (selection is not null)
                {
                    batch = TakeKernel.Take(batch, selection);
                }
            }
            if (batch.Length == 0)
            {
                continue;
            }
            yield return project
                ? new RecordBatch(schema, batch.Arrays.Take(outputCount), batch.Length)
                : Relabel(batch);
        }
    }

    public override string Describe()
    {
        var text = $"FileScan {Source.FormatName} [{string.Join(", ", Schema.FieldNames)}]";
        if (Filters.Count > 0)
        {
            text += $" Filters: [{string.Join(", ", Filters)}]";
        }
        if (PruningFilters.Count > 0)
        {
            text += $" PushedFilters: [{string.Join(", ", PruningFilters)}]";
        }
        if (DictionaryFilter is not null)
        {
            text += $" DictionaryFilters: [{string.Join(", ", DictionaryFilter.Conjuncts)}]";
        }
        return text + $" Paths: [{string.Join(", ", Source.Paths)}]";
    }
}
