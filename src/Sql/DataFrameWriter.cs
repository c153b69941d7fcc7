using System.Collections.Concurrent;
using System.Globalization;
using Rdd.Core.IO;
using Rdd.Sql.Arrow;
using Rdd.Sql.Arrow.Ipc;
using Rdd.Sql.IO.Csv;
using Rdd.Sql.IO.Json;
using Rdd.Sql.Types;

namespace Rdd.Sql;

/// <summary>
/// Writes a <see cref="DataFrame"/> to files (Spark's <c>DataFrameWriter</c>): a folder with one part file per
/// partition (<c>part-00000</c>, …) and an empty <c>_SUCCESS</c> marker, committed atomically (readers see all
/// parts or none). The save mode decides what happens when the folder exists: <c>error</c>/<c>errorifexists</c>
/// (the default) throws <see cref="AnalysisException"/>, <c>overwrite</c> replaces it, <c>append</c> adds part
/// files next to the existing ones, <c>ignore</c> does nothing.
/// </summary>
public sealed class DataFrameWriter
{
    private readonly DataFrame _frame;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private SaveMode _mode = SaveMode.ErrorIfExists;

    internal DataFrameWriter(DataFrame frame) => _frame = frame;

    private enum SaveMode { ErrorIfExists, Overwrite, Append, Ignore }

    /// <summary>The save mode: "overwrite", "error" / "errorifexists" (default), "append" or "ignore".</summary>
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

    /// <summary>Arrow IPC file-format part files.</summary>
    public void Arrow(string path)
    {
        var arrowSchema = ArrowTypeMapping.ToArrowSchema(_frame.Schema);
        Save(path, (stream, batches) =>
        {
            using var writer = new ArrowFileWriter(stream, arrowSchema);
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(new RecordBatch(arrowSchema, batch.Columns, batch.Length));
            }
            writer.WriteEnd();
        });
    }

    private void Save(string path, Action<Stream, IEnumerable<RecordBatch>> writePart)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        bool exists = Path.Exists(full);
        if (exists)
        {
            switch (_mode)
            {
                case SaveMode.ErrorIfExists:
                    throw new AnalysisException(
                        $"[PATH_ALREADY_EXISTS] Path {path} already exists. Set mode as \"overwrite\" to overwrite the existing path.");
                case SaveMode.Ignore:
                    return;
                case SaveMode.Overwrite:
                    if (Directory.Exists(full))
                    {
                        Directory.Delete(full, recursive: true);
                    }
                    else
                    {
                        File.Delete(full);
                    }
                    exists = false;
                    break;
            }
        }
        if (exists)
        {
            // Append: commit into a staging folder next to the output, then move the parts in under fresh names.
            string staging = Path.Combine(Path.GetDirectoryName(full)!, "." + Path.GetFileName(full) + "-append-" + Guid.NewGuid().ToString("N"));
            try
            {
                WriteJob(staging, writePart);
                string suffix = Guid.NewGuid().ToString("N");
                foreach (var file in Directory.GetFiles(staging, "part-*"))
                {
                    File.Move(file, Path.Combine(full, Path.GetFileName(file) + "-" + suffix));
                }
                File.WriteAllBytes(Path.Combine(full, AtomicOutputCommitter.SuccessFileName), []);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            return;
        }
        WriteJob(full, writePart);
    }

    private void WriteJob(string path, Action<Stream, IEnumerable<RecordBatch>> writePart)
    {
        var batches = _frame.Execute();
        var committer = AtomicOutputCommitter.Setup(path, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
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
