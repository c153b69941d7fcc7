using Rdd.Core.Serialization;

namespace Rdd.Core.IO;

/// <summary>Runs the job behind SaveAsTextFile, SaveAsObjectFile and checkpoints: each task writes its part, the job commits atomically.</summary>
internal static class ObjectFileWriter
{
    public static void Save<T>(Rdd<T> rdd, string path, string action) =>
        SaveParts(rdd, path, action, static (file, items) =>
        {
            using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            long records = 0;
            ObjectSerializer.WriteAll(stream, Counting(items, () => records++));
            stream.Flush();
            return (records, stream.Length);
        });

    public static void SaveText<T>(Rdd<T> rdd, string path) =>
        SaveParts(rdd, path, nameof(Rdd<T>.SaveAsTextFile), static (file, items) =>
        {
            var writer = new TextPartWriter(file);
            try
            {
                foreach (var item in items) writer.Write(item);
            }
            finally
            {
                writer.Dispose(); // flushes, so BytesWritten below is the file's length
            }
            return (writer.RecordsWritten, writer.BytesWritten);
        });

    private static IEnumerable<T> Counting<T>(IEnumerable<T> items, Action onItem)
    {
        foreach (var item in items)
        {
            onItem();
            yield return item;
        }
    }

    private static void SaveParts<T>(Rdd<T> rdd, string path, string action, Func<string, IEnumerable<T>, (long Records, long Bytes)> writePart)
    {
        var committer = AtomicOutputCommitter.Setup(path, Guid.NewGuid().ToString("N"));
        try
        {
            rdd.Context.Scheduler.RunJob(rdd, (ctx, split) =>
            {
                string file = committer.TaskTempFile(split.Index, ctx.AttemptNumber);
                try
                {
                    var (records, bytes) = writePart(file, rdd.Iterator(split, ctx));
                    ctx.Metrics.RecordsWritten += records;
                    ctx.Metrics.BytesWritten += bytes;
                    committer.CommitTask(split.Index, ctx.AttemptNumber);
                }
                catch
                {
                    committer.AbortTask(split.Index, ctx.AttemptNumber);
                    throw;
                }
                return true;
            }, null, action);
            committer.CommitJob();
        }
        catch
        {
            committer.AbortJob();
            throw;
        }
    }
}
