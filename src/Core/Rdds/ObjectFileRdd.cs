using Rdd.Core.IO;
using Rdd.Core.Scheduling;
using Rdd.Core.Serialization;

namespace Rdd.Core.Rdds;

/// <summary>
/// Elements read back from MessagePack part files (SaveAsObjectFile's output, or a checkpoint): one
/// partition per part file, in name order.
/// </summary>
internal sealed class ObjectFileRdd<T>(RddContext context, string path, string operation) : Rdd<T>(context, operation)
{
    private protected override Partition[] GetPartitions() =>
        PathGlob.Expand(path).Select((file, i) => (Partition)new FilePartition(i, file)).ToArray();

    private protected override IEnumerable<T> Compute(Partition split, TaskContext context)
    {
        var file = ((FilePartition)split).File;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1); // ReadAll buffers itself
        long records = 0;
        foreach (var item in ObjectSerializer.ReadAll<T>(stream))
        {
            records++;
            yield return item;
        }
        context.Metrics.RecordsRead += records;
        context.Metrics.BytesRead += stream.Length;
    }

    private sealed class FilePartition(int index, string file) : Partition(index)
    {
        public string File { get; } = file;
    }
}
