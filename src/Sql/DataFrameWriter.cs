using System.Collections.Concurrent;
using System.Globalization;
using Apache.Arrow;
using Rdd.Core.IO;
using Rdd.Sql.IO;
using Rdd.Sql.IO.ArrowFiles;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Json;
using Rdd.Sql.IO.ParquetFiles;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// Writes a <see cref="DataFrame"/> to files (Spark's <c>DataFrameWriter</c>): a folder with one part file per
/// partition (<c>part-00000</c>, …) and an empty <c>_SUCCESS</c> marker, committed atomically (readers see all
/// parts or none). The save mode decides what happens when the folder exists: <c>error</c>/<c>errorifexists</c>
/// (the default) throws <see cref="AnalysisException"/>, <c>overwrite</c> replaces it, <c>append</c> adds part
/// files next to the existing ones, <c>ignore</c> does nothing.
/// </summary>
/// <remarks>
/// <para>No failure loses data. An overwrite or append writes the job into a hidden folder beside the target
/// (<c>.&lt;name&gt;-&lt;id&gt;.overwrite</c> / <c>.append</c>; readers skip names starting with <c>.</c> or
/// <c>_</c>) and changes the target only after the job has committed: the old output is renamed aside, the new
/// one renamed in, the old one deleted (append: the new part files are renamed in). A job that fails leaves the
/// target byte for byte as it was, and nothing beside it. If the process dies while the target is being
/// replaced, the next write to or read of the path completes the replacement (or, if the target was not touched
/// yet, discards the staged output), so neither the old nor the new output is lost.</para>
/// <para>An overwrite of a path the frame reads (a file, folder or glob of one of its sources, or a folder
/// containing one) is refused before anything runs with Spark's <c>[UNSUPPORTED_OVERWRITE.PATH]</c>
/// <see cref="AnalysisException"/>. Appending to a path the frame reads is allowed, as in Spark: the frame's
/// input files are listed when the job starts and the new parts appear only after it has read them.</para>
/// </remarks>
public sealed class DataFrameWriter
{
    private readonly DataFrame _frame;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private SaveMode _mode = SaveMode.ErrorIfExists;

    internal DataFrameWriter(DataFrame frame) => _frame = frame;

    private enum SaveMode { ErrorIfExists, Overwrite, Append, Ignore }

    /// <summary>
    /// The save mode: "overwrite" (replace the output once the job has succeeded; refused when the frame reads the
    /// path), "error" / "errorifexists" (default: refuse an existing path), "append" (add part files) or "ignore"
    /// (do nothing when the path exists).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown mode.</exception>
    public DataFrameWriter Mode(string saveMode)
    {
        ArgumentNullException.ThrowIfNull(saveMode);
        _mode = saveMode.ToLowerInvariant() switch
        {
            "overwrite" => SaveMode.Overwrite,
            "error" or "errorifexists" or "default" => SaveMode.ErrorIfExists,
            "append" => SaveMode.Append,
            "ignore" => SaveMode.Ignore,
            _ => throw new ArgumentException(
                $"Unknown save mode: {saveMode}. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.",
                nameof(saveMode)),
        };
        return this;
    }

    /// <summary>Sets a writer option (CSV: <c>header</c>, <c>sep</c>, <c>nullValue</c>, …); returns this writer.</summary>
    public DataFrameWriter Option(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _options[key] = value;
        return this;
    }

    /// <summary>Sets a boolean writer option; returns this writer.</summary>
    public DataFrameWriter Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>CSV part files (no header line unless the option <c>header</c> is true, as Spark).</summary>
    public void Csv(string path)
    {
        var options = CsvOptions.FromDictionary(_options);
        var schema = _frame.Schema;
        CsvWriter.EnsureWritable(schema);
        Save(path, (stream, batches) =>
        {
            using var writer = new CsvWriter(stream, schema, options, leaveOpen: true);
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }
            writer.Flush();
        });
    }

    /// <summary>JSON lines part files (one object per row; NULL fields are left out, as Spark).</summary>
    public void Json(string path)
    {
        var options = JsonOptions.FromDictionary(_options);
        var schema = _frame.Schema;
        Save(path, (stream, batches) =>
        {
            using var writer = new JsonWriter(stream, schema, options, leaveOpen: true);
            foreach (var batch in batches)
            {
                writer.Write(batch);
            }
            writer.Flush();
        });
    }

    /// <summary>
    /// Arrow IPC file-format part files, written by Apache.Arrow. <c>Option("compression", "lz4" | "zstd" | "none")</c>
    /// compresses the record batch bodies with LZ4_FRAME or ZSTD (default <c>none</c>: Spark's Arrow files have no
    /// such option, and every Arrow reader opens an uncompressed file).
    /// </summary>
    /// <exception cref="ArgumentException">The compression option names another codec.</exception>
    public void Arrow(string path)
    {
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(_frame.Schema);
        var compression = ArrowIpc.ParseCompression(_options.GetValueOrDefault("compression"));
        Save(path, (stream, batches) => ArrowIpc.WriteFile(
            stream, arrowSchema, batches.Select(b => new RecordBatch(arrowSchema, b.Arrays, b.Length)), compression));
    }

    /// <summary>
    /// Parquet part files, written by Apache Arrow's C++ writer in Spark's type mapping (see
    /// <see cref="DataFrameReader.Parquet"/>; non-nullable columns are <c>required</c>), with min/max/null-count
    /// statistics per column and row group. <c>Option("compression", …)</c>: <c>snappy</c> (default), <c>zstd</c>,
    /// <c>gzip</c>, <c>lz4_raw</c>, <c>brotli</c>, <c>none</c>/<c>uncompressed</c>; the part files are named as Spark
    /// names them (<c>part-00000-&lt;job&gt;.snappy.parquet</c>). <c>Option("parquet.block.size", bytes)</c> sets the
    /// column data per row group (128 MiB by default).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown codec or a bad block size.</exception>
    /// <remarks>MlLib vector columns are written as their struct storage, Spark's layout, and read back as vectors.</remarks>
    public void Parquet(string path)
    {
        var options = ParquetWriteOptions.FromDictionary(_options);
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(_frame.Schema);
        Save(path, (stream, batches) => ParquetPartWriter.Write(stream, arrowSchema, batches, options), options.Compression.Extension);
    }

    private void Save(string path, Action<Stream, IEnumerable<RecordBatch>> writePart, string fileExtension = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (_mode == SaveMode.Overwrite)
        {
            ReadPathCheck.VerifyNotReadPath(_frame.Plan, full);
        }
        // An earlier write whose process died may have left the target half replaced: settle it before looking.
        StagedOutput.Recover(full);
        if (!Path.Exists(full))
        {
            WriteJob(full, writePart, fileExtension);
            return;
        }
        switch (_mode)
        {
            case SaveMode.ErrorIfExists:
                throw new AnalysisException(
                    $"[PATH_ALREADY_EXISTS] Path {path} already exists. Set mode as \"overwrite\" to overwrite the existing path.");
            case SaveMode.Ignore:
                return;
        }
        // Overwrite and append: the job writes beside the target, which changes only once the job has committed.
        using var staged = StagedOutput.Begin(full, _mode == SaveMode.Overwrite ? StagedOutputKind.Overwrite : StagedOutputKind.Append);
        WriteJob(staged.StagingPath, writePart, fileExtension);
        staged.Publish();
    }

    private void WriteJob(string path, Action<Stream, IEnumerable<RecordBatch>> writePart, string fileExtension)
    {
        var batches = _frame.Execute();
        var committer = AtomicOutputCommitter.Setup(path, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), fileExtension);
        var attempts = new ConcurrentDictionary<int, int>();
        try
        {
            batches.MapPartitionsWithIndex((partition, items) =>
            {
                int attempt = attempts.AddOrUpdate(partition, 0, (_, a) => a + 1);
                string file = committer.TaskTempFile(partition, attempt);
                try
                {
                    using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write))
                    {
                        writePart(stream, items);
                    }
                    committer.CommitTask(partition, attempt);
                }
                catch
                {
                    committer.AbortTask(partition, attempt);
                    throw;
                }
                return new[] { partition };
            }).Collect();
            committer.CommitJob();
        }
        catch
        {
            committer.AbortJob();
            throw;
        }
    }
}
